package org.lectern.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRecordReaderTest {

  record Inner(String name, List<String> tags) {}

  record Request(String title, Integer minutes, Inner inner, List<Inner> items) {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static LecternException refused(String body) {
    return assertThrows(
        LecternException.class,
        () ->
            new JsonRecordReader()
                .readFrom(
                    (Class) Request.class,
                    Request.class,
                    null,
                    null,
                    null,
                    new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void manyUnknownFieldsKeepFiftyErrorsAndCountTheRest() {
    StringBuilder b = new StringBuilder("{\"title\":\"t\"");
    for (int i = 0; i < 50_000; i++) {
      b.append(",\"k").append(i).append("\":1");
    }
    LecternException e = refused(b.append('}').toString());
    assertEquals(400, e.status());
    assertEquals(Problems.MAX_ERRORS, e.errors().size());
    assertEquals(50_000 - Problems.MAX_ERRORS, e.moreErrors());
    assertEquals("k0", e.errors().get(0).field());
    var problem = Problems.of(400, e.code(), e.getMessage(), e.errors(), e.moreErrors(), "r");
    assertEquals(Problems.MAX_ERRORS, problem.getJsonArray("errors").size());
    assertEquals(50_000 - Problems.MAX_ERRORS, problem.getInt("moreErrors"));
  }

  @Test
  void nestingDeeperThanTheLimitIsRefusedBeforeItIsBuilt() {
    int depth = JsonRecordReader.MAX_DEPTH + 1;
    LecternException e = refused("{\"title\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
    assertEquals(400, e.status());
    assertEquals("body", e.errors().get(0).field());
    LecternException huge = refused("[".repeat(100_000) + "]".repeat(100_000));
    assertEquals(400, huge.status());
  }

  @Test
  void textTheDatabaseCannotStoreNamesItsField() {
    LecternException nul = refused("{\"title\":\"a\\u0000b\"}");
    assertEquals("title", nul.errors().get(0).field());
    LecternException surrogate =
        refused("{\"inner\":{\"name\":\"ok\",\"tags\":[\"fine\",\"x\\ud800\"]}}");
    assertEquals("inner.tags[1]", surrogate.errors().get(0).field());
    LecternException lowFirst = refused("{\"items\":[{\"name\":\"\\udc00\\ud800\"}]}");
    assertEquals("items[0].name", lowFirst.errors().get(0).field());
  }

  @Test
  void hugeNumbersNeverReachTheBinding() {
    LecternException e = refused("{\"minutes\":1e999999999}");
    assertEquals("minutes", e.errors().get(0).field());
  }

  @Test
  void malformedOrTrailingTextIsRefused() {
    assertEquals(400, refused("{\"title\":").status());
    assertEquals(400, refused("{\"title\":\"t\"} {}").status());
    assertEquals(400, refused("").status());
  }

  @Test
  void storableTextAllowsPairedSurrogates() {
    assertTrue(StorableText.isStorable("emoji \ud83d\ude00 ok"));
    assertFalse(StorableText.isStorable("\ud83d"));
    assertFalse(StorableText.isStorable("\ude00x"));
    assertFalse(StorableText.isStorable("a\u0000"));
  }
}
