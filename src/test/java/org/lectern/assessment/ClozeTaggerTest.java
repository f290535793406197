package org.lectern.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lectern.content.ClozeConfig.PartOfSpeech;

/** The real English model, found on the classpath as the application finds it. */
class ClozeTaggerTest {

  private static final ClozeTagger TAGGER = new ClozeTagger();

  @Test
  void englishWordsGetTheirPartsOfSpeech() {
    String text = "The little girl quickly opened the old door, and she smiled at two cats.";
    ClozeTagger.Tagger en = TAGGER.forLanguage("en").orElseThrow();
    assertEquals("opennlp-en", en.name());
    Map<String, Optional<PartOfSpeech>> parts = new LinkedHashMap<>();
    for (ClozeTagger.Token t : en.tag(text)) {
      parts.put(text.substring(t.start(), t.end()), ClozeTagger.partOfSpeech(t.tag()));
    }
    assertEquals(
        List.of(
            "The", "little", "girl", "quickly", "opened", "the", "old", "door", ",", "and", "she",
            "smiled", "at", "two", "cats", "."),
        List.copyOf(parts.keySet()),
        "tokens, punctuation apart");
    assertEquals(Optional.of(PartOfSpeech.determiner), parts.get("The"));
    assertEquals(Optional.of(PartOfSpeech.adjective), parts.get("little"));
    assertEquals(Optional.of(PartOfSpeech.noun), parts.get("girl"));
    assertEquals(Optional.of(PartOfSpeech.adverb), parts.get("quickly"));
    assertEquals(Optional.of(PartOfSpeech.verb), parts.get("opened"));
    assertEquals(Optional.of(PartOfSpeech.conjunction), parts.get("and"));
    assertEquals(Optional.of(PartOfSpeech.pronoun), parts.get("she"));
    assertEquals(Optional.of(PartOfSpeech.preposition), parts.get("at"));
    assertEquals(Optional.of(PartOfSpeech.numeral), parts.get("two"));
    assertEquals(Optional.of(PartOfSpeech.noun), parts.get("cats"));
    assertEquals(Optional.empty(), parts.get(","));
  }

  @Test
  void aLongRunWithoutSentenceEndsIsTaggedInPiecesWithEveryTokenInPlace() {
    String text = "the red fox and the grey cat, ".repeat(60).strip(); // 480 tokens, no full stop
    List<ClozeTagger.Token> tokens = TAGGER.forLanguage("en").orElseThrow().tag(text);
    assertEquals(480, tokens.size());
    int at = 0;
    for (ClozeTagger.Token t : tokens) {
      assertTrue(t.start() >= at && t.end() > t.start(), t::toString);
      at = t.end();
    }
    long nouns =
        tokens.stream()
            .filter(t -> ClozeTagger.partOfSpeech(t.tag()).equals(Optional.of(PartOfSpeech.noun)))
            .count();
    assertTrue(nouns >= 100, () -> nouns + " of 120 fox and cat tagged as nouns");
  }

  @Test
  void aModelIsLoadedOnceAndARegionalTagUsesItsLanguage() {
    assertSame(TAGGER.forLanguage("en").orElseThrow(), TAGGER.forLanguage("en-GB").orElseThrow());
    assertSame(TAGGER.forLanguage("EN").orElseThrow(), TAGGER.forLanguage("en").orElseThrow());
  }

  @Test
  void aLanguageWithoutAModelHasNoTagger() {
    assertTrue(TAGGER.forLanguage("fr").isEmpty());
    assertTrue(!TAGGER.covers("fr") && TAGGER.covers("en-US"));
    assertTrue(TAGGER.forLanguage("zh-Hans").isEmpty());
    assertEquals(Set.of("en"), TAGGER.languages());
  }

  @Test
  void universalDependenciesTagsMapToClozeParts() {
    assertEquals(Optional.of(PartOfSpeech.verb), ClozeTagger.partOfSpeech("AUX"));
    assertEquals(Optional.of(PartOfSpeech.conjunction), ClozeTagger.partOfSpeech("SCONJ"));
    assertEquals(Optional.of(PartOfSpeech.interjection), ClozeTagger.partOfSpeech("INTJ"));
    for (String none : List.of("PROPN", "PART", "PUNCT", "SYM", "X", "AUX+PART", "")) {
      assertEquals(Optional.empty(), ClozeTagger.partOfSpeech(none), none);
    }
  }
}
