package org.lectern.launcher;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * {@code LECTERN_LOG_FORMAT=json}: one JSON object a line, with {@code time}, {@code level}, {@code
 * logger}, {@code message}, {@code thread}, the {@code requestId} of the request being served (when
 * there is one) and, for a failure, {@code exception} with its stack trace.
 */
public final class JsonLogFormatter extends Formatter {

  @Override
  public String format(LogRecord record) {
    return format(record, Thread.currentThread().getName());
  }

  /** Formats a record logged on the thread named {@code threadName}. */
  String format(LogRecord record, String threadName) {
    StringBuilder b = new StringBuilder(256);
    b.append('{');
    field(b, "time", Instant.ofEpochMilli(record.getMillis()).toString()).append(',');
    field(b, "level", record.getLevel().getName()).append(',');
    field(b, "logger", record.getLoggerName() == null ? "" : record.getLoggerName()).append(',');
    field(b, "message", formatMessage(record));
    String requestId = RequestIdOfThread.of(threadName);
    if (threadName != null) {
      b.append(',');
      field(b, "thread", RequestIdOfThread.threadWithoutRequestId(threadName));
    }
    if (requestId != null) {
      b.append(',');
      field(b, "requestId", requestId);
    }
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      b.append(',');
      field(b, "exception", trace.toString());
    }
    return b.append("}\n").toString();
  }

  private static StringBuilder field(StringBuilder b, String name, String value) {
    quote(b, name).append(':');
    return quote(b, value == null ? "" : value);
  }

  static StringBuilder quote(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"');
  }
}
