package org.lectern.launcher;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;

/**
 * The one console handler of a launched Lectern: {@code LECTERN_LOG_FORMAT=json} writes one JSON
 * object a line to standard output, the default writes short text lines to standard error.
 *
 * <p>Named in the {@code logging.properties} the launcher hands to Payara Micro, so the JDK's
 * LogManager loads it by name through the system class loader (where {@code lectern.jar} is); it
 * therefore uses nothing but the JDK. Writes to the process's own descriptors, so a redirected
 * {@code System.out} cannot loop back into logging.
 */
public final class ConsoleLogHandler extends Handler {

  /** LogManager property (in the launcher's logging.properties) choosing the format. */
  static final String FORMAT_PROPERTY = ConsoleLogHandler.class.getName() + ".format";

  /**
   * Records of loggers outside {@code org.lectern} below this level are dropped here as well:
   * Payara sets some of its loggers' levels itself, past the configuration.
   */
  static final String OTHERS_LEVEL_PROPERTY = ConsoleLogHandler.class.getName() + ".othersLevel";

  private final PrintStream out;
  private final int othersLevel;

  public ConsoleLogHandler() {
    String format = LogManager.getLogManager().getProperty(FORMAT_PROPERTY);
    boolean json = "json".equalsIgnoreCase(format);
    setFormatter(json ? new JsonLogFormatter() : new TextLogFormatter());
    setLevel(Level.ALL);
    int others = Level.WARNING.intValue();
    try {
      String v = LogManager.getLogManager().getProperty(OTHERS_LEVEL_PROPERTY);
      others = v == null ? others : Level.parse(v.trim()).intValue();
    } catch (IllegalArgumentException ignored) {
      // keep WARNING
    }
    othersLevel = others;
    out =
        new PrintStream(
            new FileOutputStream(json ? FileDescriptor.out : FileDescriptor.err),
            true,
            StandardCharsets.UTF_8);
  }

  @Override
  public void publish(LogRecord record) {
    if (!isLoggable(record)) {
      return;
    }
    String logger = record.getLoggerName();
    boolean lectern = logger != null && logger.startsWith("org.lectern");
    if (!lectern && record.getLevel().intValue() < othersLevel) {
      return;
    }
    Formatter f = getFormatter();
    String line;
    try {
      line = f.format(record);
    } catch (RuntimeException e) {
      reportError(null, e, ErrorManager.FORMAT_FAILURE);
      return;
    }
    synchronized (this) {
      out.print(line);
      out.flush();
    }
  }

  @Override
  public void flush() {
    out.flush();
  }

  @Override
  public void close() {
    out.flush();
  }
}
