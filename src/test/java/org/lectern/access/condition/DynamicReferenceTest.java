package org.lectern.access.condition;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lectern.access.condition.Fixtures.attributes;
import static org.lectern.access.condition.Fixtures.holds;
import static org.lectern.access.condition.Fixtures.leaf;
import static org.lectern.access.condition.Fixtures.map;
import static org.lectern.access.condition.Fixtures.parse;
import static org.lectern.access.condition.Fixtures.resource;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values that name another attribute, resolved at each evaluation. */
class DynamicReferenceTest {

  private static final String DIFFICULTY_IS_READING_LEVEL =
      leaf("resource.difficulty", "eq", "'user.readingLevel'");

  @Test
  void textNamingAnAttributeComparesWithThatAttribute() {
    assertTrue(
        holds(
            DIFFICULTY_IS_READING_LEVEL, attributes(map("readingLevel", 3), map("difficulty", 3))));
  }

  @Test
  void referenceIsResolvedForEachEvaluation() {
    Condition condition = parse(DIFFICULTY_IS_READING_LEVEL);
    assertFalse(condition.test(attributes(map("readingLevel", 4), map("difficulty", 3))));
  }

  @Test
  void explicitRefObjectIsAReference() {
    assertTrue(
        holds(
            leaf("resource.difficulty", "eq", "{'ref': 'user.readingLevel'}"),
            attributes(map("readingLevel", 2), map("difficulty", 2))));
  }

  @Test
  void referenceMayUseTheResourceTypeAlias() {
    assertTrue(
        holds(
            leaf("user.id", "eq", "'story.createdBy'"),
            attributes(map("id", "u-1"), map("createdBy", "u-1"))));
  }

  @Test
  void referenceMayReachIntoNestedMaps() {
    assertTrue(
        holds(
            leaf("user.id", "eq", "{'ref': 'resource.owner.id'}"),
            attributes(map("id", "u-1"), map("owner", Map.of("id", "u-1")))));
  }

  @Test
  void referenceWorksWithOrdering() {
    assertTrue(
        holds(
            leaf("resource.minimumLevel", "lt", "'user.readingLevel'"),
            attributes(map("readingLevel", 5), map("minimumLevel", 4))));
  }

  @Test
  void referenceToACollectionWorksWithIn() {
    assertTrue(
        holds(
            leaf("resource.classroomId", "in", "'user.classroomIds'"),
            attributes(map("classroomIds", List.of("c-1", "c-2")), map("classroomId", "c-2"))));
  }

  @Test
  void referenceToAMissingAttributeIsNull() {
    assertFalse(holds(DIFFICULTY_IS_READING_LEVEL, resource("difficulty", 3)));
  }

  @Test
  void textThatIsNotAValidPathIsLiteralText() {
    assertTrue(
        holds(leaf("resource.note", "eq", "'user. notes'"), resource("note", "user. notes")));
  }

  @Test
  void textWithoutAKnownPrefixIsLiteralText() {
    assertTrue(
        holds(leaf("resource.kind", "eq", "'lesson.plan'"), resource("kind", "lesson.plan")));
  }

  @Test
  void textInsideAListIsAlwaysLiteral() {
    assertTrue(
        holds(
            leaf("resource.status", "in", "['user.status']"),
            attributes(map("status", "active"), map("status", "user.status"))));
  }
}
