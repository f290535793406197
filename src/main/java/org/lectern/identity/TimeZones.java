package org.lectern.identity;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.lectern.platform.LecternException;

/** Time zones as profiles name them: IANA region ids such as {@code Europe/Lisbon}, or UTC. */
public final class TimeZones {

  /** The longest IANA zone id is 32 characters; this leaves room without inviting essays. */
  public static final int MAX_LENGTH = 64;

  private TimeZones() {}

  /**
   * The value itself when it names a zone (blank means "the school's", kept as given); else a 400
   * on {@code field}. Fixed offsets such as {@code +02:00} are refused: they ignore daylight
   * saving, so a student's days would shift twice a year.
   */
  public static String checked(String field, String value) {
    if (value == null || value.isBlank()) {
      return value;
    }
    try {
      ZoneId zone = ZoneId.of(value);
      if (zone instanceof ZoneOffset && !value.equals("UTC") && !value.equals("Z")) {
        throw LecternException.invalid(field, "must be an IANA time zone such as Europe/Lisbon");
      }
      return zone.getId().equals("Z") ? "UTC" : value;
    } catch (DateTimeException e) {
      throw LecternException.invalid(
          field, "must be an IANA time zone such as Europe/Lisbon or America/New_York");
    }
  }

  /** The zone of a stored id; UTC for one this JVM no longer knows. */
  public static ZoneId zone(String id) {
    try {
      return id == null ? ZoneOffset.UTC : ZoneId.of(id);
    } catch (DateTimeException e) {
      return ZoneOffset.UTC;
    }
  }
}
