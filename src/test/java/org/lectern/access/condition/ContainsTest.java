package org.lectern.access.condition;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lectern.access.condition.Fixtures.holds;
import static org.lectern.access.condition.Fixtures.leaf;
import static org.lectern.access.condition.Fixtures.resource;
import static org.lectern.access.condition.Fixtures.user;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code contains}. */
class ContainsTest {

  private static final String ROLES_CONTAIN_STUDENT = leaf("user.roles", "contains", "'student'");

  @Test
  void collectionWithTheValueContainsIt() {
    assertTrue(holds(ROLES_CONTAIN_STUDENT, user("roles", Set.of("teacher", "student"))));
  }

  @Test
  void collectionWithoutTheValueDoesNotContainIt() {
    assertFalse(holds(ROLES_CONTAIN_STUDENT, user("roles", List.of("teacher"))));
  }

  @Test
  void collectionContainsNumbersByNumericValue() {
    assertTrue(
        holds(leaf("resource.levels", "contains", "2.0"), resource("levels", List.of(1, 2))));
  }

  @Test
  void collectionContainsAListWhenItHasAllOfItsMembers() {
    assertTrue(
        holds(
            leaf("user.roles", "contains", "['student', 'reader']"),
            user("roles", List.of("reader", "student", "editor"))));
  }

  @Test
  void collectionDoesNotContainAListWhenOneMemberIsMissing() {
    assertFalse(
        holds(
            leaf("user.roles", "contains", "['student', 'reader']"),
            user("roles", List.of("student", "editor"))));
  }

  @Test
  void textContainsASubstring() {
    assertTrue(
        holds(leaf("resource.title", "contains", "'Fox'"), resource("title", "The Quick Fox")));
  }

  @Test
  void substringMatchIsCaseSensitive() {
    assertFalse(
        holds(leaf("resource.title", "contains", "'fox'"), resource("title", "The Quick Fox")));
  }

  @Test
  void textDoesNotContainANumber() {
    assertFalse(holds(leaf("resource.title", "contains", "5"), resource("title", "Chapter 5")));
  }

  @Test
  void textDoesNotContainAList() {
    assertFalse(
        holds(
            leaf("resource.title", "contains", "['Quick', 'Fox']"),
            resource("title", "Quick Fox")));
  }

  @Test
  void missingAttributeContainsNothing() {
    assertFalse(holds(ROLES_CONTAIN_STUDENT, user()));
  }

  @Test
  void numberContainsNothing() {
    assertFalse(holds(leaf("resource.level", "contains", "1"), resource("level", 12)));
  }
}
