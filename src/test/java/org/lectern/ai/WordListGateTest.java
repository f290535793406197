package org.lectern.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lectern.ai.ModerationGate.Verdict;

/** The word lists: whole words and phrases, after normalisation, per language with English. */
class WordListGateTest {

  /** Small lists of harmless stand-in terms, so the rules read plainly. */
  private static final Map<String, String> LISTS =
      Map.of(
          "en",
          "# comment line\n\nbadword\nkill yourself\nself harm\ncunt\n  spaced term  \n",
          "pt",
          "# Portuguese\npalavrão feio\nmata-te\n",
          "de",
          "# German\nschimpfwort\n");

  private final WordListGate gate = new WordListGate(l -> Optional.ofNullable(LISTS.get(l)));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "This is a badword.",
        "BADWORD!",
        "B.a.d-word",
        "b-a-d-w-o-r-d",
        "b a d w o r d",
        "(badword)",
        "ｂａｄｗｏｒｄ", // full-width letters, NFKC
        "bádwörd", // accents
      })
  void matchesWholeWordsWithCaseAccentsAndSeparators(String text) {
    Verdict v = gate.check(text, "en");
    assertTrue(v.blocked(), text);
    assertEquals(List.of("word-list:en:badword"), v.reasons());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Scunthorpe United won.", // the term inside a longer word
        "badwords and badwording", // other words that begin with it
        "a bad word", // two words, not the term
        "The hero in the story kills a dragon.",
        "",
        "   ",
      })
  void doesNotMatchInsideOtherWords(String text) {
    assertFalse(gate.check(text, "en").blocked(), text);
  }

  @Test
  void matchesPhrasesOverAnySeparator() {
    for (String text :
        List.of(
            "just kill yourself",
            "Kill   Yourself",
            "kill-yourself",
            "KILL\nYOURSELF",
            "killyourself",
            "k.i.l.l y.o.u.r.s.e.l.f",
            "self-harm",
            "selfharm")) {
      assertTrue(gate.check(text, "en").blocked(), text);
    }
    assertFalse(gate.check("kill the yourself", "en").blocked());
    assertFalse(gate.check("they kill. Yourselves", "en").blocked());
  }

  @Test
  void termsMayHaveSpacesAroundThemInTheFile() {
    assertEquals(
        List.of("word-list:en:spaced term"), gate.check("a Spaced Term here", "en").reasons());
  }

  @Test
  void primaryLanguageListAndEnglishBothApply() {
    Verdict v = gate.check("Que palavrão feio, badword!", "pt-BR");
    assertEquals(List.of("word-list:pt:palavrão feio", "word-list:en:badword"), v.reasons());
    assertTrue(gate.check("PALAVRAO FEIO", "pt").blocked(), "accents and case are folded");
    assertTrue(gate.check("mata-te", "pt_PT").blocked());
    assertTrue(gate.check("matate", "pt").blocked(), "the hyphen may be left out");
    // The Portuguese list applies to Portuguese only.
    assertFalse(gate.check("palavrão feio", "en").blocked());
    assertFalse(gate.check("palavrão feio", "de").blocked());
  }

  @Test
  void languagesWithoutAListFallBackToEnglish() {
    assertEquals(
        List.of("word-list:en:badword"), gate.check("das ist ein badword", "fr-CA").reasons());
    assertTrue(gate.check("badword", null).blocked());
    assertTrue(gate.check("badword", "not a tag!").blocked());
    assertTrue(gate.check("badword", "../../etc/passwd").blocked());
    assertTrue(gate.check("schimpfwort", "de-AT").blocked());
  }

  @Test
  void spellingsOfOneTermAreOneReason() {
    WordListGate twice =
        new WordListGate(l -> Optional.ofNullable(l.equals("en") ? "bad-word\nbadword\n" : null));
    assertEquals(List.of("word-list:en:bad-word"), twice.check("badword bad word", "en").reasons());
  }

  @Test
  void reasonsAreDistinctAndBounded() {
    Verdict v = gate.check("badword badword BADWORD cunt", "en");
    assertEquals(List.of("word-list:en:badword", "word-list:en:cunt"), v.reasons());
    String many =
        java.util.stream.IntStream.range(0, 30)
            .mapToObj(i -> "term" + i)
            .collect(java.util.stream.Collectors.joining("\n"));
    WordListGate big = new WordListGate(l -> Optional.of(many));
    assertEquals(
        WordListGate.MAX_REASONS, big.check(many.replace('\n', ' '), "en").reasons().size());
  }

  @Test
  void theShippedListsParseAndBlockTheirOwnTerms() throws Exception {
    Path dir = Path.of("policies/moderation");
    WordListGate shipped = WordListGate.fromDirectory(dir);
    for (String language : List.of("en", "pt", "es")) {
      List<String> terms =
          Files.readAllLines(dir.resolve(language + ".txt")).stream()
              .map(String::strip)
              .filter(l -> !l.isEmpty() && !l.startsWith("#"))
              .toList();
      assertTrue(terms.size() >= 20, language + " has a list worth the name");
      for (String term : terms) {
        Verdict v = shipped.check("Some text with " + term + " in it.", language);
        assertTrue(
            v.reasons().contains("word-list:" + language + ":" + term),
            language + ": " + term + " (listed twice once case and accents are folded?)");
      }
    }
  }

  @Test
  void theShippedListsLeaveOrdinarySchoolTextAlone() {
    WordListGate shipped = WordListGate.fromDirectory(Path.of("policies/moderation"));
    Map<String, String> texts =
        Map.of(
            "en",
            "The heroine of Scunthorpe cut herself a slice of cake. Be careful not to cut"
                + " yourself. The class studied the sex of flowers, weeds and the crack in the"
                + " wall, then made a bath bomb. Therapists help people who hurt.",
            "pt",
            "A heroína da história comeu uma bomba de chocolate. O puto ficou na bicha do"
                + " autocarro com um broche no casaco. Ele morre de rir e se mata de trabalhar.",
            "es",
            "La heroína del cuento llegó con retraso; el tren iba retrasado. La polla y el gallo"
                + " comen maíz. Computadora, computación.");
    texts.forEach(
        (language, text) -> assertFalse(shipped.check(text, language).blocked(), language));
  }

  @Test
  void anOperatorsDirectoryExtendsTheListsAndAddsLanguages(@TempDir Path extra) throws Exception {
    Files.writeString(extra.resolve("en.txt"), "# ours\nzorblax\n");
    Files.writeString(extra.resolve("de.txt"), "schimpfwort\n");
    // In unit tests the packaged lists are not on the classpath: the directory alone applies.
    WordListGate gate = WordListGate.packagedAnd(Optional.of(extra));
    assertEquals(List.of("word-list:en:zorblax"), gate.check("Zorblax!", "en").reasons());
    assertEquals(List.of("word-list:de:schimpfwort"), gate.check("Schimpfwort", "de").reasons());
  }

  @Test
  void foldingTreatsCompatibilityFormsCaseAndAccents() {
    assertEquals("strasse", WordListGate.fold("Straße"));
    assertEquals("cocaina", WordListGate.fold("COCAÍNA"));
    assertEquals("fi", WordListGate.fold("ﬁ"));
  }
}
