package org.lectern.platform;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one pool to PostgreSQL. Payara resolves the {@code MPCONFIG} references when it creates the
 * pool, from system properties (the launcher sets them for the embedded database) or from the
 * environment ({@code LECTERN_DB_URL}, ...). Defaults here cannot come from
 * microprofile-config.properties: the pool is made before the application's config is read.
 *
 * <p>{@code stringType=unspecified} lets PostgreSQL type bound strings itself, which is how uuid,
 * jsonb and text[] values travel through EclipseLink without vendor casts in every query.
 */
@DataSourceDefinition(
    name = "java:app/jdbc/lectern",
    className = "org.postgresql.ds.PGConnectionPoolDataSource",
    url = "${MPCONFIG=lectern.db.url}",
    user = "${MPCONFIG=lectern.db.user:postgres}",
    password = "${MPCONFIG=lectern.db.password:}",
    minPoolSize = 2,
    maxPoolSize = 30,
    properties = {
      "stringType=unspecified",
      "ApplicationName=lectern",
      "fish.payara.is-connection-validation-required=true",
      "fish.payara.connection-validation-method=meta-data",
      "fish.payara.fail-all-connections=true"
    })
@ApplicationScoped
public class DataSourceConfig {}
