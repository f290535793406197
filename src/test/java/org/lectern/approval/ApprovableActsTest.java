package org.lectern.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The registry of approvable acts: found by name, one act per name. */
class ApprovableActsTest {

  record Ref(UUID id) {}

  /** A stand-in act that records what it was asked to do. */
  static class Act implements ApprovableAct<Ref> {
    final String entityType;
    final String action;

    Act(String entityType, String action) {
      this.entityType = entityType;
      this.action = action;
    }

    @Override
    public String entityType() {
      return entityType;
    }

    @Override
    public String action() {
      return action;
    }

    @Override
    public boolean byDefault() {
      return true;
    }

    @Override
    public Class<Ref> payloadType() {
      return Ref.class;
    }

    @Override
    public Ref payload(UUID entityId) {
      return new Ref(entityId);
    }

    @Override
    public UUID entityId(Ref payload) {
      return payload.id();
    }

    @Override
    public void execute(Ref payload) {}
  }

  static class OtherAct extends Act {
    OtherAct(String entityType, String action) {
      super(entityType, action);
    }
  }

  @Test
  void actsAreFoundByTheirStableName() {
    Act story = new Act("story", "publish");
    Act lesson = new Act("lesson", "publish");
    ApprovableActs acts = ApprovableActs.of(List.of(story, lesson));
    assertEquals("story:publish", story.name());
    assertSame(story, acts.named("story:publish"));
    assertSame(lesson, acts.find("lesson:publish").orElseThrow());
    assertEquals(List.of(lesson, story), List.copyOf(acts.all()), "ordered by name");
  }

  @Test
  void twoActsWithOneNameFailAtStart() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                ApprovableActs.of(
                    List.of(new Act("story", "publish"), new OtherAct("story", "publish"))));
    assertEquals(
        "two approvable acts are named story:publish: "
            + Act.class.getName()
            + " and "
            + OtherAct.class.getName(),
        e.getMessage());
  }

  @Test
  void anUnknownNameIsAClearError() {
    ApprovableActs acts = ApprovableActs.of(List.of(new Act("story", "publish")));
    assertTrue(acts.find("story:delete").isEmpty());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> acts.named("story:delete"));
    assertEquals(
        "'story:delete' names no act that can need approval; known: [story:publish]",
        e.getMessage());
  }

  @Test
  void anActMustBeNamedByItsEntityAndAction() {
    Act renamed =
        new Act("story", "publish") {
          @Override
          public String name() {
            return "publish-story";
          }
        };
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> ApprovableActs.of(List.of(renamed)));
    assertEquals("approvable act publish-story must be named entityType:action", e.getMessage());
  }
}
