package org.lectern.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PrerequisitesTest {

  private final UUID a = UUID.randomUUID();
  private final UUID b = UUID.randomUUID();
  private final UUID c = UUID.randomUUID();
  private final UUID d = UUID.randomUUID();

  @Test
  void aChainIsNoCycle() {
    // c needs b, b needs a; giving d the prerequisite c is fine.
    Map<UUID, List<UUID>> graph = Map.of(c, List.of(b), b, List.of(a));
    assertTrue(Prerequisites.cycle(graph, d, List.of(c)).isEmpty());
  }

  @Test
  void closingALoopIsACycleAndNamesIt() {
    // c needs b, b needs a: a needing c closes a -> c -> b -> a.
    Map<UUID, List<UUID>> graph = Map.of(c, List.of(b), b, List.of(a));
    assertEquals(List.of(a, c, b, a), Prerequisites.cycle(graph, a, List.of(c)).orElseThrow());
  }

  @Test
  void twoLessonsNeedingEachOtherIsACycle() {
    Map<UUID, List<UUID>> graph = Map.of(b, List.of(a));
    assertEquals(List.of(a, b, a), Prerequisites.cycle(graph, a, List.of(b)).orElseThrow());
  }

  @Test
  void aLessonNeedingItselfIsACycle() {
    assertEquals(List.of(a, a), Prerequisites.cycle(Map.of(), a, List.of(a)).orElseThrow());
  }

  @Test
  void theLessonsOwnOldPrerequisitesDoNotCount() {
    // a used to need c, which needs b. a now needs only b: no cycle, although c -> ... existed.
    Map<UUID, List<UUID>> graph = Map.of(a, List.of(c), c, List.of(b));
    assertTrue(Prerequisites.cycle(graph, a, List.of(b)).isEmpty());
    // ...but b needing a would be one: b -> a -> c -> b.
    assertEquals(List.of(b, a, c, b), Prerequisites.cycle(graph, b, List.of(a)).orElseThrow());
  }

  @Test
  void diamondsAreFine() {
    // d needs b and c, both need a.
    Map<UUID, List<UUID>> graph = Map.of(b, List.of(a), c, List.of(a));
    assertTrue(Prerequisites.cycle(graph, d, List.of(b, c)).isEmpty());
  }
}
