package org.lectern.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
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

  private void migrate() {
    try {
      Flyway flyway =
          Flyway.configure(Startup.class.getClassLoader())
              .dataSource(dataSource)
              .locations("classpath:db/migration")
              .failOnMissingLocations(true)
              .load();
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
  }
}
