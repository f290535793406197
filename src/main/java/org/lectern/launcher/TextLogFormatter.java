package org.lectern.launcher;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The default console format: one short line a record, {@code 12:03:04 WARNING logger: message
 * [requestId=...]}. A failure adds its cause on the same line; the stack trace follows only when
 * {@code LECTERN_LOG_LEVEL} is {@code FINE} or finer.
 */
public final class TextLogFormatter extends Formatter {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  @Override
  public String format(LogRecord record) {
    return format(record, Thread.currentThread().getName());
  }

  String format(LogRecord record, String threadName) {
    StringBuilder b = new StringBuilder(160);
    b.append(
            TIME.format(
                LocalTime.ofInstant(
                    Instant.ofEpochMilli(record.getMillis()), ZoneId.systemDefault())))
        .append(' ')
        .append(record.getLevel().getName())
        .append(' ')
        .append(shortName(record.getLoggerName()))
        .append(": ")
        .append(oneLine(formatMessage(record)));
    Throwable thrown = record.getThrown();
    if (thrown != null) {
      b.append(" (").append(oneLine(rootMessage(thrown))).append(')');
    }
    String requestId = RequestIdOfThread.of(threadName);
    if (requestId != null) {
      b.append(" [requestId=").append(requestId).append(']');
    }
    b.append(System.lineSeparator());
    if (thrown != null && Logger.getLogger("org.lectern").isLoggable(Level.FINE)) {
      StringWriter trace = new StringWriter();
      thrown.printStackTrace(new PrintWriter(trace));
      b.append(trace);
    }
    return b.toString();
  }

  /** The class name of a logger named after a class; other names as they are. */
  static String shortName(String logger) {
    if (logger == null || logger.isEmpty()) {
      return "-";
    }
    int dot = logger.lastIndexOf('.');
    boolean className =
        dot > 0
            && dot < logger.length() - 1
            && Character.isUpperCase(logger.charAt(dot + 1))
            && !logger.contains("/");
    return className ? logger.substring(dot + 1) : logger;
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", " | ");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
