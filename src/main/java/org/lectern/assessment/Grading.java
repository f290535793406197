package org.lectern.assessment;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How an answer earns credit, 0 to 1, from a question's answer key. The rules, which the API
 * documents:
 *
 * <ul>
 *   <li><b>MCQ, single answer</b>: 1 for the correct choice, else 0.
 *   <li><b>MCQ, multiple answers</b>: (correct choices picked - wrong choices picked) / correct
 *       choices, at least 0 ("right minus wrong"), so picking everything earns nothing.
 *   <li><b>Fill in the blank</b>: the share of blanks answered with one of their accepted answers.
 *   <li><b>Drag and drop, ordering</b>: the share of items placed at their own position.
 *   <li><b>Drag and drop, matching</b>: the share of left items matched to their own right item.
 *   <li><b>Short answer</b>: 1 when it matches an accepted answer; otherwise no credit yet: a
 *       teacher grades it ({@link #PENDING}).
 * </ul>
 *
 * Text is compared after {@link #normalise}: surrounding space dropped, inner runs of space made
 * one, and, unless the question says otherwise, case and diacritics ignored.
 */
final class Grading {

  /** The credit of an answer a teacher has to grade. */
  static final BigDecimal PENDING = null;

  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  private Grading() {}

  /** How accepted answers are compared: the question's {@code matching} rules. */
  record Matching(boolean caseSensitive, boolean diacriticsSensitive) {
    static final Matching LENIENT = new Matching(false, false);

    static Matching of(JsonObject key) {
      JsonObject m = key.getJsonObject("matching");
      if (m == null) {
        return LENIENT;
      }
      return new Matching(
          m.getBoolean("caseSensitive", false), m.getBoolean("diacriticsSensitive", false));
    }
  }

  /** Text as answers are compared: trimmed, single-spaced, and folded as the rules say. */
  static String normalise(String text, Matching m) {
    String s = SPACES.matcher(text.strip()).replaceAll(" ");
    if (!m.diacriticsSensitive()) {
      s = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
      s = Normalizer.normalize(s, Normalizer.Form.NFC);
    }
    if (!m.caseSensitive()) {
      s = s.toLowerCase(Locale.ROOT);
    }
    return s;
  }

  /**
   * The credit of {@code answer} for a question of {@code type} with {@code key}: 0 to 1 with four
   * decimals, or {@link #PENDING} (null) for a short answer a teacher must grade. An answer of the
   * wrong shape earns 0.
   */
  static BigDecimal credit(String type, JsonObject key, JsonObject answer) {
    double c =
        switch (type) {
          case "mcq" -> {
            Set<String> correct = strings(key.getJsonArray("correct"));
            Set<String> picked = strings(answer.getJsonArray("choiceIds"));
            if (!key.getBoolean("multiple", false)) {
              yield picked.size() == 1 && correct.containsAll(picked) ? 1 : 0;
            }
            long right = picked.stream().filter(correct::contains).count();
            long wrong = picked.size() - right;
            yield Math.max(0, (double) (right - wrong) / correct.size());
          }
          case "fill_blank" -> {
            Matching m = Matching.of(key);
            JsonArray blanks = key.getJsonArray("blanks");
            List<String> given = texts(answer.getJsonArray("blanks"));
            int ok = 0;
            for (int i = 0; i < blanks.size(); i++) {
              if (i < given.size() && accepted(blanks.getJsonObject(i), given.get(i), m)) {
                ok++;
              }
            }
            yield (double) ok / blanks.size();
          }
          case "drag_drop" -> {
            if ("matching".equals(key.getString("mode", ""))) {
              JsonObject pairs = key.getJsonObject("pairs");
              JsonObject given = answer.getJsonObject("matches");
              int ok = 0;
              for (String left : pairs.keySet()) {
                if (given != null
                    && given.get(left) instanceof JsonString r
                    && r.getString().equals(pairs.getString(left))) {
                  ok++;
                }
              }
              yield (double) ok / pairs.size();
            }
            List<String> order = texts(key.getJsonArray("order"));
            List<String> given = texts(answer.getJsonArray("order"));
            int ok = 0;
            for (int i = 0; i < order.size(); i++) {
              if (i < given.size() && order.get(i).equals(given.get(i))) {
                ok++;
              }
            }
            yield (double) ok / order.size();
          }
          case "short_answer" -> {
            String text = answer.getString("text", null);
            if (text != null && accepted(key, text, Matching.of(key))) {
              yield 1;
            }
            yield -1; // a teacher decides
          }
          default -> throw new IllegalArgumentException("unknown question type " + type);
        };
    return c < 0 ? PENDING : BigDecimal.valueOf(c).setScale(4, RoundingMode.HALF_UP);
  }

  private static boolean accepted(JsonObject holder, String given, Matching m) {
    String g = normalise(given, m);
    for (String a : texts(holder.getJsonArray("accepted"))) {
      if (normalise(a, m).equals(g)) {
        return true;
      }
    }
    return false;
  }

  /** Points earned: credit times the question's points, to the cent. */
  static BigDecimal points(BigDecimal credit, BigDecimal questionPoints) {
    return credit.multiply(questionPoints).setScale(2, RoundingMode.HALF_UP);
  }

  /** A score as {@code numeric(5,2)} percent: 100 * earned / possible, half up. */
  static BigDecimal score(BigDecimal earned, BigDecimal possible) {
    if (possible.signum() == 0) {
      return BigDecimal.ZERO.setScale(2);
    }
    return earned.multiply(BigDecimal.valueOf(100)).divide(possible, 2, RoundingMode.HALF_UP);
  }

  private static Set<String> strings(JsonArray a) {
    return new HashSet<>(texts(a));
  }

  private static List<String> texts(JsonArray a) {
    List<String> out = new ArrayList<>();
    if (a == null) {
      return out;
    }
    for (JsonValue v : a) {
      out.add(v instanceof JsonString s ? s.getString() : v.toString());
    }
    return out;
  }
}
