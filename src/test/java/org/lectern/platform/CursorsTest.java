package org.lectern.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CursorsTest {

  private static final UUID ID = UUID.fromString("0b6f1c2e-8d4a-4c1e-9f3a-2a7d5e6b8c90");
  private static final Instant AT = Instant.parse("2024-05-06T07:08:09.123456Z");

  private record Ranked(float rank, UUID id) {}

  @Test
  void positionsReadBackAsWritten() {
    Cursor c = new Cursor(AT, ID);
    assertEquals(c, Cursor.decode(c.encode()));

    Ranked r = new Ranked(0.0607927f, ID);
    String ranked = Cursors.encode(r.rank(), r.id());
    assertEquals(r, Cursors.decode(ranked, k -> new Ranked(k.floatValue(), k.uuid())));

    assertEquals(42, Cursors.decode(Cursors.encode(42), Cursors.Keys::intValue));
    assertEquals(
        Long.MAX_VALUE, Cursors.decode(Cursors.encode(Long.MAX_VALUE), Cursors.Keys::longValue));
  }

  @Test
  void textKeysKeepAnyCharacters() {
    for (String name : List.of("", "a", "x|y:z", "12:s3:abc", "Größe ☃ 🦊", "line\nbreak")) {
      assertEquals(name, Cursors.decode(Cursors.encode(name), Cursors.Keys::text));
    }
  }

  @Test
  void cursorsAreOpaqueUrlSafeText() {
    for (String c :
        List.of(
            new Cursor(AT, ID).encode(),
            Cursors.encode(0.5f, ID),
            Cursors.encode("?&=/+ tag"),
            Cursors.encode(7L))) {
      assertTrue(c.matches("[A-Za-z0-9_-]+"), c);
    }
  }

  @Test
  void garbageIsA400OnTheCursorParameter() {
    Function<String, Cursor> read = Cursor::decode;
    for (String garbage :
        List.of(
            "",
            "garbage!",
            "zz!",
            "%%%",
            "a",
            "seq:5",
            "5",
            b64("2024-05-06T07:08:09Z|" + ID),
            b64("t3:abcu36:" + ID),
            b64("t27:2024-05-06T07:08:09.123456Z"),
            b64("t27:2024-05-06T07:08:09.123456Zu9:1-1-1-1-1"),
            b64("t999999999999:x"),
            b64("t-1:x"),
            "A".repeat(5000))) {
      LecternException e = assertThrows(LecternException.class, () -> read.apply(garbage));
      assertBadCursor(e);
    }
  }

  @Test
  void aTamperedCursorIsA400() {
    String good = new Cursor(AT, ID).encode();
    String raw = new String(Base64.getUrlDecoder().decode(good), StandardCharsets.UTF_8);
    assertBadCursor(
        assertThrows(
            LecternException.class, () -> Cursor.decode(b64(raw.replace("u36:", "u35:")))));
    assertBadCursor(
        assertThrows(LecternException.class, () -> Cursor.decode(good.substring(0, 20))));
    assertBadCursor(assertThrows(LecternException.class, () -> Cursor.decode(good + "AAAA")));
    assertBadCursor(assertThrows(LecternException.class, () -> Cursor.decode(b64(raw + "x"))));
  }

  @Test
  void aCursorOfAnotherListIsA400() {
    String seq = Cursors.encode(5L);
    assertBadCursor(
        assertThrows(LecternException.class, () -> Cursors.decode(seq, Cursors.Keys::intValue)));
    assertBadCursor(assertThrows(LecternException.class, () -> Cursor.decode(seq)));
    String ranked = Cursors.encode(0.5f, ID);
    assertBadCursor(assertThrows(LecternException.class, () -> Cursor.decode(ranked)));
    String position = new Cursor(AT, ID).encode();
    assertBadCursor(
        assertThrows(
            LecternException.class,
            () -> Cursors.decode(position, k -> new Ranked(k.floatValue(), k.uuid()))));
    assertBadCursor(
        assertThrows(LecternException.class, () -> Cursors.decode(position, Cursors.Keys::text)));
  }

  @Test
  void onlyKnownKeyTypesAreWritten() {
    assertThrows(IllegalArgumentException.class, () -> Cursors.encode(1.5d));
    assertThrows(IllegalArgumentException.class, () -> Cursors.encode((Object) null));
  }

  private static void assertBadCursor(LecternException e) {
    assertEquals(400, e.status());
    assertEquals("request.invalid", e.code());
    assertEquals(1, e.errors().size());
    assertEquals("cursor", e.errors().get(0).field());
  }

  private static String b64(String raw) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }
}
