#!/bin/sh
# Runs once, when the PostgreSQL volume is first initialised (docker-entrypoint-initdb.d), as the
# image's superuser. Two roles, so row-level security is a real wall:
#   lectern_owner  owns the schema; Lectern's Flyway migrates as it (BYPASSRLS, for data
#                  migrations that must see every school's rows);
#   lectern_app    what the nodes connect as: owns nothing, no BYPASSRLS, gets only the grants
#                  Lectern's afterMigrate.sql gives it, so it cannot switch the policies off or
#                  touch the audit trail's triggers.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v owner_password="$LECTERN_DB_OWNER_PASSWORD" -v app_password="$LECTERN_DB_PASSWORD" <<'SQL'
CREATE ROLE lectern_owner LOGIN NOSUPERUSER BYPASSRLS PASSWORD :'owner_password';
CREATE ROLE lectern_app LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD :'app_password';
ALTER DATABASE lectern OWNER TO lectern_owner;
ALTER SCHEMA public OWNER TO lectern_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
