package org.lectern.access.condition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lectern.access.condition.Fixtures.attributes;
import static org.lectern.access.condition.Fixtures.holds;
import static org.lectern.access.condition.Fixtures.json;
import static org.lectern.access.condition.Fixtures.leaf;
import static org.lectern.access.condition.Fixtures.map;
import static org.lectern.access.condition.Fixtures.resource;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Attribute paths: {@link Attributes#lookup} and the resource-type alias in fields. */
class AttributePathTest {

  @Test
  void lookupReadsAUserAttribute() {
    assertEquals(4, attributes(map("readingLevel", 4), null).lookup("user.readingLevel"));
  }

  @Test
  void lookupFollowsNestedMaps() {
    Attributes attributes = resource("owner", Map.of("school", Map.of("id", "s-1")));
    assertEquals("s-1", attributes.lookup("resource.owner.school.id"));
  }

  @Test
  void lookupOfAMissingAttributeIsNull() {
    assertNull(resource("status", "draft").lookup("resource.title"));
  }

  @Test
  void lookupThroughAValueThatIsNotAMapIsNull() {
    assertNull(resource("owner", "u-1").lookup("resource.owner.id"));
  }

  @Test
  void nullMapsCountAsEmpty() {
    assertNull(new Attributes(null, null).lookup("user.id"));
  }

  @Test
  void lookupRejectsAPathWithoutAKnownPrefix() {
    Attributes attributes = resource("status", "draft");
    assertThrows(IllegalArgumentException.class, () -> attributes.lookup("story.status"));
  }

  @Test
  void resourceTypeNameIsAnAliasOfResource() {
    assertTrue(holds(leaf("story.status", "eq", "'published'"), resource("status", "published")));
  }

  @Test
  void nestedFieldReadsNestedMaps() {
    assertTrue(
        holds(leaf("resource.owner.id", "eq", "'u-1'"), resource("owner", Map.of("id", "u-1"))));
  }

  @Test
  void userPrefixWinsOverAResourceTypeNamedUser() {
    Condition condition =
        ConditionParser.parse(json(leaf("user.status", "eq", "'active'")), "user");
    assertFalse(condition.test(attributes(map("status", "banned"), map("status", "active"))));
  }

  @Test
  void withoutAResourceTypeThereIsNoAlias() {
    String storyField = json(leaf("story.status", "eq", "'published'"));
    assertThrows(ConditionSyntaxException.class, () -> ConditionParser.parse(storyField, null));
  }
}
