package org.lectern.launcher;

import fish.payara.micro.BootstrapException;
import fish.payara.micro.PayaraMicro;
import fish.payara.micro.PayaraMicroRuntime;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts Lectern: checks what it can before the server boots (port, keys, database), starts the
 * database (a configured server, or the embedded one under the data dir), then Payara Micro with
 * {@code lectern.war}, and prints a short banner when the application is ready. Every failure ends
 * the process with one line that says what to set, never a stack trace.
 */
public final class Launcher {

  private static final Logger LOG = Logger.getLogger(Launcher.class.getName());
  private static final String EMBEDDED_DB = "lectern";
  private static final String EMBEDDED_APP_ROLE = "lectern_app";

  /** Set for the application: a launcher prints the generated super-admin password itself. */
  private static final String LAUNCHED_PROPERTY = "lectern.launcher";

  /** Where the application leaves the generated super-admin credentials (same JVM). */
  private static final String ADMIN_EMAIL_PROPERTY = "lectern.launcher.bootstrap-admin.email";

  private static final String ADMIN_PASSWORD_PROPERTY = "lectern.launcher.bootstrap-admin.password";

  private Launcher() {}

  /**
   * The JSON-P provider, named so {@code jakarta.json.spi.JsonProvider.provider()} takes its fast
   * path: with the system property it instantiates this class directly; without it, it runs a
   * ServiceLoader scan of the class path (and builds exceptions for the failed lookups) on every
   * call, and Payara's MicroProfile JWT parser calls it on every request. Parsson is the
   * implementation Payara Micro bundles (MICRO-INF/runtime/jakarta.json.jar).
   */
  static final String JSON_PROVIDER_PROPERTY = "jakarta.json.provider";

  static final String JSON_PROVIDER = "org.eclipse.parsson.JsonProviderImpl";

  public static void run(File home, String[] args) {
    long started = System.nanoTime();
    // Before anything touches JSON-P: JsonProvider reads the property once, in a lazy holder.
    if (System.getProperty(JSON_PROVIDER_PROPERTY) == null) {
      System.setProperty(JSON_PROVIDER_PROPERTY, JSON_PROVIDER);
    }
    Settings settings;
    try {
      settings = Settings.fromEnvironment();
    } catch (IllegalArgumentException e) {
      fail("Lectern: " + e.getMessage());
      return;
    }
    Path logProperties;
    try {
      logProperties = settings.logging().apply(settings.dataDir().resolve("config"));
    } catch (RuntimeException e) {
      fail(
          "Lectern cannot write to its data directory "
              + settings.dataDir()
              + " ("
              + rootMessage(e)
              + "); set LECTERN_DATA_DIR to a writable directory.");
      return;
    }
    File war = new File(home, "lectern.war");
    if (!war.isFile()) {
      fail("Lectern: " + war + " is missing; build it with 'mvn package'.");
    }
    checkPortFree(settings.httpPort());
    checkKey("LECTERN_JWT_PRIVATE_KEY", settings.jwtPrivateKey(), true);
    checkKey("LECTERN_JWT_PUBLIC_KEY", settings.jwtPublicKey(), false);
    System.setProperty("lectern.data.dir", settings.dataDir().toString());
    System.setProperty(LAUNCHED_PROPERTY, "true");
    String database;
    if (settings.dbUrl().isEmpty()) {
      database = startEmbeddedPostgres(settings.dataDir());
    } else {
      database = checkDatabase(settings);
    }
    bootPayara(settings, war, logProperties.toFile());
    if (!Boolean.getBoolean("lectern.app.started")) {
      String cause = System.getProperty("lectern.app.failure");
      fail(
          "Lectern did not start: "
              + (cause != null
                  ? cause
                  : "the application failed to deploy (set LECTERN_LOG_LEVEL=FINE for details).")
              + (settings.dbUrl().isPresent()
                  ? " Check LECTERN_DB_URL, LECTERN_DB_USER and LECTERN_DB_PASSWORD."
                  : ""));
    }
    long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
    // Relaunched: count from the start of the JVM the user started.
    String startedAt = System.getProperty(Relaunch.STARTED_PROPERTY);
    if (startedAt != null) {
      try {
        millis = Math.max(millis, System.currentTimeMillis() - Long.parseLong(startedAt));
      } catch (NumberFormatException e) {
        // keep this JVM's own count
      }
    }
    long readyMillis = millis;
    Optional<Banner.Admin> admin = takeGeneratedAdmin();
    String version = version();
    if (settings.logging().json()) {
      LOG.info(
          () ->
              "Lectern "
                  + version
                  + " is ready on http://localhost:"
                  + settings.httpPort()
                  + "/api after "
                  + readyMillis
                  + " ms; database: "
                  + database);
      admin.ifPresent(
          a ->
              LOG.warning(
                  () ->
                      "Platform super-admin created: "
                          + a.email()
                          + " / password: "
                          + a.password()
                          + " (shown once; set LECTERN_BOOTSTRAP_ADMIN_PASSWORD to choose it)"));
    } else {
      PrintStream out = System.out;
      Banner.lines(
              version, settings.httpPort(), database, admin, settings.tenantsDir(), readyMillis)
          .forEach(out::println);
      out.flush();
    }
  }

  private static Optional<Banner.Admin> takeGeneratedAdmin() {
    String email = System.getProperty(ADMIN_EMAIL_PROPERTY);
    String password = System.getProperty(ADMIN_PASSWORD_PROPERTY);
    System.clearProperty(ADMIN_PASSWORD_PROPERTY);
    System.clearProperty(ADMIN_EMAIL_PROPERTY);
    return email == null || password == null
        ? Optional.empty()
        : Optional.of(new Banner.Admin(email, password));
  }

  private static String version() {
    String v = Launcher.class.getPackage().getImplementationVersion();
    return v == null ? "(development build)" : v;
  }

  private static void checkPortFree(int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(port));
    } catch (BindException e) {
      fail(
          "Lectern: port "
              + port
              + " is already in use; stop what uses it or set LECTERN_HTTP_PORT to a free port.");
    } catch (IOException e) {
      fail(
          "Lectern cannot listen on port "
              + port
              + " ("
              + rootMessage(e)
              + "); set LECTERN_HTTP_PORT to another port.");
    }
  }

  /** The JWT keys, PEM text or a file path: readable and of the right kind, before the boot. */
  private static void checkKey(String variable, Optional<String> setting, boolean isPrivate) {
    if (setting.isEmpty()) {
      return;
    }
    String value = setting.get();
    String pem;
    if (value.contains("-----BEGIN")) {
      pem = value;
    } else {
      try {
        pem = Files.readString(Path.of(value.trim()));
      } catch (IOException | RuntimeException e) {
        fail(
            "Lectern: "
                + variable
                + " names the file "
                + value.trim()
                + ", which cannot be read ("
                + e.getClass().getSimpleName()
                + "); set it to a readable PEM file or to the PEM text.");
        return;
      }
    }
    String kind = isPrivate ? "a PKCS#8 RSA private key" : "an X.509 RSA public key";
    if (pem.contains("BEGIN RSA PRIVATE KEY")) {
      fail(
          "Lectern: "
              + variable
              + " is a PKCS#1 key; convert it with 'openssl pkcs8 -topk8 -nocrypt' and set it again.");
    }
    try {
      byte[] der =
          Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      if (isPrivate) {
        rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
      } else {
        rsa.generatePublic(new X509EncodedKeySpec(der));
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      fail("Lectern: " + variable + " is not " + kind + " in PEM form; set it to one.");
    }
  }

  /** A configured server must answer before Payara boots; says which setting to fix if not. */
  private static String checkDatabase(Settings settings) {
    String url = settings.dbUrl().orElseThrow();
    Properties props = new Properties();
    settings.dbUser().ifPresent(u -> props.setProperty("user", u));
    settings.dbPassword().ifPresent(p -> props.setProperty("password", p));
    props.setProperty("connectTimeout", "5");
    props.setProperty("loginTimeout", "10");
    try {
      if (!org.postgresql.Driver.isRegistered()) {
        org.postgresql.Driver.register();
      }
      try (Connection c = new org.postgresql.Driver().connect(url, props)) {
        if (c == null) {
          fail(
              "Lectern: LECTERN_DB_URL must be a PostgreSQL JDBC URL"
                  + " (jdbc:postgresql://HOST:5432/DBNAME), not '"
                  + url
                  + "'.");
        }
      }
    } catch (SQLException e) {
      fail(
          "Lectern cannot reach the database at "
              + url
              + " ("
              + rootMessage(e)
              + "); check LECTERN_DB_URL, LECTERN_DB_USER and LECTERN_DB_PASSWORD.");
    }
    int q = url.indexOf('?');
    return "PostgreSQL at " + (q < 0 ? url : url.substring(0, q)).replace("jdbc:postgresql://", "");
  }

  private static String startEmbeddedPostgres(Path dataDir) {
    Path pgData = dataDir.resolve("postgres");
    try {
      Files.createDirectories(pgData);
      // The zonky binaries run as root as well (initdb's root check is not in them).
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setDataDirectory(pgData)
              .setCleanDataDirectory(false)
              .setOverrideWorkingDirectory(dataDir.resolve("postgres-bin").toFile())
              .setPGStartupWait(Duration.ofSeconds(60))
              .start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(pg), "lectern-pg-stop"));
      createDatabaseIfMissing(pg);
      createAppRoleIfMissing(pg);
      // Two roles, as in production: the superuser owns and migrates the schema, the application
      // connects as a role that owns nothing, so row-level security holds for it.
      System.setProperty("lectern.db.url", pg.getJdbcUrl("postgres", EMBEDDED_DB));
      System.setProperty("lectern.db.owner.user", "postgres");
      System.setProperty("lectern.db.owner.password", "");
      System.setProperty("lectern.db.user", EMBEDDED_APP_ROLE);
      System.setProperty("lectern.db.password", "");
      LOG.fine(() -> "Embedded PostgreSQL running on port " + pg.getPort() + ", data in " + pgData);
      return "embedded PostgreSQL, data in " + pgData;
    } catch (IOException | SQLException | RuntimeException e) {
      LOG.log(Level.FINE, "embedded PostgreSQL failed", e);
      fail(
          "Lectern could not start its embedded PostgreSQL ("
              + rootMessage(e)
              + "). Point it at a PostgreSQL server instead: set LECTERN_DB_URL="
              + "jdbc:postgresql://HOST:5432/DBNAME and LECTERN_DB_USER / LECTERN_DB_PASSWORD.");
      return null;
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

  /** The embedded server trusts local connections, so the role needs no password. */
  private static void createAppRoleIfMissing(EmbeddedPostgres pg) throws SQLException {
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      try (ResultSet rs =
          st.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + EMBEDDED_APP_ROLE + "'")) {
        if (rs.next()) {
          return;
        }
      }
      st.execute("CREATE ROLE " + EMBEDDED_APP_ROLE + " LOGIN NOSUPERUSER NOBYPASSRLS");
    }
  }

  private static PayaraMicroRuntime bootPayara(Settings settings, File war, File logProperties) {
    try {
      PayaraMicro micro = PayaraMicro.getInstance();
      micro.setHttpPort(settings.httpPort());
      micro.setNoCluster(true);
      micro.setNoHazelcast(true);
      micro.setLogPropertiesFile(logProperties);
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
