package org.lectern.access.condition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lectern.access.condition.Fixtures.leaf;
import static org.lectern.access.condition.Fixtures.paths;
import static org.lectern.access.condition.Fixtures.violations;

import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lectern.access.condition.ConditionSyntaxException.Violation;

/** What the parser rejects, where it says the problem is, and how it says it. */
class ConditionSyntaxTest {

  private static final String OK = leaf("resource.status", "eq", "'published'");

  @Test
  void unknownOperatorIsNamedWithTheValidOnes() {
    assertEquals(
        List.of(
            new Violation(
                "/1/operator",
                "unknown operator 'equals'; use one of eq, ne, in, nin, gt, lt, contains")),
        violations("[" + OK + ", " + leaf("resource.level", "equals", "1") + "]"));
  }

  @Test
  void operatorsAreLowerCase() {
    assertEquals(List.of("/operator"), paths(leaf("resource.level", "EQ", "1")));
  }

  @Test
  void fieldWithAnUnknownPrefixNamesTheAllowedOnes() {
    assertEquals(
        List.of(
            new Violation(
                "/0/field", "field 'lesson.status' must start with user., resource. or story.")),
        violations("[" + leaf("lesson.status", "eq", "'published'") + "]"));
  }

  @Test
  void fieldWithAnEmptyNameIsRejected() {
    assertEquals(List.of("/field"), paths(leaf("resource..status", "eq", "1")));
  }

  @Test
  void fieldWithOnlyAPrefixIsRejected() {
    assertEquals(List.of("/field"), paths(leaf("user", "eq", "1")));
  }

  @Test
  void fieldWithSpacesIsRejected() {
    assertEquals(List.of("/field"), paths(leaf("user.reading level", "eq", "1")));
  }

  @Test
  void missingFieldIsReportedWhereItBelongs() {
    assertEquals(List.of("/0/field"), paths("[{'operator': 'eq', 'value': 1}]"));
  }

  @Test
  void missingOperatorIsReported() {
    assertEquals(List.of("/operator"), paths("{'field': 'resource.level', 'value': 1}"));
  }

  @Test
  void missingValueIsReported() {
    assertEquals(List.of("/value"), paths("{'field': 'resource.level', 'operator': 'eq'}"));
  }

  @Test
  void emptyListIsRejected() {
    assertEquals(List.of(""), paths("[]"));
  }

  @Test
  void emptyGroupIsRejected() {
    assertEquals(List.of("/and"), paths("{'and': []}"));
  }

  @Test
  void groupThatIsNotAListIsRejected() {
    assertEquals(List.of("/or"), paths("{'or': " + OK + "}"));
  }

  @Test
  void fieldThatIsNotTextIsRejected() {
    assertEquals(List.of("/field"), paths("{'field': 7, 'operator': 'eq', 'value': 1}"));
  }

  @Test
  void operatorThatIsNotTextIsRejected() {
    assertEquals(
        List.of("/operator"), paths("{'field': 'resource.level', 'operator': 1, 'value': 1}"));
  }

  @Test
  void topLevelTextIsNotACondition() {
    assertEquals(List.of(""), paths("'resource.status'"));
  }

  @Test
  void listItemThatIsANumberIsNotACondition() {
    assertEquals(List.of("/1"), paths("[" + OK + ", 3]"));
  }

  @Test
  void logicOtherThanAndOrOrIsRejected() {
    String xor = OK.replace("}", ", 'logic': 'xor'}");
    assertEquals(List.of("/1/logic"), paths("[" + OK + ", " + xor + "]"));
  }

  @Test
  void logicInsideAGroupIsRejected() {
    String withLogic = OK.replace("}", ", 'logic': 'or'}");
    assertEquals(List.of("/and/1/logic"), paths("{'and': [" + OK + ", " + withLogic + "]}"));
  }

  @Test
  void misspelledPropertyIsRejectedRatherThanIgnored() {
    String typo = OK.replace("}", ", 'logik': 'or'}");
    assertEquals(
        List.of(
            new Violation(
                "/1/logik",
                "unknown property 'logik'; a condition has field, operator and value, or one of"
                    + " and, or, not")),
        violations("[" + OK + ", " + typo + "]"));
  }

  @Test
  void comparisonAndGroupInOneObjectIsRejected() {
    assertEquals(List.of(""), paths(OK.replace("}", ", 'and': [" + OK + "]}")));
  }

  @Test
  void twoGroupsInOneObjectAreRejected() {
    assertEquals(List.of(""), paths("{'and': [" + OK + "], 'or': [" + OK + "]}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "null", "[1, 2]"})
  void orderingAgainstAValueThatHasNoOrderIsRejected(String value) {
    assertEquals(List.of("/value"), paths(leaf("resource.level", "gt", value)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"in", "nin", "contains"})
  void emptyListAsValueIsRejected(String operator) {
    assertEquals(List.of("/value"), paths(leaf("user.roles", operator, "[]")));
  }

  @Test
  void nestedListInAValueIsRejectedAtItsPosition() {
    assertEquals(List.of("/value/1"), paths(leaf("user.roles", "in", "['a', ['b']]")));
  }

  @Test
  void objectValueWithoutRefIsRejected() {
    assertEquals(List.of("/value"), paths(leaf("resource.owner", "eq", "{'id': 1}")));
  }

  @Test
  void refThatIsNotAPathIsRejected() {
    assertEquals(List.of("/value/ref"), paths(leaf("resource.level", "eq", "{'ref': 'level'}")));
  }

  @Test
  void refObjectWithAnotherPropertyIsRejected() {
    assertEquals(
        List.of("/value/default"),
        paths(leaf("resource.level", "eq", "{'ref': 'user.level', 'default': 1}")));
  }

  @Test
  void everyProblemIsReportedWithItsPath() {
    String document =
        "["
            + leaf("resource.level", "equals", "1")
            + ", "
            + leaf("level", "eq", "1")
            + ", {'or': [{'field': 'user.id', 'operator': 'eq'}, "
            + OK
            + "], 'logic': 'or'}]";
    assertEquals(List.of("/0/operator", "/1/field", "/2/or/0/value"), paths(document));
  }

  @Test
  void severalProblemsInOneComparisonAreAllReported() {
    assertEquals(
        List.of("/field", "/operator", "/value/ref"),
        paths("{'field': 'x', 'operator': 'is', 'value': {'ref': 1}}"));
  }

  @Test
  void keysInPathsAreEscapedAsJsonPointer() {
    assertEquals(List.of("/a~1b"), paths(OK.replace("}", ", 'a/b': 1}")));
  }

  @Test
  void deepNestingIsRejected() {
    String deep = "{'not': ".repeat(40) + OK + "}".repeat(40);
    List<Violation> violations = violations(deep);
    assertTrue(violations.get(0).message().contains("nested more than 32 levels"));
  }

  @Test
  void malformedJsonIsASyntaxErrorWithItsPosition() {
    List<Violation> violations = violations("[{'field': 'resource.status' 'operator': 'eq'}]");
    assertEquals("", violations.get(0).path());
    assertTrue(
        violations.get(0).message().startsWith("the conditions are not valid JSON near line 1"));
  }

  @Test
  void textAfterTheDocumentIsRejected() {
    assertEquals(List.of(""), paths("[" + OK + "] []"));
  }

  @Test
  void propertyGivenTwiceIsRejected() {
    List<Violation> violations = violations(OK.replace("}", ", 'operator': 'ne'}"));
    assertTrue(violations.get(0).message().contains("same property twice"));
  }

  @Test
  void blankTextIsRejected() {
    assertThrows(ConditionSyntaxException.class, () -> ConditionParser.parse("  ", "story"));
  }

  @Test
  void missingJsonValueIsRejected() {
    assertThrows(
        ConditionSyntaxException.class, () -> ConditionParser.parse((JsonValue) null, "story"));
  }

  @Test
  void exceptionMessageListsEveryProblem() {
    ConditionSyntaxException e =
        assertThrows(
            ConditionSyntaxException.class,
            () -> Fixtures.parse("[" + leaf("level", "equals", "1") + "]"));
    assertTrue(
        e.getMessage().contains("/0/field: ") && e.getMessage().contains("/0/operator: "),
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[{'field': 'resource.status' 'operator': 'eq'}]",
        "{'field': 1, 'operator': 2, 'value': {'x': 1}}",
        "{'and': {}, 'logic': 3}",
        "[[], {'not': 5}]",
        "{'field': 'resource.n', 'operator': 'eq', 'value': 1e99999999999}"
      })
  void messagesNameNoJavaTypes(String document) {
    for (Violation violation : violations(document)) {
      assertFalse(
          violation.message().matches("(?s).*(Exception|java\\.|jakarta\\.|\\$|\\bat org\\.).*"),
          violation.message());
    }
  }
}
