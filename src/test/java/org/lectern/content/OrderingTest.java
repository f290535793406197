package org.lectern.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lectern.platform.LecternException;

class OrderingTest {

  private final UUID a = UUID.randomUUID();
  private final UUID b = UUID.randomUUID();
  private final UUID c = UUID.randomUUID();

  @Test
  void aPermutationIsTheNewOrder() {
    assertEquals(List.of(c, a, b), Ordering.reorder(List.of(a, b, c), List.of(c, a, b), "ids"));
  }

  @Test
  void aDuplicateIsRefused() {
    LecternException e =
        assertThrows(
            LecternException.class,
            () -> Ordering.reorder(List.of(a, b, c), List.of(a, a, b, c), "ids"));
    assertEquals(400, e.status());
    assertEquals("ids[1]", e.errors().get(0).field());
  }

  @Test
  void aMissingItemIsRefused() {
    LecternException e =
        assertThrows(
            LecternException.class, () -> Ordering.reorder(List.of(a, b, c), List.of(a, c), "ids"));
    assertTrue(e.errors().get(0).message().contains(b.toString()));
  }

  @Test
  void aForeignItemIsRefused() {
    UUID other = UUID.randomUUID();
    LecternException e =
        assertThrows(
            LecternException.class,
            () -> Ordering.reorder(List.of(a, b), List.of(a, b, other), "ids"));
    assertEquals("ids[2]", e.errors().get(0).field());
  }

  @Test
  void aNullIdIsRefused() {
    assertThrows(
        LecternException.class,
        () -> Ordering.reorder(List.of(a, b), new ArrayList<>(Arrays.asList(a, null)), "ids"));
  }

  @Test
  void movingKeepsEveryItemOnce() {
    assertEquals(List.of(b, c, a), Ordering.move(List.of(a, b, c), a, 3));
    assertEquals(List.of(c, a, b), Ordering.move(List.of(a, b, c), c, 1));
    assertEquals(List.of(b, c, a), Ordering.move(List.of(a, b, c), a, 99), "clamped to the end");
  }

  @Test
  void insertionDefaultsToTheEnd() {
    assertEquals(4, Ordering.insertionPoint(null, 3));
    assertEquals(4, Ordering.insertionPoint(10, 3));
    assertEquals(2, Ordering.insertionPoint(2, 3));
    assertThrows(LecternException.class, () -> Ordering.insertionPoint(0, 3));
  }
}
