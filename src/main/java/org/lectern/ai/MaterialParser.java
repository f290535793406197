package org.lectern.ai;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.lectern.ai.AiDtos.Material;
import org.lectern.platform.Jsons;
import org.lectern.platform.StorableText;

/**
 * Reads the teaching material a text generator wrote. It is asked for strict JSON, but models wrap
 * it in code fences or prose, repeat items, or answer half a shape: the first JSON object in the
 * answer is read, items that do not fit are left out, and an answer with nothing usable is an
 * {@link InvalidMaterial} (the job tries again, since another answer may be fine).
 */
final class MaterialParser {

  private MaterialParser() {}

  /** A comprehension question with the answer a teacher would accept. */
  record Question(String stem, String answer) {}

  /** A word of the story with what it means. */
  record Word(String word, String definition, String partOfSpeech, String example) {}

  /** What was read: the summary, or the questions, or the words. */
  record Parsed(String summary, List<Question> questions, List<Word> words) {

    /** Every text of it, for the moderation gate. */
    String allText() {
      StringBuilder b = new StringBuilder(summary == null ? "" : summary);
      questions.forEach(q -> b.append('\n').append(q.stem()).append('\n').append(q.answer()));
      words.forEach(
          w ->
              b.append('\n')
                  .append(w.word())
                  .append(": ")
                  .append(w.definition())
                  .append(w.example() == null ? "" : "\n" + w.example()));
      return b.toString();
    }
  }

  static final class InvalidMaterial extends Exception {
    InvalidMaterial(String message) {
      super(message);
    }
  }

  /** The instructions (the system message) for {@code material}, asking for {@code count} items. */
  static String instructions(Material material, int count, String language) {
    String lang = " Write in the story's language (" + language + ").";
    return switch (material) {
      case summary ->
          "You write a short summary of a story for school students, at most 120 words."
              + lang
              + " Answer with JSON only, exactly this shape: {\"summary\": \"...\"}";
      case questions ->
          "You write "
              + count
              + " comprehension questions about a story for school students, each answered in"
              + " a few words found in the story."
              + lang
              + " Answer with JSON only, exactly this shape:"
              + " {\"questions\": [{\"stem\": \"...\", \"answer\": \"...\"}]}";
      case vocabulary ->
          "You choose "
              + count
              + " words of a story that school students may not know, each as it appears in the"
              + " story, with a simple definition and an example sentence."
              + lang
              + " Answer with JSON only, exactly this shape: {\"words\": [{\"word\": \"...\","
              + " \"definition\": \"...\", \"partOfSpeech\": \"noun\", \"example\": \"...\"}]}";
    };
  }

  static Parsed parse(Material material, String answer, int count) throws InvalidMaterial {
    JsonObject json = firstObject(answer);
    switch (material) {
      case summary -> {
        String s = text(json.get("summary"), 4000);
        if (s == null) {
          throw new InvalidMaterial("the answer has no summary");
        }
        return new Parsed(s, List.of(), List.of());
      }
      case questions -> {
        List<Question> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonObject o : objects(json.get("questions"))) {
          String stem = text(o.get("stem"), 2000);
          String answerText = text(o.get("answer"), 200);
          if (stem != null && answerText != null && seen.add(stem.toLowerCase(Locale.ROOT))) {
            out.add(new Question(stem, answerText));
          }
          if (out.size() == count) {
            break;
          }
        }
        if (out.isEmpty()) {
          throw new InvalidMaterial("the answer has no usable questions");
        }
        return new Parsed(null, out, List.of());
      }
      case vocabulary -> {
        List<Word> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonObject o : objects(json.get("words"))) {
          String word = text(o.get("word"), 100);
          String definition = text(o.get("definition"), 1000);
          if (word != null
              && definition != null
              && word.codePoints().noneMatch(Character::isWhitespace)
              && seen.add(word.toLowerCase(Locale.ROOT))) {
            out.add(
                new Word(
                    word,
                    definition,
                    text(o.get("partOfSpeech"), 32),
                    text(o.get("example"), 1000)));
          }
          if (out.size() == count) {
            break;
          }
        }
        if (out.isEmpty()) {
          throw new InvalidMaterial("the answer has no usable words");
        }
        return new Parsed(null, List.of(), out);
      }
      default -> throw new IllegalArgumentException(material.name());
    }
  }

  /** The first JSON object in the answer: after any prose or code fence, up to its last brace. */
  private static JsonObject firstObject(String answer) throws InvalidMaterial {
    if (answer == null) {
      throw new InvalidMaterial("the answer is empty");
    }
    int start = answer.indexOf('{');
    int end = answer.lastIndexOf('}');
    if (start < 0 || end < start) {
      throw new InvalidMaterial("the answer holds no JSON object");
    }
    try (var reader =
        Jsons.provider().createReader(new StringReader(answer.substring(start, end + 1)))) {
      return reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      throw new InvalidMaterial("the answer is not valid JSON");
    }
  }

  private static List<JsonObject> objects(JsonValue v) {
    if (!(v instanceof JsonArray array)) {
      return List.of();
    }
    List<JsonObject> out = new ArrayList<>();
    for (JsonValue item : array) {
      if (item instanceof JsonObject o) {
        out.add(o);
      }
    }
    return out;
  }

  /** A trimmed, storable, single-spaced text of at most {@code max} characters, or null. */
  private static String text(JsonValue v, int max) {
    if (!(v instanceof JsonString s)) {
      return null;
    }
    String t = s.getString().strip().replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]", "");
    if (t.isEmpty() || !StorableText.isStorable(t)) {
      return null;
    }
    return t.length() > max ? t.substring(0, max).strip() : t;
  }
}
