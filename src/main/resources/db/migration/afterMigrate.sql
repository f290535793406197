-- Flyway runs this after every migrate, as the schema's owner: it gives the application's role
-- (the pool's user, placeholder appRole) exactly what the application does, on every table,
-- including tables added since the last start. The application's role owns nothing, so it cannot
-- alter a table, switch off row-level security or drop the audit trail's triggers; it may read the
-- audit trail but only append to it through audit_append(). When the application connects as the
-- owner itself (one set of credentials), there is nothing to grant; Lectern warns at start.
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
