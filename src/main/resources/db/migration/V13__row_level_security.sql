-- Row-level security, the second wall behind EclipseLink's tenant discriminator: every table with a
-- tenant_id column shows and accepts only the rows of the tenant the transaction is bound to. The
-- application binds each transaction with set_config('lectern.tenant_id', <uuid>, true) in front
-- of its first statement (org.lectern.tenancy.RowSecurity); unbound, a transaction sees no
-- tenant's rows and can write none. The application's role owns no table (afterMigrate.sql grants
-- it what it may do), so it can neither switch these policies off nor touch the audit triggers.

-- The tenant the current transaction is bound to, or NULL. STABLE and inlinable: the planner
-- evaluates it once per statement and can use it as an index key.
CREATE FUNCTION lectern_tenant() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT nullif(current_setting('lectern.tenant_id', true), '')::uuid
$$;

DO $$
DECLARE
    t regclass;
BEGIN
    FOR t IN
        SELECT c.oid::regclass
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
    LOOP
        EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
        EXECUTE format(
            'CREATE POLICY tenant_isolation ON %s USING (tenant_id = lectern_tenant())'
            ' WITH CHECK (tenant_id = lectern_tenant())', t);
    END LOOP;
END
$$;

-- Appending to the audit trail is the one write that may leave the bound tenant: a platform act
-- (provisioning a school, suspending one) goes to the platform's chain, under the nil tenant id,
-- from whatever school the transaction is bound to. The function runs as the tables' owner (the
-- application's role may only read the trail), refuses any chain but the bound tenant's and the
-- platform's, and binds itself to the chain it appends to for as long as it writes.
CREATE OR REPLACE FUNCTION audit_append(
    p_tenant uuid, p_id uuid, p_actor_kind text, p_actor_id uuid, p_actor_email text,
    p_requested_by uuid, p_approval_id uuid, p_action text, p_entity_type text, p_entity_id uuid,
    p_old jsonb, p_new jsonb, p_request_id text, p_client_address text)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    bound text := current_setting('lectern.tenant_id', true);
    head audit_heads;
    e audit_logs;
BEGIN
    IF p_tenant <> '00000000-0000-0000-0000-000000000000'::uuid
            AND p_tenant IS DISTINCT FROM lectern_tenant() THEN
        RAISE EXCEPTION 'audit chain % is neither the bound tenant''s nor the platform''s', p_tenant
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM set_config('lectern.tenant_id', p_tenant::text, true);
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
    PERFORM set_config('lectern.tenant_id', coalesce(bound, ''), true);
    RETURN e.seq;
END
$$;
