package org.lectern.community;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lectern.classroom.ClassroomRosters.Member;

/**
 * Who of a classroom's members a post mentions.
 *
 * <p>A member's <em>handle</em> is their display name with everything but letters, digits and
 * {@code _ . ' -} taken out, and without {@code . ' -} at its end: "Zoë Ng" is {@code @ZoëNg},
 * "Mary-Jane O'Neil" {@code @Mary-JaneO'Neil}. Handles compare case-insensitively (Unicode NFC,
 * lower case).
 *
 * <p>A mention is an {@code @} that does not follow a letter, digit, {@code _} or another {@code @}
 * (so an email address mentions no one), followed by a member's handle that is not followed by a
 * further letter or digit: "@Sam's idea" and "@Sam." mention Sam, "@Samantha" does not. Where
 * several handles fit, the longest wins ({@code @SamLee} is Sam Lee, not Sam). A handle two members
 * share mentions both. Text that names no member stays plain text.
 */
final class Mentions {

  private static final Pattern MENTION =
      Pattern.compile("(?<![\\p{L}\\p{M}\\p{Nd}_@])@([\\p{L}\\p{M}\\p{Nd}_.'\\-]+)");

  private Mentions() {}

  /** Whether the text has anything that could be a mention (else nobody needs to be looked up). */
  static boolean any(String text) {
    return MENTION.matcher(text).find();
  }

  /** A display name's handle, lower case; empty when nothing of the name can be typed after @. */
  static String handleOf(String displayName) {
    StringBuilder kept = new StringBuilder();
    Normalizer.normalize(displayName, Normalizer.Form.NFC)
        .codePoints()
        .filter(cp -> isWordChar(cp) || cp == '.' || cp == '\'' || cp == '-')
        .forEach(kept::appendCodePoint);
    String handle = kept.toString().toLowerCase(Locale.ROOT);
    int end = handle.length();
    while (end > 0 && ".'-".indexOf(handle.charAt(end - 1)) >= 0) {
      end--;
    }
    return handle.substring(0, end);
  }

  /** The members the text mentions, in the order it first mentions them. */
  static List<UUID> resolve(String text, List<Member> members) {
    Map<String, List<UUID>> byHandle = new LinkedHashMap<>();
    for (Member m : members) {
      String h = handleOf(m.displayName());
      if (!h.isEmpty()) {
        byHandle.computeIfAbsent(h, k -> new ArrayList<>()).add(m.userId());
      }
    }
    Set<UUID> mentioned = new LinkedHashSet<>();
    Matcher m = MENTION.matcher(text);
    while (m.find()) {
      String token = Normalizer.normalize(m.group(1), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
      String best = null;
      for (String h : byHandle.keySet()) {
        if (token.startsWith(h)
            && (token.length() == h.length() || !isWordChar(token.codePointAt(h.length())))
            && (best == null || h.length() > best.length())) {
          best = h;
        }
      }
      if (best != null) {
        mentioned.addAll(byHandle.get(best));
      }
    }
    return List.copyOf(mentioned);
  }

  private static boolean isWordChar(int cp) {
    int type = Character.getType(cp);
    return Character.isLetterOrDigit(cp)
        || type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || cp == '_';
  }
}
