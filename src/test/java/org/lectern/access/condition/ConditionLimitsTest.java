package org.lectern.access.condition;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A rule's conditions are bounded in size, as openapi.yaml documents, before anything is built. */
class ConditionLimitsTest {

  private static String comparisons(int n) {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"field\":\"resource.status\",\"operator\":\"eq\",\"value\":\"s")
          .append(i)
          .append("\"}");
    }
    return json.append("]").toString();
  }

  private static void refused(String json, String expected) {
    ConditionSyntaxException e =
        assertThrows(ConditionSyntaxException.class, () -> ConditionParser.parse(json, "story"));
    assertTrue(e.getMessage().contains(expected), e::getMessage);
  }

  @Test
  void aListOrGroupHoldsAtMostOneHundredConditions() {
    assertDoesNotThrow(() -> ConditionParser.parse(comparisons(100), "story"));
    refused(comparisons(101), "at most 100 conditions");
    refused("{\"or\":" + comparisons(101) + "}", "at most 100 conditions");
  }

  @Test
  void pathsTextAndListValuesHaveMaximumSizes() {
    String longPath = "resource." + "a".repeat(200);
    refused("{\"field\":\"" + longPath + "\",\"operator\":\"eq\",\"value\":1}", "longer than 200");
    String longText = "x".repeat(501);
    refused(
        "{\"field\":\"resource.title\",\"operator\":\"eq\",\"value\":\"" + longText + "\"}",
        "at most 500 characters");
    refused(
        "{\"field\":\"resource.title\",\"operator\":\"in\",\"value\":[\"" + longText + "\"]}",
        "at most 500 characters");
    StringBuilder many = new StringBuilder("[");
    for (int i = 0; i < 101; i++) {
      many.append(i == 0 ? "" : ",").append(i);
    }
    refused(
        "{\"field\":\"resource.wordCount\",\"operator\":\"in\",\"value\":" + many + "]}",
        "at most 100 members");
  }
}
