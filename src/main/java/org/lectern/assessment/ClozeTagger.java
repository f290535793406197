package org.lectern.assessment;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTagFormat;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.tokenize.SimpleTokenizer;
import opennlp.tools.tokenize.Tokenizer;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.util.Span;
import org.lectern.content.ClozeConfig.PartOfSpeech;

/**
 * Parts of speech of a story's words, from Apache OpenNLP's maximum-entropy tagger with the models
 * of the {@code opennlp-models-pos-<lang>} (and {@code opennlp-models-tokenizer-<lang>}) artifacts
 * on the classpath. Each such jar holds a {@code model.properties} naming its model file and
 * language at the jar's root; this reads those once, so a language has a tagger exactly when its
 * model jar is a dependency. (OpenNLP's own classpath finder lives in a further artifact and scans
 * class loaders by reflection, which an application server's class loaders do not allow.)
 *
 * <p>A model is loaded the first time its language is asked for (about a second and a few MB for
 * English) and kept for the application's life; models are thread-safe, while OpenNLP's tokenizer
 * and tagger objects are not, so each call makes its own, which is cheap. The tagger is asked for
 * Universal Dependencies tags ({@link POSTagFormat#UD}), which {@link #partOfSpeech} maps to the
 * parts of speech cloze settings name.
 */
@ApplicationScoped
public class ClozeTagger {

  /** A token of a text: its place ({@code start} inclusive, {@code end} exclusive) and UD tag. */
  public record Token(int start, int end, String tag) {}

  /** A language's tagger: its models, shared by every call. */
  public static final class Tagger {
    private final String name;
    private final POSModel pos;
    private final TokenizerModel tokens;

    Tagger(String name, POSModel pos, TokenizerModel tokens) {
      this.name = name;
      this.pos = pos;
      this.tokens = tokens;
    }

    /** What answers call it: {@code opennlp-<lang>}. */
    public String name() {
      return name;
    }

    /**
     * The tokens of {@code text} with their tags. Each sentence (ending at a token of only {@code .
     * ! ?}) is tagged as a sequence of its own, as the models were trained; a run of more than
     * {@value ClozeTagger#MAX_SEQUENCE} tokens without one (verse, lists) is cut there, because the
     * tagger's cost grows faster than the length of a sequence.
     */
    public List<Token> tag(String text) {
      Tokenizer tokenizer = tokens == null ? SimpleTokenizer.INSTANCE : new TokenizerME(tokens);
      POSTaggerME tagger = new POSTaggerME(pos, POSTagFormat.UD);
      Span[] spans = tokenizer.tokenizePos(text);
      String[] words = Span.spansToStrings(spans, text);
      List<Token> out = new ArrayList<>(spans.length);
      int from = 0;
      for (int i = 0; i < words.length; i++) {
        if (i == words.length - 1
            || i - from + 1 == MAX_SEQUENCE
            || SENTENCE_END.matcher(words[i]).matches()) {
          String[] sentence = Arrays.copyOfRange(words, from, i + 1);
          String[] tags = tagger.tag(sentence);
          for (int j = 0; j < sentence.length; j++) {
            Span s = spans[from + j];
            out.add(new Token(s.getStart(), s.getEnd(), tags[j]));
          }
          from = i + 1;
        }
      }
      return out;
    }
  }

  /** The longest sequence of tokens tagged at once. */
  static final int MAX_SEQUENCE = 100;

  private static final Pattern SENTENCE_END = Pattern.compile("[.!?\u2026]+");

  /** Model files found on the classpath, by language; read once. */
  private volatile Map<String, ModelFiles> catalogue;

  private final Map<String, Tagger> loaded = new ConcurrentHashMap<>();

  private record ModelFiles(String pos, String tokens) {}

  /**
   * The tagger of this language (a BCP 47 tag such as {@code en} or {@code en-GB}; its primary
   * subtag decides), if a model for it is on the classpath.
   */
  public Optional<Tagger> forLanguage(String language) {
    String lang = primary(language);
    ModelFiles files = catalogue().get(lang);
    if (files == null || files.pos() == null) {
      return Optional.empty();
    }
    // One load per language even when the first requests come together; a failed load is not
    // kept, so the next request tries again.
    return Optional.of(loaded.computeIfAbsent(lang, l -> load(l, files)));
  }

  /** Whether this language has a tagger, without loading its model. */
  public boolean covers(String language) {
    ModelFiles files = catalogue().get(primary(language));
    return files != null && files.pos() != null;
  }

  /** The languages that have a tagger, for answers that say which do. */
  public Set<String> languages() {
    Set<String> out = new TreeSet<>();
    catalogue()
        .forEach(
            (lang, files) -> {
              if (files.pos() != null) {
                out.add(lang);
              }
            });
    return out;
  }

  /**
   * The cloze part of speech of a Universal Dependencies tag, if cloze exercises blank such words.
   * Auxiliaries count as verbs and both kinds of conjunction as conjunctions; proper nouns are left
   * out (a name cannot be told from its context), as are particles, punctuation, symbols, unknown
   * words ({@code X}) and the joined tags the English model gives contractions ({@code AUX+PART}
   * for "didn't").
   */
  public static Optional<PartOfSpeech> partOfSpeech(String udTag) {
    PartOfSpeech p =
        switch (udTag) {
          case "NOUN" -> PartOfSpeech.noun;
          case "VERB", "AUX" -> PartOfSpeech.verb;
          case "ADJ" -> PartOfSpeech.adjective;
          case "ADV" -> PartOfSpeech.adverb;
          case "PRON" -> PartOfSpeech.pronoun;
          case "ADP" -> PartOfSpeech.preposition;
          case "CCONJ", "SCONJ" -> PartOfSpeech.conjunction;
          case "DET" -> PartOfSpeech.determiner;
          case "NUM" -> PartOfSpeech.numeral;
          case "INTJ" -> PartOfSpeech.interjection;
          default -> null; // PROPN, PART, PUNCT, SYM, X and joined tags
        };
    return Optional.ofNullable(p);
  }

  static String primary(String language) {
    if (language == null) {
      return "";
    }
    int dash = language.indexOf('-');
    return (dash < 0 ? language : language.substring(0, dash)).toLowerCase(Locale.ROOT);
  }

  private Map<String, ModelFiles> catalogue() {
    Map<String, ModelFiles> c = catalogue;
    if (c == null) {
      synchronized (this) {
        c = catalogue;
        if (c == null) {
          c = scan();
          catalogue = c;
        }
      }
    }
    return c;
  }

  /** Every {@code model.properties} on the classpath: its model's language and file name. */
  private static Map<String, ModelFiles> scan() {
    Map<String, ModelFiles> out = new HashMap<>();
    try {
      Enumeration<URL> found = loader().getResources("model.properties");
      for (URL url : Collections.list(found)) {
        Properties p = new Properties();
        try (InputStream in = url.openStream()) {
          p.load(in);
        }
        String name = p.getProperty("model.name", "");
        String lang = primary(p.getProperty("model.language"));
        if (lang.isEmpty() || !name.startsWith("opennlp-")) {
          continue;
        }
        ModelFiles had = out.getOrDefault(lang, new ModelFiles(null, null));
        if (name.contains("-pos-")) {
          out.put(lang, new ModelFiles(name, had.tokens()));
        } else if (name.contains("-tokens-")) {
          out.put(lang, new ModelFiles(had.pos(), name));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the tagger models' descriptions", e);
    }
    return Map.copyOf(out);
  }

  private static Tagger load(String lang, ModelFiles files) {
    try {
      POSModel pos;
      try (InputStream in = open(files.pos())) {
        pos = new POSModel(in);
      }
      TokenizerModel tokens = null;
      if (files.tokens() != null) {
        try (InputStream in = open(files.tokens())) {
          tokens = new TokenizerModel(in);
        }
      }
      return new Tagger("opennlp-" + lang, pos, tokens);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the " + lang + " tagger model", e);
    }
  }

  private static InputStream open(String resource) throws IOException {
    InputStream in = loader().getResourceAsStream(resource);
    if (in == null) {
      throw new IOException("model " + resource + " is described but missing");
    }
    return in;
  }

  private static ClassLoader loader() {
    return ClozeTagger.class.getClassLoader();
  }
}
