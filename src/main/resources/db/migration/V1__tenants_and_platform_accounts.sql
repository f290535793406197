-- Tenants (schools) and the platform's own global accounts (super-admins), which belong to no tenant.

CREATE TABLE tenants (
    id              uuid         PRIMARY KEY,
    slug            varchar(63)  NOT NULL,
    name            varchar(200) NOT NULL,
    status          varchar(16)  NOT NULL DEFAULT 'active',
    -- Bumped in the transaction of every change to the tenant's roles, grants, policies or role
    -- assignments; every node compares it with its cached enforcer on each request.
    policy_version  bigint       NOT NULL DEFAULT 0,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    updated_at      timestamptz  NOT NULL DEFAULT now(),
    version         bigint       NOT NULL DEFAULT 0,
    CONSTRAINT tenants_slug_key UNIQUE (slug),
    CONSTRAINT tenants_slug_format CHECK (slug ~ '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$'),
    CONSTRAINT tenants_status_check CHECK (status IN ('active', 'suspended'))
);

CREATE TABLE platform_accounts (
    id                 uuid         PRIMARY KEY,
    email              varchar(254) NOT NULL,
    display_name       varchar(200) NOT NULL,
    password_hash      varchar(512) NOT NULL,
    roles              text[]       NOT NULL DEFAULT '{}',
    is_active          boolean      NOT NULL DEFAULT true,
    created_at         timestamptz  NOT NULL DEFAULT now(),
    updated_at         timestamptz  NOT NULL DEFAULT now(),
    version            bigint       NOT NULL DEFAULT 0,
    CONSTRAINT platform_accounts_roles_check CHECK (roles <@ ARRAY['super_admin', 'system_admin']::text[])
);
CREATE UNIQUE INDEX platform_accounts_email_key ON platform_accounts (lower(email));
