package org.lectern.access.condition;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lectern.access.condition.Fixtures.holds;
import static org.lectern.access.condition.Fixtures.leaf;
import static org.lectern.access.condition.Fixtures.resource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code eq} and {@code ne}. */
class EqualityTest {

  enum Status {
    PUBLISHED
  }

  @Test
  void equalTextMatches() {
    assertTrue(
        holds(leaf("resource.status", "eq", "'published'"), resource("status", "published")));
  }

  @Test
  void textComparesCaseSensitively() {
    assertFalse(
        holds(leaf("resource.status", "eq", "'published'"), resource("status", "Published")));
  }

  @Test
  void integerEqualsTheSameDecimalWrittenDifferently() {
    assertTrue(holds(leaf("resource.level", "eq", "1.0"), resource("level", 1)));
  }

  @Test
  void doubleEqualsDecimalWithTrailingZero() {
    assertTrue(holds(leaf("resource.score", "eq", "2.50"), resource("score", 2.5d)));
  }

  @Test
  void floatEqualsTheDecimalAsWrittenNotItsBinaryApproximation() {
    assertTrue(holds(leaf("resource.score", "eq", "0.1"), resource("score", 0.1f)));
  }

  @Test
  void bigIntegerEqualsLongBeyondIntRange() {
    assertTrue(
        holds(
            leaf("resource.size", "eq", "'resource.bytes'"),
            resource("size", BigInteger.valueOf(5_000_000_000L), "bytes", 5_000_000_000L)));
  }

  @Test
  void differentNumbersAreNotEqual() {
    assertFalse(
        holds(leaf("resource.level", "eq", "2"), resource("level", new BigDecimal("2.01"))));
  }

  @Test
  void numberNeverEqualsNumericText() {
    assertFalse(holds(leaf("resource.level", "eq", "'5'"), resource("level", 5)));
  }

  @Test
  void booleanEqualsBoolean() {
    assertTrue(holds(leaf("resource.featured", "eq", "true"), resource("featured", true)));
  }

  @Test
  void booleanDoesNotEqualItsText() {
    assertFalse(holds(leaf("resource.featured", "eq", "true"), resource("featured", "true")));
  }

  @Test
  void missingAttributeEqualsNull() {
    assertTrue(holds(leaf("resource.archivedAt", "eq", "null"), resource()));
  }

  @Test
  void attributeHeldAsNullEqualsNull() {
    assertTrue(holds(leaf("resource.archivedAt", "eq", "null"), resource("archivedAt", null)));
  }

  @Test
  void missingAttributeDoesNotEqualAValue() {
    assertFalse(holds(leaf("resource.status", "eq", "'published'"), resource()));
  }

  @Test
  void presentAttributeDoesNotEqualNull() {
    assertFalse(holds(leaf("resource.status", "eq", "null"), resource("status", "draft")));
  }

  @Test
  void collectionsWithTheSameMembersInAnotherOrderAreEqual() {
    assertTrue(
        holds(
            leaf("resource.tags", "eq", "['a', 'b']"),
            resource("tags", new LinkedHashSet<>(List.of("b", "a")))));
  }

  @Test
  void collectionsOfDifferentSizeAreNotEqual() {
    assertFalse(
        holds(leaf("resource.tags", "eq", "['a', 'b']"), resource("tags", List.of("a", "b", "b"))));
  }

  @Test
  void enumAttributeEqualsItsName() {
    assertTrue(
        holds(leaf("resource.status", "eq", "'PUBLISHED'"), resource("status", Status.PUBLISHED)));
  }

  @Test
  void uuidAttributeEqualsItsText() {
    UUID id = UUID.fromString("0190a5b4-7c1e-7000-8000-000000000001");
    assertTrue(
        holds(
            leaf("resource.id", "eq", "'0190a5b4-7c1e-7000-8000-000000000001'"),
            resource("id", id)));
  }

  @Test
  void nanIsNotEqualEvenToItself() {
    assertFalse(
        holds(leaf("resource.score", "eq", "'resource.score'"), resource("score", Double.NaN)));
  }

  @Test
  void neIsTrueForDifferentValues() {
    assertTrue(holds(leaf("resource.status", "ne", "'draft'"), resource("status", "published")));
  }

  @Test
  void neIsFalseForEqualValues() {
    assertFalse(holds(leaf("resource.status", "ne", "'draft'"), resource("status", "draft")));
  }

  @Test
  void neIsFalseForNumericallyEqualValues() {
    assertFalse(holds(leaf("resource.level", "ne", "3.00"), resource("level", 3L)));
  }

  @Test
  void missingAttributeIsNeAnyValue() {
    assertTrue(holds(leaf("resource.status", "ne", "'draft'"), resource()));
  }
}
