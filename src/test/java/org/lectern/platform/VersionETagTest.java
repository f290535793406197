package org.lectern.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which answers {@link VersionETag} tags (the header itself is written by JAX-RS). */
class VersionETagTest {

  private record Thing(String name, long version) implements Versioned {}

  @Test
  void aSuccessfulVersionedBodyIsTaggedWithItsVersion() {
    assertEquals(3L, VersionETag.taggedVersion(200, new Thing("a", 3), false));
    assertEquals(1L, VersionETag.taggedVersion(201, new Thing("a", 1), false));
  }

  @Test
  void listsAndOtherBodiesAreNotTagged() {
    assertNull(VersionETag.taggedVersion(200, new Page<>(List.of(new Thing("a", 1)), null), false));
    assertNull(VersionETag.taggedVersion(200, Map.of("items", List.of(new Thing("a", 1))), false));
    assertNull(VersionETag.taggedVersion(200, List.of(new Thing("a", 1)), false));
    assertNull(VersionETag.taggedVersion(200, "text", false));
    assertNull(VersionETag.taggedVersion(204, null, false));
  }

  @Test
  void nonSuccessAnswersAreNotTagged() {
    for (int status : new int[] {100, 304, 400, 404, 412, 500}) {
      assertNull(VersionETag.taggedVersion(status, new Thing("a", 1), false), "" + status);
    }
  }

  @Test
  void aTagTheResourceSetStays() {
    assertNull(VersionETag.taggedVersion(200, new Thing("a", 1), true));
  }
}
