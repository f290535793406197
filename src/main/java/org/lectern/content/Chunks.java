package org.lectern.content;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.lectern.platform.LecternException;

/**
 * How a story version's text and its chunks relate. The text is the chunks joined by blank lines;
 * text split on blank lines (lines holding only spaces count as blank) gives the chunks back, each
 * stripped of surrounding white space, as the seed's data migration splits stories.
 *
 * <p>{@code chemRatio} is the share of the story's words that sit in {@code chem} chunks (English
 * embedded in a native-language story) among the words of its {@code normal} and {@code chem}
 * chunks; {@code explain} chunks are notes for the reader and count for neither. Words are counted
 * as in {@link Story#countWords}. The ratio has four decimals, rounded half up, and is null when
 * the story has no such words.
 */
public final class Chunks {

  private Chunks() {}

  /** What a chunk is. */
  public enum Type {
    normal,
    chem,
    explain
  }

  /** One chunk's text and type. */
  public record Piece(String text, Type type) {}

  private static final Pattern BLANK_LINE = Pattern.compile("\\r?\\n[ \\t\\r\\x0B\\f]*\\n");

  /** The chunks of {@code content}, all of type {@code normal}. */
  public static List<Piece> split(String content) {
    return split(content, List.of());
  }

  /**
   * The chunks of {@code content}. A chunk whose text is also a chunk of {@code previous} keeps
   * that chunk's type, so editing one paragraph does not lose the marks on the others; equal texts
   * are matched in order.
   */
  public static List<Piece> split(String content, List<Piece> previous) {
    Map<String, Deque<Type>> earlier = new HashMap<>();
    for (Piece p : previous) {
      earlier.computeIfAbsent(p.text(), k -> new ArrayDeque<>()).add(p.type());
    }
    List<Piece> out = new ArrayList<>();
    for (String part : BLANK_LINE.split(content, -1)) {
      String text = part.strip();
      if (text.isEmpty()) {
        continue;
      }
      Deque<Type> types = earlier.get(text);
      Type type = types == null || types.isEmpty() ? Type.normal : types.poll();
      out.add(new Piece(text, type));
    }
    return out;
  }

  /** The text of these chunks: joined by one blank line. */
  public static String join(List<Piece> pieces) {
    StringBuilder sb = new StringBuilder();
    for (Piece p : pieces) {
      if (!sb.isEmpty()) {
        sb.append("\n\n");
      }
      sb.append(p.text());
    }
    return sb.toString();
  }

  /**
   * Checks chunks given one by one: each must hold text, and no blank line, which would make it two
   * chunks when the text is split again.
   */
  public static List<Piece> requireValid(List<Piece> pieces) {
    List<LecternException.FieldError> errors = new ArrayList<>();
    List<Piece> out = new ArrayList<>();
    for (int i = 0; i < pieces.size(); i++) {
      Piece p = pieces.get(i);
      String text = p.text() == null ? "" : p.text().strip();
      if (text.isEmpty()) {
        errors.add(new LecternException.FieldError("chunks[" + i + "].text", "must not be blank"));
      } else if (BLANK_LINE.matcher(text).find()) {
        errors.add(
            new LecternException.FieldError(
                "chunks[" + i + "].text",
                "must not contain a blank line; make each paragraph a chunk of its own"));
      }
      out.add(new Piece(text, p.type() == null ? Type.normal : p.type()));
    }
    if (pieces.isEmpty()) {
      errors.add(new LecternException.FieldError("chunks", "a story has at least one chunk"));
    }
    if (!errors.isEmpty()) {
      throw LecternException.invalid("chunks.invalid", "Some chunks are not valid.", errors);
    }
    return out;
  }

  /** See the class comment. */
  public static BigDecimal chemRatio(List<Piece> pieces) {
    long chem = 0;
    long story = 0;
    for (Piece p : pieces) {
      if (p.type() == Type.explain) {
        continue;
      }
      int words = Story.countWords(p.text());
      story += words;
      if (p.type() == Type.chem) {
        chem += words;
      }
    }
    if (story == 0) {
      return null;
    }
    return BigDecimal.valueOf(chem).divide(BigDecimal.valueOf(story), 4, RoundingMode.HALF_UP);
  }
}
