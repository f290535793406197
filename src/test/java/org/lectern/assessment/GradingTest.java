package org.lectern.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Every grading rule, and the item statistics, against hand-computed values. */
class GradingTest {

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text.replace('\'', '"'))).readObject();
  }

  private static String credit(String type, String key, String answer) {
    BigDecimal c = Grading.credit(type, json(key), json(answer));
    return c == null ? null : c.stripTrailingZeros().toPlainString();
  }

  @Test
  void singleAnswerMcqIsAllOrNothing() {
    String key = "{'multiple':false,'correct':['a']}";
    assertEquals("1", credit("mcq", key, "{'choiceIds':['a']}"));
    assertEquals("0", credit("mcq", key, "{'choiceIds':['b']}"));
    assertEquals(
        "0", credit("mcq", key, "{'choiceIds':['a','b']}"), "two picks on a single answer");
    assertEquals("0", credit("mcq", key, "{}"));
  }

  @Test
  void multipleAnswerMcqIsRightMinusWrongOverRight() {
    String key = "{'multiple':true,'correct':['a','b','c']}";
    assertEquals("1", credit("mcq", key, "{'choiceIds':['a','b','c']}"));
    assertEquals("0.6667", credit("mcq", key, "{'choiceIds':['a','b']}"), "2/3");
    assertEquals("0.3333", credit("mcq", key, "{'choiceIds':['a','b','d']}"), "(2-1)/3");
    assertEquals("0", credit("mcq", key, "{'choiceIds':['a','d','e']}"), "(1-2)/3, at least 0");
    assertEquals("0", credit("mcq", key, "{'choiceIds':['a','b','c','d','e','f']}"), "(3-3)/3");
  }

  @Test
  void fillInTheBlankCountsBlanksAndNormalisesAnswers() {
    String key =
        "{'blanks':[{'accepted':['café']},{'accepted':['New York','NYC']}],"
            + "'matching':{'caseSensitive':false,'diacriticsSensitive':false}}";
    assertEquals("1", credit("fill_blank", key, "{'blanks':['  CAFE ','new   york']}"));
    assertEquals("0.5", credit("fill_blank", key, "{'blanks':['cafe','Boston']}"));
    assertEquals("0.5", credit("fill_blank", key, "{'blanks':['tea','nyc']}"));
    assertEquals("0.5", credit("fill_blank", key, "{'blanks':['café']}"), "a missing blank");
    String strict =
        "{'blanks':[{'accepted':['café']}],"
            + "'matching':{'caseSensitive':true,'diacriticsSensitive':true}}";
    assertEquals("0", credit("fill_blank", strict, "{'blanks':['cafe']}"), "diacritics matter");
    assertEquals("0", credit("fill_blank", strict, "{'blanks':['Café']}"), "case matters");
    assertEquals("1", credit("fill_blank", strict, "{'blanks':[' café ']}"), "space never does");
  }

  @Test
  void orderingCountsItemsInTheirPlaceAndMatchingCountsPairs() {
    String order = "{'mode':'ordering','order':['a','b','c','d']}";
    assertEquals("1", credit("drag_drop", order, "{'order':['a','b','c','d']}"));
    assertEquals("0.5", credit("drag_drop", order, "{'order':['a','b','d','c']}"));
    assertEquals("0", credit("drag_drop", order, "{'order':['d','c','b','a']}"));
    String pairs = "{'mode':'matching','pairs':{'l1':'r1','l2':'r2','l3':'r3'}}";
    assertEquals("1", credit("drag_drop", pairs, "{'matches':{'l1':'r1','l2':'r2','l3':'r3'}}"));
    assertEquals(
        "0.3333", credit("drag_drop", pairs, "{'matches':{'l1':'r1','l2':'r3','l3':'r2'}}"));
    assertEquals("0.6667", credit("drag_drop", pairs, "{'matches':{'l1':'r1','l2':'r2'}}"));
  }

  @Test
  void aShortAnswerMatchingNoAcceptedAnswerWaitsForATeacher() {
    String key = "{'accepted':['photosynthesis'],'matching':{}}";
    assertEquals("1", credit("short_answer", key, "{'text':' Photosynthesis '}"));
    assertNull(credit("short_answer", key, "{'text':'plants make food from light'}"));
    assertNull(credit("short_answer", "{'accepted':[]}", "{'text':'anything'}"));
  }

  @Test
  void scoresArePercentToTheCentRoundedHalfUp() {
    assertEquals(
        new BigDecimal("66.67"), Grading.score(new BigDecimal("2.00"), new BigDecimal("3.00")));
    assertEquals(
        new BigDecimal("33.33"), Grading.score(new BigDecimal("1.00"), new BigDecimal("3.00")));
    assertEquals(new BigDecimal("0.00"), Grading.score(BigDecimal.ZERO, BigDecimal.ZERO));
    assertEquals(
        new BigDecimal("1.33"), Grading.points(new BigDecimal("0.6667"), new BigDecimal("2.00")));
  }

  @Test
  void itemStatisticsMatchHandComputedValues() {
    // Four students; the item right for the two best. Totals 90, 80, 40, 30 (mean 60).
    double[] item = {1, 1, 0, 0};
    double[] totals = {90, 80, 40, 30};
    assertEquals(new BigDecimal("0.5000"), ItemAnalysis.difficulty(item));
    // r = sum(dx*dy) / sqrt(sum dx^2 * sum dy^2) = (0.5*30 + 0.5*20 + 0.5*20 + 0.5*30)
    //   / sqrt(1 * 2600) = 50 / 50.990 = 0.9806
    assertEquals(new BigDecimal("0.9806"), ItemAnalysis.discrimination(item, totals));
    assertNull(
        ItemAnalysis.discrimination(new double[] {1, 1}, new double[] {50, 70}), "no spread");
    assertNull(ItemAnalysis.discrimination(new double[] {1}, new double[] {50}), "one student");
    assertNull(ItemAnalysis.difficulty(new double[0]));
  }
}
