package org.lectern.access.condition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lectern.access.condition.Fixtures.holds;
import static org.lectern.access.condition.Fixtures.parse;
import static org.lectern.access.condition.Fixtures.resource;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lists with "logic", and/or/not groups, nesting, and {@link Condition#ALWAYS}. */
class LogicTest {

  // Three independent facts about a resource; each is true when the attribute is true.
  private static final String A = "{'field': 'resource.a', 'operator': 'eq', 'value': true}";
  private static final String B = "{'field': 'resource.b', 'operator': 'eq', 'value': true}";
  private static final String C = "{'field': 'resource.c', 'operator': 'eq', 'value': true}";

  private static Attributes facts(boolean a, boolean b, boolean c) {
    return resource("a", a, "b", b, "c", c);
  }

  private static String withLogic(String leaf, String logic) {
    return leaf.replace("}", ", 'logic': '" + logic + "'}");
  }

  @Test
  void listItemsAreJoinedWithAndByDefault() {
    assertFalse(holds("[" + A + ", " + B + "]", facts(true, false, false)));
  }

  @Test
  void listIsTrueWhenEveryItemIs() {
    assertTrue(holds("[" + A + ", " + B + "]", facts(true, true, false)));
  }

  @Test
  void orLogicJoinsAnAlternative() {
    assertTrue(holds("[" + A + ", " + withLogic(B, "or") + "]", facts(false, true, false)));
  }

  @ParameterizedTest(name = "a={0} b={1} c={2}")
  @CsvSource({
    "false,false,false", "false,false,true", "false,true,false", "false,true,true",
    "true,false,false", "true,false,true", "true,true,false", "true,true,true"
  })
  void andBindsTighterThanOr(boolean a, boolean b, boolean c) {
    String aOrBAndC = "[" + A + ", " + withLogic(B, "or") + ", " + withLogic(C, "and") + "]";
    assertEquals(a || (b && c), holds(aOrBAndC, facts(a, b, c)));
  }

  @Test
  void andBeforeOrGroupsTheFirstTwo() {
    // (a and b) or c, not a and (b or c): true although a is false.
    String aAndBOrC = "[" + A + ", " + withLogic(B, "and") + ", " + withLogic(C, "or") + "]";
    assertTrue(holds(aAndBOrC, facts(false, false, true)));
  }

  @Test
  void logicOnTheFirstItemHasNoEffect() {
    assertFalse(holds("[" + withLogic(A, "or") + ", " + B + "]", facts(true, false, false)));
  }

  @Test
  void listItemMayBeAGroupJoinedByItsLogic() {
    // a and (b or c)
    String list = "[" + A + ", {'or': [" + B + ", " + C + "], 'logic': 'and'}]";
    assertTrue(holds(list, facts(true, false, true)));
  }

  @Test
  void andGroupNeedsEveryMember() {
    assertFalse(holds("{'and': [" + A + ", " + B + "]}", facts(true, false, false)));
  }

  @Test
  void orGroupNeedsOneMember() {
    assertTrue(holds("{'or': [" + A + ", " + B + "]}", facts(false, true, false)));
  }

  @Test
  void orGroupIsFalseWhenNoMemberIs() {
    assertFalse(holds("{'or': [" + A + ", " + B + "]}", facts(false, false, true)));
  }

  @Test
  void notInvertsItsCondition() {
    assertTrue(holds("{'not': " + A + "}", facts(false, false, false)));
  }

  @Test
  void notAppliesToAWholeList() {
    // not (a and b)
    assertTrue(holds("{'not': [" + A + ", " + B + "]}", facts(true, false, false)));
  }

  @Test
  void groupsNest() {
    // (a and b) or not c
    String nested = "{'or': [{'and': [" + A + ", " + B + "]}, {'not': " + C + "}]}";
    assertFalse(holds(nested, facts(true, false, true)));
  }

  @Test
  void groupMemberMayBeAList() {
    // a or (b and c)
    String nested = "{'or': [" + A + ", [" + B + ", " + C + "]]}";
    assertTrue(holds(nested, facts(false, true, true)));
  }

  @Test
  void singleComparisonIsAcceptedAtTopLevel() {
    assertTrue(holds(A, facts(true, false, false)));
  }

  @Test
  void alwaysIsTrueWithoutAnyAttributes() {
    assertTrue(Condition.ALWAYS.test(new Attributes(null, null)));
  }

  @Test
  void alwaysFactoryReturnsTheConstant() {
    assertSame(Condition.ALWAYS, Condition.always());
  }

  @Test
  void parsesAJsonValueDirectly() {
    JsonValue json =
        Json.createArrayBuilder()
            .add(
                Json.createObjectBuilder()
                    .add("field", "story.status")
                    .add("operator", "eq")
                    .add("value", "published"))
            .build();
    assertTrue(ConditionParser.parse(json, "story").test(resource("status", "published")));
  }

  @Test
  void seedExampleGrantsAStudentAtTheStorysLevel() {
    String seed =
        "[{'field': 'story.status', 'operator': 'eq', 'value': 'published'},"
            + " {'field': 'user.role', 'operator': 'in', 'value': ['student', 'teacher'],"
            + " 'logic': 'and'},"
            + " {'field': 'story.difficulty', 'operator': 'eq', 'value': 'user.level',"
            + " 'logic': 'and'}]";
    Attributes student =
        new Attributes(
            Fixtures.map("role", "student", "level", 2),
            Fixtures.map("status", "published", "difficulty", 2));
    assertTrue(holds(seed, student));
  }

  @Test
  void toStringShowsTheGrouping() {
    String aOrBAndC = "[" + A + ", " + withLogic(B, "or") + ", " + withLogic(C, "and") + "]";
    assertEquals(
        "(resource.a eq true or (resource.b eq true and resource.c eq true))",
        parse(aOrBAndC).toString());
  }
}
