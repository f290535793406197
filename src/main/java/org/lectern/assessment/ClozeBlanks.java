package org.lectern.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lectern.assessment.ClozeTagger.Token;
import org.lectern.content.ClozeConfig.PartOfSpeech;

/**
 * Which words of a story version a cloze exercise blanks, and the fill-in-the-blank questions that
 * makes. Pure: the same chunks, settings and seed give the same questions, on any machine.
 *
 * <p><b>By part of speech.</b> The candidates of a part of speech are the tokens the tagger gave
 * that part (see {@link ClozeTagger#partOfSpeech}) which hold a letter or digit, counted as they
 * occur (a word used twice is two candidates). Of its {@code n} candidates, {@code round(ratio *
 * n)} (half up) are blanked: the first ones of a shuffle of the candidates by {@link Random} seeded
 * with the exercise's seed and the part of speech. Each part of speech has a shuffle of its own, so
 * changing one ratio never moves another part's blanks, and raising a ratio keeps the blanks the
 * lower one chose and adds to them.
 *
 * <p><b>By marked words.</b> Every occurrence of each word (or phrase) a teacher marked is blanked,
 * whatever its case, where it stands as a whole word: not inside a longer word, except in scripts
 * written without spaces (Chinese, Japanese, Thai, ...), where any occurrence counts. Longer marks
 * win where two overlap. The seed plays no part.
 *
 * <p><b>Questions.</b> One per chunk that has blanks, in chunk order. Its stem is the chunk's text
 * with each blank replaced by {@code ___(k)___}, k counting the question's blanks from 1 in reading
 * order, and blank k's one accepted answer is the word as the text has it. A chunk with more than
 * {@value #MAX_BLANKS} blanks (what the question bank takes of one question) becomes several
 * questions in a row, each cut where a sentence ends after as many blanks as fit (or, in one long
 * sentence, right after the last that fits). Tokens longer than {@value #MAX_WORD} characters are
 * never blanked.
 */
final class ClozeBlanks {

  private ClozeBlanks() {}

  /** A chunk to blank: its order in the version, its text, and its tagged tokens. */
  record Chunk(int order, String text, List<Token> tokens) {}

  /** One question: the chunk it comes from, its stem, and each blank's answer in order. */
  record Question(int chunk, String stem, List<String> answers) {}

  /** Per part of speech: how many words it had and how many were blanked. */
  record Count(PartOfSpeech partOfSpeech, BigDecimal ratio, int words, int blanks) {}

  /** The questions, and the counts by part of speech (empty for marked words). */
  record Result(List<Question> questions, List<Count> counts) {
    int blanks() {
      return questions.stream().mapToInt(q -> q.answers().size()).sum();
    }
  }

  private record Blank(int chunk, int start, int end) {}

  private static final Pattern WORDLIKE = Pattern.compile("[\\p{L}\\p{N}]");

  /**
   * The most blanks one question has: what the question bank takes of a fill-in-the-blank question
   * and of an answer to it.
   */
  static final int MAX_BLANKS = 20;

  /** The longest word blanked (a token past it is a URL or such, no word to guess). */
  static final int MAX_WORD = 100;

  /** A sentence's end: its punctuation and closing quotes or brackets, then space. */
  private static final Pattern SENTENCE_END =
      Pattern.compile("[.!?\u2026]+[\"'\u201d\u2019\u00bb)\\]]*(?=\\s)");

  /** The number of blanks a ratio asks of {@code words} candidates: half up. */
  static int share(BigDecimal ratio, int words) {
    return ratio
        .multiply(BigDecimal.valueOf(words))
        .setScale(0, RoundingMode.HALF_UP)
        .intValueExact();
  }

  /** Blanks by part of speech at these ratios (see the class comment). */
  static Result byPartOfSpeech(
      List<Chunk> chunks, Map<PartOfSpeech, BigDecimal> ratios, long seed) {
    Map<PartOfSpeech, List<Blank>> candidates = new EnumMap<>(PartOfSpeech.class);
    for (Chunk c : chunks) {
      for (Token t : c.tokens()) {
        String word = c.text().substring(t.start(), t.end());
        if (word.length() > MAX_WORD || !WORDLIKE.matcher(word).find()) {
          continue;
        }
        ClozeTagger.partOfSpeech(t.tag())
            .filter(ratios::containsKey)
            .ifPresent(
                p ->
                    candidates
                        .computeIfAbsent(p, k -> new ArrayList<>())
                        .add(new Blank(c.order(), t.start(), t.end())));
      }
    }
    List<Blank> chosen = new ArrayList<>();
    List<Count> counts = new ArrayList<>();
    for (Map.Entry<PartOfSpeech, BigDecimal> e : new EnumMap<>(ratios).entrySet()) {
      List<Blank> words = candidates.getOrDefault(e.getKey(), List.of());
      int k = share(e.getValue(), words.size());
      chosen.addAll(shuffled(words, random(seed, e.getKey())).subList(0, k));
      counts.add(new Count(e.getKey(), e.getValue(), words.size(), k));
    }
    return new Result(questions(chunks, chosen), counts);
  }

  /** Blanks every whole-word occurrence of the marked words (see the class comment). */
  static Result byMarkedWords(List<Chunk> chunks, List<String> words) {
    Pattern marks = marks(words);
    List<Blank> chosen = new ArrayList<>();
    for (Chunk c : chunks) {
      Matcher m = marks.matcher(c.text());
      while (m.find()) {
        chosen.add(new Blank(c.order(), m.start(), m.end()));
      }
    }
    return new Result(questions(chunks, chosen), List.of());
  }

  /** The marked words that occur nowhere in these chunks, as marked. */
  static List<String> missing(List<Chunk> chunks, List<String> words) {
    List<String> out = new ArrayList<>();
    for (String w : distinct(words)) {
      Pattern one = marks(List.of(w));
      if (chunks.stream().noneMatch(c -> one.matcher(c.text()).find())) {
        out.add(w);
      }
    }
    return out;
  }

  /** Each word once, whatever its case, in the order first given. */
  static List<String> distinct(List<String> words) {
    Map<String, String> byKey = new LinkedHashMap<>();
    for (String w : words) {
      byKey.putIfAbsent(w.strip().toLowerCase(Locale.ROOT), w.strip());
    }
    return List.copyOf(byKey.values());
  }

  // ---------------------------------------------------------------- helpers

  /**
   * A seeded generator per part of speech. {@link Random}'s algorithm is fixed by its
   * specification, so a seed means the same shuffle on every JVM; the part's name (its {@link
   * String#hashCode}, also specified) keeps the parts' shuffles apart.
   */
  private static Random random(long seed, PartOfSpeech p) {
    return new Random(seed * 31 + p.name().hashCode());
  }

  /** A Fisher-Yates shuffle written out, so that it cannot change under us. */
  private static <T> List<T> shuffled(List<T> items, Random random) {
    List<T> out = new ArrayList<>(items);
    for (int i = out.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      T t = out.get(i);
      out.set(i, out.get(j));
      out.set(j, t);
    }
    return out;
  }

  private static List<Question> questions(List<Chunk> chunks, List<Blank> chosen) {
    List<Question> out = new ArrayList<>();
    for (Chunk c : chunks) {
      List<Blank> mine = new ArrayList<>();
      int at = 0;
      for (Blank b :
          chosen.stream()
              .filter(b -> b.chunk() == c.order())
              .sorted(Comparator.comparingInt(Blank::start))
              .toList()) {
        if (b.start() >= at) { // overlaps cannot come from one tokenizer; kept safe anyway
          mine.add(b);
          at = b.end();
        }
      }
      int from = 0;
      for (int i = 0; i < mine.size(); ) {
        int j = Math.min(i + MAX_BLANKS, mine.size());
        int to = c.text().length();
        if (j < mine.size()) {
          int cut = -1;
          int g = j;
          for (; g > i && cut < 0; g--) {
            cut = sentenceEnd(c.text(), mine.get(g - 1).end(), mine.get(g).start());
          }
          if (cut < 0) {
            g = j - 1; // one long sentence: cut right after the last blank that fits
            cut = mine.get(j - 1).end();
          }
          j = g + 1;
          to = cut;
        }
        out.add(question(c, from, to, mine.subList(i, j)));
        from = to;
        i = j;
      }
    }
    return out;
  }

  /** The question of {@code text[from, to)} of a chunk with these blanks in it. */
  private static Question question(Chunk c, int from, int to, List<Blank> blanks) {
    StringBuilder stem = new StringBuilder();
    List<String> answers = new ArrayList<>();
    int at = from;
    for (Blank b : blanks) {
      stem.append(c.text(), at, b.start()).append(marker(answers.size() + 1));
      answers.add(c.text().substring(b.start(), b.end()));
      at = b.end();
    }
    stem.append(c.text(), at, to);
    return new Question(c.order(), stem.toString().strip(), List.copyOf(answers));
  }

  /** Where the last sentence ending in {@code text[from, to)} ends, or -1 if none does. */
  private static int sentenceEnd(String text, int from, int to) {
    Matcher m = SENTENCE_END.matcher(text).region(from, to);
    int end = -1;
    while (m.find()) {
      end = m.end();
    }
    return end;
  }

  static String marker(int k) {
    return "___(" + k + ")___";
  }

  /** One pattern for all marked words, the longest first so that it wins an overlap. */
  private static Pattern marks(List<String> words) {
    List<String> sorted = new ArrayList<>(distinct(words));
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    StringBuilder regex = new StringBuilder();
    for (String w : sorted) {
      if (!regex.isEmpty()) {
        regex.append('|');
      }
      regex
          .append(spaced(w.codePointAt(0)) ? "(?<![\\p{L}\\p{N}\\p{M}])" : "")
          .append(Pattern.quote(w))
          .append(spaced(w.codePointBefore(w.length())) ? "(?![\\p{L}\\p{N}\\p{M}])" : "");
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  /** Whether words of this character's script are separated by spaces. */
  private static boolean spaced(int codePoint) {
    return switch (Character.UnicodeScript.of(codePoint)) {
      case HAN, HIRAGANA, KATAKANA, THAI, LAO, KHMER, MYANMAR, TIBETAN -> false;
      default -> true;
    };
  }
}
