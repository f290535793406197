package org.lectern.ai;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The first stage of moderation: word lists per language, {@code policies/moderation/<lang>.txt}
 * (shipped in the application; one term or phrase a line, {@code #} starts a comment line). Needs
 * no provider and never fails.
 *
 * <p>An operator extends them without a rebuild: files of the same names in {@code
 * LECTERN_AI_WORD_LISTS_DIR} are added to the shipped lists (read once, at a language's first use
 * after a start).
 *
 * <p>A text is checked against the list of its primary language and, always, the English list:
 * stories embed English in other languages (chem chunks), and a language without a list of its own
 * still gets a judgement. Terms match whole words and phrases only, compared after Unicode
 * normalisation (NFKC), with accents stripped and case folded: "Scunthorpe" does not match a term
 * it contains, "KÍLL yourself" matches "kill yourself". Spellings that only break a word with
 * punctuation ("B.a.d-word", "s.e.x") or spaces between single letters ("s e x") are joined before
 * comparing.
 */
public final class WordListGate implements ModerationGate {

  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final String FALLBACK = "en";

  /** The most reasons one verdict lists: enough for a reviewer, bounded for storage. */
  static final int MAX_REASONS = 20;

  private final Function<String, Optional<String>> source;
  private final Map<String, Optional<WordList>> lists = new ConcurrentHashMap<>();

  /**
   * @param source a language code ("en") to the text of its list, empty when it has none
   */
  public WordListGate(Function<String, Optional<String>> source) {
    this.source = source;
  }

  /** The lists packaged with the application, under {@code /policies/moderation/}. */
  public static WordListGate fromClasspath() {
    return new WordListGate(WordListGate::packaged);
  }

  /** The lists in a directory of {@code <lang>.txt} files, such as the repository's. */
  public static WordListGate fromDirectory(Path directory) {
    return new WordListGate(language -> file(directory, language));
  }

  /**
   * The packaged lists, each extended by the file of the same name in {@code extra} when there is
   * one; a file there for a language the application has no list for adds that language.
   */
  public static WordListGate packagedAnd(Optional<Path> extra) {
    if (extra.isEmpty()) {
      return fromClasspath();
    }
    return new WordListGate(
        language -> {
          Optional<String> shipped = packaged(language);
          Optional<String> added = file(extra.get(), language);
          if (shipped.isPresent() && added.isPresent()) {
            return Optional.of(shipped.get() + "\n" + added.get());
          }
          return shipped.or(() -> added);
        });
  }

  private static Optional<String> packaged(String language) {
    try (InputStream in =
        WordListGate.class.getResourceAsStream("/policies/moderation/" + language + ".txt")) {
      return in == null
          ? Optional.empty()
          : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<String> file(Path directory, String language) {
    Path file = directory.resolve(language + ".txt");
    try {
      return Files.isRegularFile(file)
          ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Verdict check(String text, String language) {
    if (text == null || text.isBlank()) {
      return Verdict.ALLOWED;
    }
    Words words = Words.of(fold(text));
    LinkedHashSet<String> reasons = new LinkedHashSet<>();
    for (WordList list : listsFor(language)) {
      for (String term : list.matches(words)) {
        if (reasons.size() < MAX_REASONS) {
          reasons.add("word-list:" + list.language() + ":" + term);
        }
      }
    }
    return reasons.isEmpty() ? Verdict.ALLOWED : new Verdict(true, List.copyOf(reasons));
  }

  /** The primary language's list, when there is one, then the English list. */
  List<WordList> listsFor(String language) {
    String primary =
        language == null ? FALLBACK : language.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
    List<WordList> out = new ArrayList<>(2);
    if (LANGUAGE.matcher(primary).matches() && !primary.equals(FALLBACK)) {
      list(primary).ifPresent(out::add);
    }
    list(FALLBACK).ifPresent(out::add);
    return out;
  }

  private Optional<WordList> list(String language) {
    return lists.computeIfAbsent(
        language, l -> source.apply(l).map(text -> WordList.parse(l, text)));
  }

  /** NFKC, then accents stripped and case folded ("ß" becomes "ss"): how text and terms compare. */
  static String fold(String text) {
    String n = Normalizer.normalize(text, Normalizer.Form.NFKC);
    n = MARKS.matcher(Normalizer.normalize(n, Normalizer.Form.NFD)).replaceAll("");
    return n.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
  }

  /**
   * A folded text two ways: {@code tokens}, its runs of letters and digits ("b", "a", "d", "word"),
   * and {@code joined}, its white-space separated chunks with everything but letters and digits
   * taken out ("badword").
   */
  record Words(List<String> tokens, List<String> joined) {

    static Words of(String folded) {
      List<String> tokens = new ArrayList<>();
      List<String> joined = new ArrayList<>();
      StringBuilder token = new StringBuilder();
      StringBuilder chunk = new StringBuilder();
      folded
          .codePoints()
          .forEach(
              cp -> {
                if (Character.isLetterOrDigit(cp)) {
                  token.appendCodePoint(cp);
                  chunk.appendCodePoint(cp);
                  return;
                }
                flush(token, tokens);
                if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                  flush(chunk, joined);
                }
              });
      flush(token, tokens);
      flush(chunk, joined);
      return new Words(tokens, joined);
    }

    private static void flush(StringBuilder b, List<String> into) {
      if (b.length() > 0) {
        into.add(b.toString());
        b.setLength(0);
      }
    }
  }

  /** One language's terms, indexed by their first word and by their words run together. */
  static final class WordList {

    /** A term as listed, its folded words and those words run together. */
    record Term(String entry, List<String> words, String compact) {}

    private final String language;
    private final Map<String, List<Term>> byFirst = new HashMap<>();
    private final Map<String, Term> byCompact = new HashMap<>();

    private WordList(String language, List<Term> terms) {
      this.language = language;
      for (Term t : terms) {
        // "foda-se" and "fodase" are one term: the first listed names it in reasons.
        if (byCompact.putIfAbsent(t.compact(), t) == null) {
          byFirst.computeIfAbsent(t.words().get(0), w -> new ArrayList<>()).add(t);
        }
      }
    }

    /** One term or phrase a line; blank lines and lines starting with {@code #} are skipped. */
    static WordList parse(String language, String text) {
      List<Term> terms = new ArrayList<>();
      text.lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .forEach(
              line -> {
                List<String> words = Words.of(fold(line)).tokens();
                if (!words.isEmpty()) {
                  terms.add(new Term(line, words, String.join("", words)));
                }
              });
      return new WordList(language, terms);
    }

    String language() {
      return language;
    }

    int size() {
      return byCompact.size();
    }

    /** The listed terms the text holds, each once. */
    Set<String> matches(Words words) {
      Set<String> found = new LinkedHashSet<>();
      phrases(words.tokens(), found);
      phrases(words.joined(), found);
      for (String chunk : words.joined()) {
        Term t = byCompact.get(chunk);
        if (t != null) {
          found.add(t.entry());
        }
      }
      spelledOut(words.joined(), found);
      return found;
    }

    /** Terms whose words follow each other in {@code words}. */
    private void phrases(List<String> words, Set<String> found) {
      for (int i = 0; i < words.size(); i++) {
        for (Term t : byFirst.getOrDefault(words.get(i), List.of())) {
          int end = i + t.words().size();
          if (end <= words.size() && words.subList(i, end).equals(t.words())) {
            found.add(t.entry());
          }
        }
      }
    }

    /** Terms spelled out in single letters between spaces: "s e x", "k i l l y o u r s e l f". */
    private void spelledOut(List<String> chunks, Set<String> found) {
      StringBuilder run = new StringBuilder();
      int letters = 0;
      for (int i = 0; i <= chunks.size(); i++) {
        String c = i < chunks.size() ? chunks.get(i) : null;
        if (c != null && c.codePointCount(0, c.length()) == 1) {
          run.append(c);
          letters++;
          continue;
        }
        if (letters >= 3) {
          String spelled = run.toString();
          for (Term t : byCompact.values()) {
            if (spelled.contains(t.compact())) {
              found.add(t.entry());
            }
          }
        }
        run.setLength(0);
        letters = 0;
      }
    }
  }
}
