package org.lectern.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lectern.ai.AiDtos.Material;
import org.lectern.ai.MaterialParser.InvalidMaterial;
import org.lectern.ai.MaterialParser.Parsed;

class MaterialParserTest {

  @Test
  void readsStrictJson() throws Exception {
    Parsed p = MaterialParser.parse(Material.summary, "{\"summary\": \" Mira keeps a lamp. \"}", 1);
    assertEquals("Mira keeps a lamp.", p.summary());
  }

  @Test
  void findsTheObjectInsideProseAndCodeFences() throws Exception {
    String answer =
        "Sure! Here are your questions:\n```json\n{\"questions\": [{\"stem\": \"Who keeps the"
            + " lantern?\", \"answer\": \"Mira\"}]}\n```\nHope this helps.";
    Parsed p = MaterialParser.parse(Material.questions, answer, 5);
    assertEquals(
        List.of(new MaterialParser.Question("Who keeps the lantern?", "Mira")), p.questions());
  }

  @Test
  void leavesOutItemsThatDoNotFitAndRepeats() throws Exception {
    String answer =
        "{\"questions\": [{\"stem\": \"Why?\", \"answer\": \"For her brother\"},"
            + " {\"stem\": \"why?\", \"answer\": \"again\"}, {\"stem\": 3, \"answer\": \"x\"},"
            + " \"not an object\", {\"stem\": \"Where?\"}, {\"stem\": \"When?\", \"answer\": \"At"
            + " night\"}]}";
    Parsed p = MaterialParser.parse(Material.questions, answer, 5);
    assertEquals(2, p.questions().size());
    assertEquals("When?", p.questions().get(1).stem());
  }

  @Test
  void keepsAtMostTheCountAskedFor() throws Exception {
    StringBuilder b = new StringBuilder("{\"words\": [");
    for (int i = 0; i < 30; i++) {
      b.append(i == 0 ? "" : ",")
          .append("{\"word\": \"w")
          .append(i)
          .append("\", \"definition\": \"d\"}");
    }
    Parsed p = MaterialParser.parse(Material.vocabulary, b.append("]}").toString(), 7);
    assertEquals(7, p.words().size());
  }

  @Test
  void wordsAreSingleWordsOnceEach() throws Exception {
    String answer =
        "{\"words\": [{\"word\": \"lantern\", \"definition\": \"a lamp\", \"partOfSpeech\":"
            + " \"noun\"}, {\"word\": \"Lantern\", \"definition\": \"again\"}, {\"word\": \"two"
            + " words\", \"definition\": \"no\"}]}";
    Parsed p = MaterialParser.parse(Material.vocabulary, answer, 10);
    assertEquals(1, p.words().size());
    assertEquals("noun", p.words().get(0).partOfSpeech());
    assertTrue(p.allText().contains("lantern: a lamp"));
  }

  @Test
  void anAnswerWithNothingUsableIsInvalid() {
    assertThrows(InvalidMaterial.class, () -> MaterialParser.parse(Material.summary, null, 1));
    assertThrows(
        InvalidMaterial.class, () -> MaterialParser.parse(Material.summary, "no json here", 1));
    assertThrows(
        InvalidMaterial.class, () -> MaterialParser.parse(Material.summary, "{\"summary\": ", 1));
    assertThrows(
        InvalidMaterial.class,
        () -> MaterialParser.parse(Material.questions, "{\"questions\": []}", 3));
    assertThrows(
        InvalidMaterial.class,
        () -> MaterialParser.parse(Material.vocabulary, "{\"words\": {\"a\": 1}}", 3));
  }
}
