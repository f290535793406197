-- Flyway runs this after every migrate, as the schema's owner: it gives the application's role
-- (the pool's user, placeholder appRole) exactly what the application does, on every table,
-- including tables added since the last start. The application's role owns nothing, so it cannot
-- alter a table, switch off row-level security or drop the audit trail's triggers; it may read the
-- audit trail but only append to it through audit_append(). When the application connects as the
-- owner itself (one set of credentials), there is nothing to grant; Lectern warns at start.
--
-- Row-level security reaches every table with a tenant_id column, also those of migrations written
-- after V13: a table without the wall gets it here, with the same policy (RowSecurityIT checks).
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
            AND NOT (c.relrowsecurity AND c.relforcerowsecurity
                AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))
    LOOP
        EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
        IF NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = t) THEN
            EXECUTE format(
                'CREATE POLICY tenant_isolation ON %s USING (tenant_id = lectern_tenant())'
                ' WITH CHECK (tenant_id = lectern_tenant())', t);
        END IF;
    END LOOP;
END
$$;

DO $$
DECLARE
    app text := '${appRole}';
BEGIN
    IF app = current_user THEN
        RETURN;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), app);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I',
        current_schema(), app);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema(), app);
    EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_logs, audit_heads FROM %I', app);
    EXECUTE format('REVOKE ALL ON %I FROM %I', '${flyway:table}', app);
END
$$;
