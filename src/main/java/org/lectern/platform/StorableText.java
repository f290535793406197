package org.lectern.platform;

/**
 * Text that PostgreSQL can store: {@code text} and {@code jsonb} refuse the NUL character, and a
 * lone UTF-16 surrogate cannot be encoded as UTF-8 at all. Both used to reach the database and come
 * back as a 500; they are refused at the edge instead, naming the field.
 */
public final class StorableText {

  /** What an answer says about text that fails {@link #isStorable}. */
  public static final String MESSAGE =
      "must not contain the NUL character or unpaired surrogate code units";

  private StorableText() {}

  public static boolean isStorable(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c == '\u0000') {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
