package org.lectern.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.lectern.assessment.ClozeTagger.Token;
import org.lectern.content.ClozeConfig.PartOfSpeech;

/** Which words a cloze exercise blanks, on a fixed tagged text: no tagger involved. */
class ClozeBlanksTest {

  /** A chunk from {@code word/TAG} pairs separated by spaces: its text has the words only. */
  private static ClozeBlanks.Chunk tagged(int order, String pairs) {
    StringBuilder text = new StringBuilder();
    List<Token> tokens = new ArrayList<>();
    for (String pair : pairs.split(" ")) {
      int slash = pair.lastIndexOf('/');
      String word = pair.substring(0, slash);
      if (!text.isEmpty()) {
        text.append(' ');
      }
      tokens.add(
          new Token(text.length(), text.length() + word.length(), pair.substring(slash + 1)));
      text.append(word);
    }
    return new ClozeBlanks.Chunk(order, text.toString(), tokens);
  }

  /** Ten nouns, six verbs, four adjectives, a name and punctuation, in three chunks. */
  private static final List<ClozeBlanks.Chunk> STORY =
      List.of(
          tagged(
              1,
              "The/DET girl/NOUN carried/VERB a/DET lantern/NOUN through/ADP the/DET dark/ADJ"
                  + " garden/NOUN ./PUNCT"),
          tagged(
              2,
              "Anna/PROPN saw/VERB a/DET fox/NOUN ,/PUNCT a/DET moon/NOUN and/CCONJ an/DET"
                  + " old/ADJ tree/NOUN ./PUNCT"),
          tagged(
              3,
              "She/PRON walked/VERB home/ADV ,/PUNCT opened/VERB the/DET green/ADJ door/NOUN"
                  + " and/CCONJ found/VERB her/PRON cat/NOUN ,/PUNCT bread/NOUN and/CCONJ"
                  + " warm/ADJ milk/NOUN ./PUNCT"),
          tagged(4, "Then/ADV she/PRON slept/VERB ./PUNCT"));

  private static Map<PartOfSpeech, BigDecimal> ratios(Object... partAndRatio) {
    Map<PartOfSpeech, BigDecimal> out = new EnumMap<>(PartOfSpeech.class);
    for (int i = 0; i < partAndRatio.length; i += 2) {
      out.put((PartOfSpeech) partAndRatio[i], new BigDecimal((String) partAndRatio[i + 1]));
    }
    return out;
  }

  /** Every blank as "chunk:answer#k", k its occurrence among equal answers of the chunk. */
  private static Set<String> blanks(ClozeBlanks.Result r) {
    Set<String> out = new TreeSet<>();
    for (ClozeBlanks.Question q : r.questions()) {
      for (String a : q.answers()) {
        String key = q.chunk() + ":" + a;
        int k = 1;
        while (!out.add(key + "#" + k)) {
          k++;
        }
      }
    }
    return out;
  }

  private static Set<String> words(ClozeBlanks.Result r) {
    Set<String> out = new HashSet<>();
    r.questions().forEach(q -> out.addAll(q.answers()));
    return out;
  }

  private static final Set<String> NOUNS =
      Set.of("girl", "lantern", "garden", "fox", "moon", "tree", "door", "cat", "bread", "milk");
  private static final Set<String> VERBS =
      Set.of("carried", "saw", "walked", "opened", "found", "slept");

  @Test
  void eachPartOfSpeechIsBlankedAtItsRatioHalfUp() {
    ClozeBlanks.Result r =
        ClozeBlanks.byPartOfSpeech(
            STORY, ratios(PartOfSpeech.noun, "0.5", PartOfSpeech.verb, "0.25"), 7);
    Set<String> blanked = words(r);
    assertEquals(5 + 2, r.blanks(), "half of 10 nouns, 0.25 * 6 = 1.5 -> 2 verbs");
    assertEquals(5, blanked.stream().filter(NOUNS::contains).count(), () -> "nouns in " + blanked);
    assertEquals(2, blanked.stream().filter(VERBS::contains).count(), () -> "verbs in " + blanked);
    assertEquals(
        List.of(
            new ClozeBlanks.Count(PartOfSpeech.noun, new BigDecimal("0.5"), 10, 5),
            new ClozeBlanks.Count(PartOfSpeech.verb, new BigDecimal("0.25"), 6, 2)),
        r.counts());
  }

  @Test
  void onlyConfiguredPartsAreBlankedAndNamesAndPunctuationNever() {
    ClozeBlanks.Result all =
        ClozeBlanks.byPartOfSpeech(
            STORY, ratios(PartOfSpeech.adjective, "1", PartOfSpeech.conjunction, "1"), 1);
    assertEquals(Set.of("dark", "old", "green", "warm", "and"), words(all));
    assertEquals(4 + 3, all.blanks());

    // A name (PROPN) and punctuation are no part of speech cloze settings know; a punctuation
    // token a tagger mistook for a noun holds no letter, so it is no word to blank either.
    ClozeBlanks.Chunk odd = tagged(1, "Anna/PROPN met/VERB Ben/PROPN --/NOUN today/NOUN");
    ClozeBlanks.Result nouns =
        ClozeBlanks.byPartOfSpeech(List.of(odd), ratios(PartOfSpeech.noun, "1"), 3);
    assertEquals(Set.of("today"), words(nouns));
    assertEquals(1, nouns.counts().get(0).words());
  }

  @Test
  void theShareRoundsHalfUp() {
    assertEquals(3, ClozeBlanks.share(new BigDecimal("0.25"), 10));
    assertEquals(2, ClozeBlanks.share(new BigDecimal("0.3"), 7));
    assertEquals(0, ClozeBlanks.share(new BigDecimal("0.0499"), 10));
    assertEquals(1, ClozeBlanks.share(new BigDecimal("0.05"), 10));
    assertEquals(0, ClozeBlanks.share(BigDecimal.ZERO, 10));
    assertEquals(10, ClozeBlanks.share(BigDecimal.ONE, 10));
    assertEquals(0, ClozeBlanks.share(new BigDecimal("0.5"), 0));
  }

  @Test
  void theSameSeedGivesTheSameExercise() {
    Map<PartOfSpeech, BigDecimal> r =
        ratios(PartOfSpeech.noun, "0.4", PartOfSpeech.verb, "0.5", PartOfSpeech.adjective, "0.5");
    ClozeBlanks.Result first = ClozeBlanks.byPartOfSpeech(STORY, r, 123_456_789L);
    ClozeBlanks.Result again = ClozeBlanks.byPartOfSpeech(STORY, r, 123_456_789L);
    assertEquals(first, again, "same blanks, same stems, same order");
    // Pinned: Random's algorithm is specified, so this holds on every JVM and release.
    assertEquals(
        List.of(
            "The girl carried a lantern through the ___(1)___ ___(2)___ .",
            "Anna ___(1)___ a ___(2)___ , a moon and an old ___(3)___ .",
            "She walked home , ___(1)___ the green door and found her ___(2)___ , bread and"
                + " ___(3)___ milk .",
            "Then she ___(1)___ ."),
        first.questions().stream().map(ClozeBlanks.Question::stem).toList());
    assertEquals(
        List.of(
            List.of("dark", "garden"),
            List.of("saw", "fox", "tree"),
            List.of("opened", "cat", "warm"),
            List.of("slept")),
        first.questions().stream().map(ClozeBlanks.Question::answers).toList());
  }

  @Test
  void differentSeedsGiveDifferentExercises() {
    Map<PartOfSpeech, BigDecimal> r = ratios(PartOfSpeech.noun, "0.5");
    assertNotEquals(
        blanks(ClozeBlanks.byPartOfSpeech(STORY, r, 1)),
        blanks(ClozeBlanks.byPartOfSpeech(STORY, r, 2)));
    Set<Set<String>> seen = new HashSet<>();
    for (long seed = 0; seed < 40; seed++) {
      seen.add(blanks(ClozeBlanks.byPartOfSpeech(STORY, r, seed)));
    }
    assertTrue(seen.size() >= 30, () -> "40 seeds gave only " + seen.size() + " exercises");
  }

  @Test
  void aHigherRatioKeepsTheBlanksOfALowerOneAndPartsDoNotMoveEachOther() {
    long seed = 99;
    Set<String> fewer =
        blanks(ClozeBlanks.byPartOfSpeech(STORY, ratios(PartOfSpeech.noun, "0.3"), seed));
    Set<String> more =
        blanks(ClozeBlanks.byPartOfSpeech(STORY, ratios(PartOfSpeech.noun, "0.7"), seed));
    assertEquals(3, fewer.size());
    assertEquals(7, more.size());
    assertTrue(more.containsAll(fewer), () -> fewer + " not in " + more);

    Set<String> nounsAlone = fewer;
    Set<String> withVerbs =
        blanks(
            ClozeBlanks.byPartOfSpeech(
                STORY, ratios(PartOfSpeech.noun, "0.3", PartOfSpeech.verb, "0.5"), seed));
    assertTrue(withVerbs.containsAll(nounsAlone), "adding verbs moved no noun's blank");
  }

  @Test
  void aStemWithItsAnswersGivesTheChunkBackAndChunksWithoutBlanksHaveNoQuestion() {
    ClozeBlanks.Result r =
        ClozeBlanks.byPartOfSpeech(STORY, ratios(PartOfSpeech.determiner, "1"), 5);
    assertEquals(
        List.of(1, 2, 3), r.questions().stream().map(ClozeBlanks.Question::chunk).toList());
    for (ClozeBlanks.Question q : r.questions()) {
      String text = q.stem();
      for (int k = 1; k <= q.answers().size(); k++) {
        assertTrue(text.contains(ClozeBlanks.marker(k)), text);
        text = text.replace(ClozeBlanks.marker(k), q.answers().get(k - 1));
      }
      assertEquals(STORY.get(q.chunk() - 1).text(), text);
    }
    assertEquals(List.of("The", "a", "the"), r.questions().get(0).answers(), "in reading order");
  }

  @Test
  void aChunkWithMoreBlanksThanAQuestionTakesBecomesSeveralCutAtSentenceEnds() {
    StringBuilder pairs = new StringBuilder();
    for (int i = 1; i <= 9; i++) { // nine sentences of five nouns: 45 blanks
      pairs
          .append(i == 1 ? "" : " ")
          .append("cat")
          .append(i)
          .append("/NOUN dog/NOUN and/CCONJ fox/NOUN ,/PUNCT hen/NOUN ,/PUNCT owl/NOUN !/PUNCT");
    }
    ClozeBlanks.Chunk chunk = tagged(1, pairs.toString());
    ClozeBlanks.Result r =
        ClozeBlanks.byPartOfSpeech(List.of(chunk), ratios(PartOfSpeech.noun, "1"), 1);
    assertEquals(
        List.of(20, 20, 5),
        r.questions().stream().map(q -> q.answers().size()).toList(),
        "four whole sentences a question");
    StringBuilder back = new StringBuilder();
    for (ClozeBlanks.Question q : r.questions()) {
      assertEquals(1, q.chunk());
      assertTrue(q.stem().endsWith("!"), q.stem());
      String text = q.stem();
      for (int k = 1; k <= q.answers().size(); k++) {
        text = text.replace(ClozeBlanks.marker(k), q.answers().get(k - 1));
      }
      back.append(back.isEmpty() ? "" : " ").append(text);
    }
    assertEquals(chunk.text(), back.toString(), "the pieces are the chunk, in order");

    ClozeBlanks.Chunk oneSentence = tagged(1, "cat/NOUN ".repeat(25).strip());
    assertEquals(
        List.of(20, 5),
        ClozeBlanks.byPartOfSpeech(List.of(oneSentence), ratios(PartOfSpeech.noun, "1"), 1)
            .questions()
            .stream()
            .map(q -> q.answers().size())
            .toList());
  }

  @Test
  void markedWordsAreBlankedWhereverTheyStandAsWholeWords() {
    List<ClozeBlanks.Chunk> chunks =
        List.of(
            new ClozeBlanks.Chunk(1, "Le chat mange. Un chaton regarde le Chat.", List.of()),
            new ClozeBlanks.Chunk(2, "Il aime la crème glacée et la crème.", List.of()),
            new ClozeBlanks.Chunk(3, "我喜欢猫。猫很可爱。", List.of()));
    List<String> words = List.of("chat", "CHAT", "crème", "crème glacée", "猫", "chien");
    ClozeBlanks.Result r = ClozeBlanks.byMarkedWords(chunks, words);
    assertEquals(
        List.of(
            "Le ___(1)___ mange. Un chaton regarde le ___(2)___.",
            "Il aime la ___(1)___ et la ___(2)___.",
            "我喜欢___(1)___。___(2)___很可爱。"),
        r.questions().stream().map(ClozeBlanks.Question::stem).toList());
    assertEquals(
        List.of(List.of("chat", "Chat"), List.of("crème glacée", "crème"), List.of("猫", "猫")),
        r.questions().stream().map(ClozeBlanks.Question::answers).toList());
    assertEquals(List.of(), r.counts());
    assertEquals(List.of("chien"), ClozeBlanks.missing(chunks, words));
    assertEquals(
        List.of("chat", "crème", "crème glacée", "猫", "chien"), ClozeBlanks.distinct(words));
  }

  @Test
  void theKeyIsGradedByTheFillBlankRule() {
    var key = ClozeExercises.answerKey(List.of("Lantern", "crème"));
    assertEquals(
        new BigDecimal("1.0000"),
        Grading.credit(
            "fill_blank",
            key,
            Json.createObjectBuilder()
                .add("blanks", Json.createArrayBuilder().add(" lantern ").add("crème"))
                .build()),
        "any case, surrounding space ignored");
    assertEquals(
        new BigDecimal("0.5000"),
        Grading.credit(
            "fill_blank",
            key,
            Json.createObjectBuilder()
                .add("blanks", Json.createArrayBuilder().add("LANTERN").add("creme"))
                .build()),
        "diacritics count");
  }
}
