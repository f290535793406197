package org.lectern.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.logging.Logger;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * One database for the whole integration-test run, made before Arquillian boots Payara Micro and
 * dropped at the end: a Testcontainers PostgreSQL when a Docker engine answers, else a fresh
 * database on the server named by {@code LECTERN_TEST_DB_URL} (default: the local server) when
 * something listens there, else the embedded PostgreSQL the run command uses, started for the run
 * and stopped after it (so {@code mvn verify} needs only a JDK and Maven). Publishes the connection
 * as system properties that {@code arquillian.xml} hands to Payara.
 */
public class TestDatabase implements LauncherSessionListener {

  private static final Logger LOG = Logger.getLogger(TestDatabase.class.getName());
  private static final String DEFAULT_SERVER =
      "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

  /** How long to wait for the server at LECTERN_TEST_DB_URL before falling back to embedded. */
  private static final int CONNECT_TIMEOUT_MILLIS = 1000;

  private PostgreSQLContainer<?> container;
  private EmbeddedPostgres embedded;
  private String serverUrl;
  private String database;

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (!Boolean.getBoolean("lectern.it")) {
      return;
    }
    if (System.getProperty("lectern.it.db.url") != null) {
      // A database named on the command line: the application connects as its user unless told
      // otherwise (lectern.it.db.app.user), and row-level security then holds only if that user
      // owns nothing.
      System.setProperty(
          "lectern.it.db.app.user",
          System.getProperty("lectern.it.db.app.user", System.getProperty("lectern.it.db.user")));
      System.setProperty(
          "lectern.it.db.app.password",
          System.getProperty(
              "lectern.it.db.app.password", System.getProperty("lectern.it.db.password", "")));
      return;
    }
    String suffix = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
    System.setProperty("lectern.it.admin.password", "it-admin-" + suffix + "-pass");
    System.setProperty(
        "lectern.it.dataDir",
        System.getProperty("lectern.it.workDir", "target/it") + "/data-" + suffix);
    RotationKey.create(Path.of(System.getProperty("lectern.it.dataDir")).resolve("rotation"));
    if (dockerAnswers()) {
      container = new PostgreSQLContainer<>("postgres:16-alpine");
      container.start();
      publish(container.getJdbcUrl(), container.getUsername(), container.getPassword());
      createAppRole();
      return;
    }
    serverUrl = env("LECTERN_TEST_DB_URL", DEFAULT_SERVER);
    database = "lectern_it_" + suffix;
    if (!listens(serverUrl)) {
      startEmbedded(suffix);
      return;
    }
    try (Connection c = DriverManager.getConnection(serverUrl);
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Integration tests need PostgreSQL: no Docker engine answered and "
              + serverUrl
              + " refused ("
              + e.getMessage()
              + "). Set LECTERN_TEST_DB_URL.",
          e);
    }
    String url = withDatabase(serverUrl, database);
    publish(url, userOf(serverUrl), passwordOf(serverUrl));
    createAppRole();
    LOG.info(() -> "Integration tests use database " + database);
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (container != null) {
      container.stop();
    }
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        LOG.warning(() -> "Embedded PostgreSQL did not stop cleanly: " + e.getMessage());
      }
      return;
    }
    if (database != null) {
      try (Connection c = DriverManager.getConnection(serverUrl);
          Statement st = c.createStatement()) {
        st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      } catch (SQLException e) {
        LOG.warning(() -> "Could not drop " + database + ": " + e.getMessage());
      }
    }
  }

  /**
   * Nothing listens at LECTERN_TEST_DB_URL: run on the embedded PostgreSQL the launcher uses, with
   * a fresh data directory under the IT work dir and its binaries unpacked once beside it. The
   * zonky binaries run as root too, as the launcher's do.
   */
  private void startEmbedded(String suffix) {
    File work = new File(System.getProperty("lectern.it.workDir", "target/it"));
    try {
      embedded =
          EmbeddedPostgres.builder()
              .setDataDirectory(new File(work, "pg-" + suffix))
              .setCleanDataDirectory(true)
              .setOverrideWorkingDirectory(new File(work, "pg-bin"))
              .setPGStartupWait(Duration.ofSeconds(60))
              .start();
      try (Connection c = embedded.getPostgresDatabase().getConnection();
          Statement st = c.createStatement()) {
        st.execute("CREATE DATABASE " + database);
      }
    } catch (IOException | SQLException | RuntimeException e) {
      throw new IllegalStateException(
          "Integration tests need PostgreSQL: no Docker engine answered, nothing listens at "
              + serverUrl
              + " and the embedded PostgreSQL did not start ("
              + e.getMessage()
              + "). Set LECTERN_TEST_DB_URL.",
          e);
    }
    publish(embedded.getJdbcUrl("postgres", database), "postgres", "");
    createAppRole();
    LOG.info(
        () ->
            "Nothing listens at "
                + serverUrl
                + "; integration tests use an embedded PostgreSQL on port "
                + embedded.getPort());
  }

  /**
   * The application's role, as in production: it owns nothing, so row-level security holds for it;
   * the superuser published as {@code lectern.it.db.user} owns and migrates the schema (and is what
   * tests use to look behind the application's back). Roles belong to the whole server, so a
   * concurrent run may have made it already.
   */
  private static void createAppRole() {
    try (Connection c =
            DriverManager.getConnection(
                System.getProperty("lectern.it.db.url"),
                System.getProperty("lectern.it.db.user"),
                System.getProperty("lectern.it.db.password"));
        Statement st = c.createStatement()) {
      st.execute(
          "DO $$ BEGIN CREATE ROLE "
              + APP_ROLE
              + " LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '"
              + APP_PASSWORD
              + "'; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$");
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create the role " + APP_ROLE, e);
    }
    System.setProperty("lectern.it.db.app.user", APP_ROLE);
    System.setProperty("lectern.it.db.app.password", APP_PASSWORD);
  }

  static final String APP_ROLE = "lectern_app";
  private static final String APP_PASSWORD = "lectern-app-it";

  /** A plain TCP connect with a short timeout: does anything listen at the URL's host and port? */
  static boolean listens(String jdbcUrl) {
    URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
    String host = uri.getHost() == null ? "localhost" : uri.getHost();
    int port = uri.getPort() < 0 ? 5432 : uri.getPort();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void publish(String url, String user, String password) {
    System.setProperty("lectern.it.db.url", stripCredentials(url));
    System.setProperty("lectern.it.db.user", user);
    System.setProperty("lectern.it.db.password", password == null ? "" : password);
  }

  private static boolean dockerAnswers() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | Error e) {
      return false;
    }
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  /** jdbc:postgresql://host:port/db?params with the database replaced. */
  static String withDatabase(String url, String db) {
    int q = url.indexOf('?');
    String base = q < 0 ? url : url.substring(0, q);
    String params = q < 0 ? "" : url.substring(q);
    int slash = base.indexOf('/', "jdbc:postgresql://".length());
    return (slash < 0 ? base : base.substring(0, slash)) + "/" + db + params;
  }

  private static String param(String url, String name) {
    int q = url.indexOf('?');
    if (q < 0) {
      return null;
    }
    for (String kv : url.substring(q + 1).split("&")) {
      String[] p = kv.split("=", 2);
      if (p[0].equals(name)) {
        return p.length > 1 ? p[1] : "";
      }
    }
    return null;
  }

  private static String userOf(String url) {
    String u = param(url, "user");
    return u == null ? "postgres" : u;
  }

  private static String passwordOf(String url) {
    return param(url, "password");
  }

  private static String stripCredentials(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }
}
