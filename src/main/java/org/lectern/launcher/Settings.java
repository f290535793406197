package org.lectern.launcher;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Launcher settings: the environment variable ({@code LECTERN_DB_URL}) or, for tools and tests, the
 * system property of the same name in MicroProfile Config spelling ({@code lectern.db.url}).
 */
record Settings(
    Optional<String> dbUrl,
    Optional<String> dbUser,
    Optional<String> dbPassword,
    Path dataDir,
    int httpPort,
    Path tenantsDir,
    LogSetup logging,
    Optional<String> jwtPrivateKey,
    Optional<String> jwtPublicKey,
    boolean adminPasswordSet) {

  static Settings fromEnvironment() {
    Path dataDir = Path.of(value("lectern.data.dir").orElse("data")).toAbsolutePath().normalize();
    String port = value("lectern.http.port").orElse("8080");
    int httpPort;
    try {
      httpPort = Integer.parseInt(port.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "LECTERN_HTTP_PORT must be a port number, not '" + port + "'");
    }
    if (httpPort < 1 || httpPort > 65535) {
      throw new IllegalArgumentException(
          "LECTERN_HTTP_PORT must be a port number (1-65535), not '" + port + "'");
    }
    LogSetup logging =
        LogSetup.fromSettings(
            value("lectern.log.level").orElse(null), value("lectern.log.format").orElse(null));
    return new Settings(
        value("lectern.db.url"),
        value("lectern.db.user"),
        value("lectern.db.password"),
        dataDir,
        httpPort,
        Path.of(value("lectern.tenants.dir").orElse("tenants")).toAbsolutePath().normalize(),
        logging,
        value("lectern.jwt.private-key"),
        value("lectern.jwt.public-key"),
        value("lectern.bootstrap.admin.password").isPresent());
  }

  /** The system property wins over the environment variable, as in MicroProfile Config. */
  static Optional<String> value(String property) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) {
      v = System.getenv(property.toUpperCase().replace('.', '_').replace('-', '_'));
    }
    return Optional.ofNullable(v).filter(s -> !s.isBlank());
  }
}
