package org.lectern.launcher;

import fish.payara.micro.BootstrapException;
import fish.payara.micro.PayaraMicro;
import fish.payara.micro.PayaraMicroRuntime;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts Lectern: the database (a configured server, or the embedded one under the data dir), then
 * Payara Micro with {@code lectern.war}. Every failure ends the process with one line that says
 * what to do, never a stack trace.
 */
public final class Launcher {

  private static final Logger LOG = Logger.getLogger(Launcher.class.getName());
  private static final String EMBEDDED_DB = "lectern";

  private Launcher() {}

  public static void run(File home, String[] args) {
    long started = System.nanoTime();
    Settings settings;
    try {
      settings = Settings.fromEnvironment();
    } catch (IllegalArgumentException e) {
      fail(e.getMessage());
      return;
    }
    File war = new File(home, "lectern.war");
    if (!war.isFile()) {
      fail("Lectern: " + war + " is missing; build it with 'mvn package'.");
    }
    System.setProperty("lectern.data.dir", settings.dataDir().toString());
    if (settings.dbUrl().isEmpty()) {
      startEmbeddedPostgres(settings.dataDir());
    }
    PayaraMicroRuntime runtime = bootPayara(settings, war);
    if (!Boolean.getBoolean("lectern.app.started")) {
      String cause = System.getProperty("lectern.app.failure");
      fail(
          "Lectern did not start: "
              + (cause != null
                  ? cause
                  : "the application failed to deploy (the log above says why).")
              + (settings.dbUrl().isPresent()
                  ? " Check LECTERN_DB_URL, LECTERN_DB_USER and LECTERN_DB_PASSWORD."
                  : ""));
    }
    long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
    System.out.printf(
        "Lectern is up on http://localhost:%d/api (health: /health, OpenAPI: /openapi) after %d ms%n",
        settings.httpPort(), millis);
  }

  private static void startEmbeddedPostgres(Path dataDir) {
    Path pgData = dataDir.resolve("postgres");
    try {
      Files.createDirectories(pgData);
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setDataDirectory(pgData)
              .setCleanDataDirectory(false)
              .setOverrideWorkingDirectory(dataDir.resolve("postgres-bin").toFile())
              .setPGStartupWait(Duration.ofSeconds(60))
              .start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(pg), "lectern-pg-stop"));
      createDatabaseIfMissing(pg);
      System.setProperty("lectern.db.url", pg.getJdbcUrl("postgres", EMBEDDED_DB));
      System.setProperty("lectern.db.user", "postgres");
      System.setProperty("lectern.db.password", "");
      LOG.info(() -> "Embedded PostgreSQL running on port " + pg.getPort() + ", data in " + pgData);
    } catch (IOException | SQLException | RuntimeException e) {
      LOG.log(Level.FINE, "embedded PostgreSQL failed", e);
      fail(
          "Lectern could not start its embedded PostgreSQL ("
              + rootMessage(e)
              + "). Point it at a PostgreSQL server instead: set LECTERN_DB_URL="
              + "jdbc:postgresql://HOST:5432/DBNAME and LECTERN_DB_USER / LECTERN_DB_PASSWORD.");
    }
  }

  private static void createDatabaseIfMissing(EmbeddedPostgres pg) throws SQLException {
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      try (ResultSet rs =
          st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + EMBEDDED_DB + "'")) {
        if (rs.next()) {
          return;
        }
      }
      st.execute("CREATE DATABASE " + EMBEDDED_DB);
    }
  }

  private static PayaraMicroRuntime bootPayara(Settings settings, File war) {
    try {
      PayaraMicro micro = PayaraMicro.getInstance();
      micro.setHttpPort(settings.httpPort());
      micro.setNoCluster(true);
      micro.setNoHazelcast(true);
      micro.addDeploymentFile(war);
      return micro.bootStrap();
    } catch (BootstrapException | RuntimeException e) {
      fail("Lectern could not start Payara Micro: " + rootMessage(e));
      return null;
    }
  }

  private static void closeQuietly(EmbeddedPostgres pg) {
    try {
      pg.close();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "embedded PostgreSQL did not stop cleanly", e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  private static void fail(String line) {
    System.err.println(line);
    System.exit(1);
  }
}
