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

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    migrate();
    ready.fire(new DatabaseReady());
    System.setProperty(STARTED_PROPERTY, "true");
  }

  private void migrate() {
    try {
      MigrateResult result =
          Flyway.configure(Startup.class.getClassLoader())
              .dataSource(dataSource)
              .locations("classpath:db/migration")
              .failOnMissingLocations(true)
              .load()
              .migrate();
      LOG.info(
          () ->
              "Database schema at version "
                  + result.targetSchemaVersion
                  + " ("
                  + result.migrationsExecuted
                  + " migrations applied now)");
    } catch (FlywayException e) {
      throw new IllegalStateException("Database migration failed: " + e.getMessage(), e);
    }
  }
}
