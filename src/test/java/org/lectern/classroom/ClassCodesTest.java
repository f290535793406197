package org.lectern.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClassCodesTest {

  @Test
  void tenThousandCodesHoldNoAmbiguousCharacter() {
    ClassCodes codes = new ClassCodes(ClassCodes.ALPHABET, 6, new SecureRandom());
    Set<Character> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String code = codes.next();
      assertEquals(6, code.length(), code);
      for (char c : code.toCharArray()) {
        assertEquals(-1, ClassCodes.AMBIGUOUS.indexOf(c), () -> code + " holds " + c);
        assertTrue(ClassCodes.ALPHABET.indexOf(c) >= 0, code);
        seen.add(c);
      }
      assertTrue(code.matches("^[A-HJKMNP-Z2-9]{6,8}$"), "the schema's check accepts " + code);
    }
    assertEquals(ClassCodes.ALPHABET.length(), seen.size(), "every character is used");
  }

  @Test
  void theAlphabetHasNoAmbiguousCharacter() {
    for (char c : ClassCodes.AMBIGUOUS.toCharArray()) {
      assertFalse(ClassCodes.ALPHABET.indexOf(c) >= 0, "alphabet holds " + c);
    }
  }

  @Test
  void aNarrowedCodeSpaceCollides() {
    // What the collision IT relies on: two letters over six places is 64 codes.
    ClassCodes codes = new ClassCodes("AB", 6, new Random(7));
    Set<String> drawn = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      drawn.add(codes.next());
    }
    assertTrue(drawn.size() <= 64 && drawn.size() > 32, "drawn " + drawn.size());
  }

  @Test
  void aNarrowingMayNotBringBackAmbiguousCharactersOrOddLengths() {
    assertThrows(IllegalArgumentException.class, () -> new ClassCodes("AB0", 6, new Random()));
    assertThrows(IllegalArgumentException.class, () -> new ClassCodes("ABL", 6, new Random()));
    assertThrows(IllegalArgumentException.class, () -> new ClassCodes("AB", 5, new Random()));
    assertThrows(IllegalArgumentException.class, () -> new ClassCodes("AB", 9, new Random()));
  }

  @Test
  void typedCodesAreNormalized() {
    assertEquals(Optional.of("GARDEN7"), ClassCodes.normalize(" garden-7 "));
    assertEquals(Optional.of("GARDEN7"), ClassCodes.normalize("GAR DEN7"));
    assertEquals(Optional.empty(), ClassCodes.normalize("GARDE0"), "0 is never in a code");
    assertEquals(Optional.empty(), ClassCodes.normalize("ABC"), "too short");
    assertEquals(Optional.empty(), ClassCodes.normalize("ABCDEFGHJ"), "too long");
    assertEquals(Optional.empty(), ClassCodes.normalize(null));
  }
}
