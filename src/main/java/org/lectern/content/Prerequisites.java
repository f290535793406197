package org.lectern.content;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The prerequisite graph of a tenant's lessons: an edge from a lesson to each lesson that must come
 * before it. Prerequisites must never form a cycle, or no student could ever start the lessons on
 * it.
 */
public final class Prerequisites {

  private Prerequisites() {}

  /**
   * The cycle that giving {@code lesson} the prerequisites {@code proposed} would close, as the
   * lessons along it starting and ending with {@code lesson}; empty when there is none.
   *
   * @param graph every lesson's current prerequisites (the lesson's own entry is ignored)
   */
  public static Optional<List<UUID>> cycle(
      Map<UUID, List<UUID>> graph, UUID lesson, List<UUID> proposed) {
    Map<UUID, List<UUID>> edges = new HashMap<>(graph);
    edges.put(lesson, proposed);
    // Depth-first search from the lesson's prerequisites back to the lesson itself.
    Map<UUID, UUID> reachedFrom = new HashMap<>();
    Set<UUID> visited = new HashSet<>();
    Deque<UUID> stack = new ArrayDeque<>();
    for (UUID p : proposed) {
      if (visited.add(p)) {
        reachedFrom.put(p, lesson);
        stack.push(p);
      }
    }
    while (!stack.isEmpty()) {
      UUID current = stack.pop();
      if (current.equals(lesson)) {
        return Optional.of(path(reachedFrom, lesson));
      }
      for (UUID next : edges.getOrDefault(current, List.of())) {
        if (next.equals(lesson)) {
          reachedFrom.put(lesson, current);
          return Optional.of(path(reachedFrom, lesson));
        }
        if (visited.add(next)) {
          reachedFrom.put(next, current);
          stack.push(next);
        }
      }
    }
    return Optional.empty();
  }

  /** lesson → p1 → ... → lesson, following "needs" edges. */
  private static List<UUID> path(Map<UUID, UUID> reachedFrom, UUID lesson) {
    List<UUID> back = new ArrayList<>();
    back.add(lesson);
    UUID at = reachedFrom.get(lesson);
    while (at != null && !at.equals(lesson)) {
      back.add(at);
      at = reachedFrom.get(at);
    }
    back.add(lesson);
    Collections.reverse(back);
    return back;
  }
}
