package org.lectern.launcher;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.LogManager;

/**
 * The logging of a launched Lectern, as one {@code logging.properties}: Lectern's own loggers at
 * {@code LECTERN_LOG_LEVEL} (default INFO), everything else at WARNING, written by {@link
 * ConsoleLogHandler} as text or ({@code LECTERN_LOG_FORMAT=json}) JSON lines. The launcher applies
 * it at once and hands the same file to Payara Micro, which reads it when it boots.
 */
final class LogSetup {

  /**
   * Loggers quieter than WARNING because what they warn about is known and harmless here: Payara's
   * check of the JDK's CA certificates dumps every expired root in full, the runtime directory
   * lives in a temporary folder on purpose, and Hazelcast's cluster notices do not apply.
   */
  private static final String[] QUIET = {
    // NCLS-SECURITY-05054, SecuritySupportImpl.checkCertificateDates: expired JDK roots in full
    "javax.enterprise.system.security.ssl",
    // "runtime directory is located in a temporary file location": deliberate
    "PayaraMicro",
    // Hazelcast runs without a cluster here; its port notices are moot
    "com.hazelcast"
  };

  /** Loggers Payara sets to INFO itself; held at WARNING like every other library. */
  private static final String[] LIBRARY = {"jakarta.enterprise.web", "javax.enterprise.web"};

  private final Level level;
  private final boolean json;

  LogSetup(Level level, boolean json) {
    this.level = level;
    this.json = json;
  }

  static LogSetup fromSettings(String level, String format) {
    Level parsed;
    try {
      parsed = Level.parse(level == null ? "INFO" : level.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "LECTERN_LOG_LEVEL must be one of SEVERE, WARNING, INFO, FINE, FINER, FINEST, not '"
              + level
              + "'");
    }
    String f = format == null ? "text" : format.trim().toLowerCase(Locale.ROOT);
    if (!f.equals("text") && !f.equals("json")) {
      throw new IllegalArgumentException(
          "LECTERN_LOG_FORMAT must be 'text' or 'json', not '" + format + "'");
    }
    return new LogSetup(parsed, f.equals("json"));
  }

  boolean json() {
    return json;
  }

  Properties properties() {
    Properties p = new Properties();
    p.setProperty("handlers", ConsoleLogHandler.class.getName());
    p.setProperty(ConsoleLogHandler.FORMAT_PROPERTY, json ? "json" : "text");
    p.setProperty(".level", "WARNING");
    p.setProperty(ConsoleLogHandler.OTHERS_LEVEL_PROPERTY, "WARNING");
    for (String quiet : QUIET) {
      p.setProperty(quiet + ".level", "SEVERE");
    }
    for (String library : LIBRARY) {
      p.setProperty(library + ".level", "WARNING");
    }
    p.setProperty("org.lectern.level", level.getName());
    return p;
  }

  /** Applies the configuration to this JVM and writes it where Payara Micro can read it. */
  Path apply(Path dir) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      properties().store(bytes, "Written by the Lectern launcher at each start");
      LogManager.getLogManager().readConfiguration(new ByteArrayInputStream(bytes.toByteArray()));
      Files.createDirectories(dir);
      Path file = dir.resolve("logging.properties");
      Files.write(file, bytes.toByteArray());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
