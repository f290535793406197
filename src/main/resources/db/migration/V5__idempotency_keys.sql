-- The first answer to a POST that carried an Idempotency-Key, replayed for a retry of the same
-- request by the same caller for 24 hours. Keyed by the caller (a user or platform account id,
-- both globally unique), so one school's keys and answers are never visible to another.

CREATE TABLE idempotency_keys (
    caller_id     uuid          NOT NULL,
    idem_key      varchar(255)  NOT NULL,
    request_hash  char(64)      NOT NULL,
    status        integer       NOT NULL,
    location      text,
    etag          text,
    content_type  varchar(255),
    body          text,
    created_at    timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (caller_id, idem_key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
