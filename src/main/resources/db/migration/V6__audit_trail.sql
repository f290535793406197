-- The audit trail (schema-guide.md, "Audit Trail Pattern"): append-only, and tamper-evident
-- through a hash chain per tenant. Platform-level acts (tenant provisioning, suspension, platform
-- sign-ins) form a chain of their own under the nil tenant id, which no tenant can have.

-- The head of each chain: its last sequence number and hash. Appending locks this row, so writers
-- in one tenant queue up and the chain cannot fork; the head also lets verification notice
-- entries deleted from the end of a chain.
CREATE TABLE audit_heads (
    tenant_id  uuid    PRIMARY KEY,
    seq        bigint  NOT NULL,
    hash       char(64) NOT NULL
);

CREATE TABLE audit_logs (
    tenant_id       uuid         NOT NULL,
    id              uuid         NOT NULL,
    -- Position in the tenant's chain: 1, 2, 3, ... with no gaps.
    seq             bigint       NOT NULL,
    -- user (a school's user), platform (a super-admin, also when acting inside a tenant),
    -- system (manifests at start) or anonymous (a failed sign-in).
    actor_kind      varchar(16)  NOT NULL,
    actor_id        uuid,
    actor_email     varchar(320),
    -- For an act carried out by an approval: who asked for it (actor_id is who approved it).
    requested_by    uuid,
    approval_id     uuid,
    action          varchar(32)  NOT NULL,
    entity_type     varchar(64)  NOT NULL,
    entity_id       uuid,
    old_values      jsonb,
    new_values      jsonb,
    request_id      varchar(128),
    client_address  varchar(64),
    created_at      timestamptz  NOT NULL,
    prev_hash       char(64)     NOT NULL,
    hash            char(64)     NOT NULL,
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT audit_logs_tenant_seq_key UNIQUE (tenant_id, seq),
    CONSTRAINT audit_logs_actor_kind_check
        CHECK (actor_kind IN ('user', 'platform', 'system', 'anonymous')),
    CONSTRAINT audit_logs_action_format CHECK (action ~ '^[A-Z][A-Z_]{1,31}$')
);
-- The seed's indexes, each led by the tenant: by entity, by acting user, by time.
CREATE INDEX audit_logs_tenant_entity_idx ON audit_logs (tenant_id, entity_type, entity_id, seq DESC);
CREATE INDEX audit_logs_tenant_actor_idx ON audit_logs (tenant_id, actor_id, seq DESC);
CREATE INDEX audit_logs_tenant_created_idx ON audit_logs (tenant_id, created_at DESC);
CREATE INDEX audit_logs_tenant_action_idx ON audit_logs (tenant_id, action, seq DESC);

-- The hash of an entry: SHA-256 over a canonical JSON text of every column but the hash itself,
-- the previous entry's hash included. jsonb's text form is canonical (key order, spacing), and
-- the time is written in UTC, so the same row always hashes alike whatever the session settings.
CREATE FUNCTION audit_entry_hash(e audit_logs) RETURNS char(64)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT encode(sha256(convert_to(jsonb_build_object(
        'tenantId', e.tenant_id,
        'id', e.id,
        'seq', e.seq,
        'actorKind', e.actor_kind,
        'actorId', e.actor_id,
        'actorEmail', e.actor_email,
        'requestedBy', e.requested_by,
        'approvalId', e.approval_id,
        'action', e.action,
        'entityType', e.entity_type,
        'entityId', e.entity_id,
        'oldValues', e.old_values,
        'newValues', e.new_values,
        'requestId', e.request_id,
        'clientAddress', e.client_address,
        'createdAt', to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        'prevHash', e.prev_hash)::text, 'UTF8')), 'hex')
$$;

-- Appends one entry to a tenant's chain in the caller's transaction and returns its seq. The
-- head row stays locked until that transaction ends: a rollback leaves neither entry nor head
-- moved, and the next writer continues from the committed head.
CREATE FUNCTION audit_append(
    p_tenant uuid, p_id uuid, p_actor_kind text, p_actor_id uuid, p_actor_email text,
    p_requested_by uuid, p_approval_id uuid, p_action text, p_entity_type text, p_entity_id uuid,
    p_old jsonb, p_new jsonb, p_request_id text, p_client_address text)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    head audit_heads;
    e audit_logs;
BEGIN
    INSERT INTO audit_heads (tenant_id, seq, hash) VALUES (p_tenant, 0, repeat('0', 64))
        ON CONFLICT (tenant_id) DO NOTHING;
    SELECT * INTO head FROM audit_heads WHERE tenant_id = p_tenant FOR UPDATE;
    e.tenant_id := p_tenant;
    e.id := p_id;
    e.seq := head.seq + 1;
    e.actor_kind := p_actor_kind;
    e.actor_id := p_actor_id;
    e.actor_email := p_actor_email;
    e.requested_by := p_requested_by;
    e.approval_id := p_approval_id;
    e.action := p_action;
    e.entity_type := p_entity_type;
    e.entity_id := p_entity_id;
    e.old_values := p_old;
    e.new_values := p_new;
    e.request_id := p_request_id;
    e.client_address := p_client_address;
    e.created_at := date_trunc('microseconds', clock_timestamp());
    e.prev_hash := head.hash;
    e.hash := audit_entry_hash(e);
    INSERT INTO audit_logs SELECT e.*;
    UPDATE audit_heads SET seq = e.seq, hash = e.hash WHERE tenant_id = p_tenant;
    RETURN e.seq;
END
$$;

-- Append-only: PostgreSQL itself refuses to change or remove an entry, whoever asks.
CREATE FUNCTION audit_logs_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_logs is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_logs_no_update BEFORE UPDATE OR DELETE ON audit_logs
    FOR EACH ROW EXECUTE FUNCTION audit_logs_refuse_change();
CREATE TRIGGER audit_logs_no_truncate BEFORE TRUNCATE ON audit_logs
    FOR EACH STATEMENT EXECUTE FUNCTION audit_logs_refuse_change();

INSERT INTO permissions (resource, action, description) VALUES
    ('audit',    '*',       'every action on the audit trail'),
    ('audit',    'read',    'read and verify the audit trail');
