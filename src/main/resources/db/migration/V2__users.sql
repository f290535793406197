-- A school's people. Learner fields follow the seed's users table (migration-strategy.md).

CREATE TABLE users (
    tenant_id           uuid         NOT NULL REFERENCES tenants (id),
    id                  uuid         NOT NULL,
    email               varchar(254) NOT NULL,
    display_name        varchar(200) NOT NULL,
    password_hash       varchar(512) NOT NULL,
    is_active           boolean      NOT NULL DEFAULT true,
    grade_level         varchar(50),
    preferred_language  varchar(35)  NOT NULL DEFAULT 'en',
    reading_level       varchar(50),
    interests           text[]       NOT NULL DEFAULT '{}',
    last_active_at      timestamptz,
    total_reading_time  integer      NOT NULL DEFAULT 0,
    books_completed     integer      NOT NULL DEFAULT 0,
    current_streak      integer      NOT NULL DEFAULT 0,
    longest_streak      integer      NOT NULL DEFAULT 0,
    created_at          timestamptz  NOT NULL DEFAULT now(),
    updated_at          timestamptz  NOT NULL DEFAULT now(),
    version             bigint       NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT users_counters_check CHECK (
        total_reading_time >= 0 AND books_completed >= 0
        AND current_streak >= 0 AND longest_streak >= current_streak)
);
CREATE UNIQUE INDEX users_tenant_email_key ON users (tenant_id, lower(email));
CREATE INDEX users_tenant_active_idx ON users (tenant_id, is_active);
CREATE INDEX users_tenant_created_idx ON users (tenant_id, created_at DESC, id DESC);
