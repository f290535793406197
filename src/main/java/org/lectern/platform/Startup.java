package org.lectern.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Start-up, before the first request is served: migrate the schema, then tell the capabilities
 * (bootstrap admin, tenant manifests) that the database is ready. A failed migration fails the
 * deployment, and the launcher then stops with a clear line.
 */
@ApplicationScoped
public class Startup {

  private static final Logger LOG = Logger.getLogger(Startup.class.getName());

  @Resource(lookup = "java:app/jdbc/lectern")
  DataSource dataSource;

  @Inject Event<DatabaseReady> ready;

  /** Fired once the schema is current; observers do their own start-up work in order. */
  public record DatabaseReady() {}

  /** System property the launcher reads to learn that start-up completed (same JVM). */
  public static final String STARTED_PROPERTY = "lectern.app.started";

  /** System property carrying the reason start-up failed, for the launcher's one-line message. */
  public static final String FAILURE_PROPERTY = "lectern.app.failure";

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    try {
      migrate();
      ready.fire(new DatabaseReady());
      System.setProperty(STARTED_PROPERTY, "true");
    } catch (RuntimeException e) {
      System.setProperty(FAILURE_PROPERTY, String.valueOf(e.getMessage()));
      throw e;
    }
  }

  /**
   * Migrates as the schema's owner ({@code lectern.db.owner.user}, by default the pool's own user),
   * then grants the pool's user what the application needs (afterMigrate.sql). With two roles the
   * application owns no table, and row-level security cannot be switched off from it.
   */
  private void migrate() {
    Config config = ConfigProvider.getConfig();
    String appRole = config.getOptionalValue("lectern.db.user", String.class).orElse("postgres");
    if (!appRole.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
      throw new IllegalStateException(
          "LECTERN_DB_USER must be a plain role name (letters, digits, _), not '" + appRole + "'");
    }
    Optional<String> owner = config.getOptionalValue("lectern.db.owner.user", String.class);
    try {
      FluentConfiguration configuration =
          Flyway.configure(Startup.class.getClassLoader())
              .placeholders(Map.of("appRole", appRole))
              .locations("classpath:db/migration")
              .failOnMissingLocations(true);
      if (owner.isPresent()) {
        configuration.dataSource(
            config.getValue("lectern.db.url", String.class),
            owner.get(),
            config.getOptionalValue("lectern.db.owner.password", String.class).orElse(""));
      } else {
        configuration.dataSource(dataSource);
      }
      Flyway flyway = configuration.load();
      MigrateResult result = flyway.migrate();
      String version = String.valueOf(flyway.info().current().getVersion());
      LOG.info(
          () ->
              "Database schema at version "
                  + version
                  + " ("
                  + result.migrationsExecuted
                  + " migrations applied now)");
    } catch (FlywayException e) {
      throw new IllegalStateException("Database migration failed: " + e.getMessage(), e);
    }
    warnIfRowSecurityIsBypassed();
  }

  /**
   * Row-level security is only a wall for a role that owns no table, is no superuser and has no
   * BYPASSRLS. Development setups often connect as the owner; say so once, at start.
   */
  private void warnIfRowSecurityIsBypassed() {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT current_user, r.rolsuper, r.rolbypassrls, EXISTS (SELECT 1 FROM pg_tables"
                    + " WHERE tableowner = current_user AND schemaname = current_schema())"
                    + " FROM pg_roles r WHERE r.rolname = current_user")) {
      if (rs.next() && (rs.getBoolean(2) || rs.getBoolean(3) || rs.getBoolean(4))) {
        String role = rs.getString(1);
        String why =
            rs.getBoolean(2)
                ? "is a superuser"
                : rs.getBoolean(3) ? "has BYPASSRLS" : "owns the tables";
        LOG.warning(
            () ->
                "The application connects as database role "
                    + role
                    + ", which "
                    + why
                    + ": row-level security does not guard tenants' rows from it. Connect as a"
                    + " role that owns nothing (LECTERN_DB_USER) and migrate as the owner"
                    + " (LECTERN_DB_OWNER_USER).");
      }
    } catch (SQLException e) {
      LOG.warning(() -> "Could not check the application's database role: " + e.getMessage());
    }
  }
}
