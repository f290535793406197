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

/** {@code in} and {@code nin}. */
class MembershipTest {

  private static final String ROLE_IN_STAFF = leaf("user.role", "in", "['teacher', 'admin']");
  private static final String ROLE_NIN_STAFF = leaf("user.role", "nin", "['teacher', 'admin']");
  private static final String ROLES_IN_STAFF = leaf("user.roles", "in", "['teacher', 'admin']");
  private static final String ROLES_NIN_STAFF = leaf("user.roles", "nin", "['teacher', 'admin']");

  @Test
  void valueInTheListIsIn() {
    assertTrue(holds(ROLE_IN_STAFF, user("role", "admin")));
  }

  @Test
  void valueNotInTheListIsNotIn() {
    assertFalse(holds(ROLE_IN_STAFF, user("role", "student")));
  }

  @Test
  void membershipIsCaseSensitive() {
    assertFalse(holds(ROLE_IN_STAFF, user("role", "Teacher")));
  }

  @Test
  void numbersAreMembersByNumericValue() {
    assertTrue(holds(leaf("resource.level", "in", "[1, 2.0]"), resource("level", 2)));
  }

  @Test
  void valueThatIsNotAListCountsAsAOneElementList() {
    assertTrue(holds(leaf("user.role", "in", "'admin'"), user("role", "admin")));
  }

  @Test
  void collectionIsInWhenAnyMemberIs() {
    assertTrue(holds(ROLES_IN_STAFF, user("roles", Set.of("student", "teacher"))));
  }

  @Test
  void collectionIsNotInWhenNoMemberIs() {
    assertFalse(holds(ROLES_IN_STAFF, user("roles", List.of("student", "parent"))));
  }

  @Test
  void emptyCollectionIsInNothing() {
    assertFalse(holds(ROLES_IN_STAFF, user("roles", List.of())));
  }

  @Test
  void missingAttributeIsNotInAListWithoutNull() {
    assertFalse(holds(ROLE_IN_STAFF, user()));
  }

  @Test
  void missingAttributeIsInAListHoldingNull() {
    assertTrue(holds(leaf("user.role", "in", "['admin', null]"), user()));
  }

  @Test
  void ninIsTrueForAValueOutsideTheList() {
    assertTrue(holds(ROLE_NIN_STAFF, user("role", "student")));
  }

  @Test
  void ninIsFalseForAValueInTheList() {
    assertFalse(holds(ROLE_NIN_STAFF, user("role", "teacher")));
  }

  @Test
  void ninIsFalseForACollectionWithAnyMemberInTheList() {
    assertFalse(holds(ROLES_NIN_STAFF, user("roles", List.of("student", "admin"))));
  }

  @Test
  void ninIsTrueForACollectionWithNoMemberInTheList() {
    assertTrue(holds(ROLES_NIN_STAFF, user("roles", List.of("student"))));
  }

  @Test
  void missingAttributeIsNinAListWithoutNull() {
    assertTrue(holds(ROLE_NIN_STAFF, user()));
  }

  @Test
  void objectArrayAttributeIsTreatedAsACollection() {
    assertTrue(holds(ROLES_IN_STAFF, user("roles", new String[] {"student", "admin"})));
  }
}
