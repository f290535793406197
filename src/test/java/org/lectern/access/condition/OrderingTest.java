package org.lectern.access.condition;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lectern.access.condition.Fixtures.holds;
import static org.lectern.access.condition.Fixtures.leaf;
import static org.lectern.access.condition.Fixtures.resource;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code gt} and {@code lt}. */
class OrderingTest {

  @Test
  void gtIsTrueForALargerNumber() {
    assertTrue(holds(leaf("resource.level", "gt", "3"), resource("level", 4)));
  }

  @Test
  void gtIsFalseForASmallerNumber() {
    assertFalse(holds(leaf("resource.level", "gt", "3"), resource("level", 2)));
  }

  @Test
  void gtIsFalseForAnEqualNumberOfAnotherType() {
    assertFalse(holds(leaf("resource.level", "gt", "3.0"), resource("level", 3L)));
  }

  @Test
  void ltIsFalseForAnEqualNumberOfAnotherType() {
    assertFalse(holds(leaf("resource.level", "lt", "3.0"), resource("level", 3L)));
  }

  @Test
  void ltComparesIntegerWithDecimal() {
    assertTrue(holds(leaf("resource.level", "lt", "2.5"), resource("level", 2)));
  }

  @Test
  void gtComparesTwoIntegerAttributes() {
    Attributes harderThanReader =
        Fixtures.attributes(Fixtures.map("level", 3L), Fixtures.map("level", 4));
    assertTrue(holds(leaf("resource.level", "gt", "'user.level'"), harderThanReader));
  }

  @Test
  void gtHandlesNumbersBeyondLongRange() {
    assertTrue(
        holds(
            leaf("resource.views", "gt", "9223372036854775807"),
            resource("views", BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE))));
  }

  @Test
  void gtComparesNumericTextAttributeWithNumberNumerically() {
    // As text "10" sorts before "9"; as numbers 10 > 9.
    assertTrue(holds(leaf("resource.grade", "gt", "9"), resource("grade", "10")));
  }

  @Test
  void gtComparesNumberAttributeWithNumericTextNumerically() {
    assertTrue(holds(leaf("resource.grade", "gt", "'9'"), resource("grade", 10)));
  }

  @Test
  void numericTextMayUseAnExponent() {
    assertTrue(holds(leaf("resource.words", "gt", "999"), resource("words", "1e3")));
  }

  @Test
  void twoTextsCompareLexicographicallyEvenWhenNumeric() {
    assertTrue(holds(leaf("resource.grade", "lt", "'9'"), resource("grade", "10")));
  }

  @Test
  void isoDatesCompareChronologically() {
    assertTrue(
        holds(
            leaf("resource.publishedOn", "gt", "'2024-04-30'"),
            resource("publishedOn", "2024-05-01")));
  }

  @Test
  void isoTimestampsCompareChronologically() {
    assertTrue(
        holds(
            leaf("resource.dueAt", "lt", "'2024-05-01T10:00:01Z'"),
            resource("dueAt", "2024-05-01T10:00:00Z")));
  }

  @Test
  void textComparesCaseSensitivelyByCharacterCode() {
    // 'Z' (90) sorts before 'a' (97).
    assertTrue(holds(leaf("resource.code", "lt", "'a'"), resource("code", "Z")));
  }

  @Test
  void nonNumericTextIsNotGreaterThanANumber() {
    assertFalse(holds(leaf("resource.grade", "gt", "1"), resource("grade", "abc")));
  }

  @Test
  void nonNumericTextIsNotLessThanANumber() {
    assertFalse(holds(leaf("resource.grade", "lt", "1"), resource("grade", "abc")));
  }

  @Test
  void missingAttributeIsNotGreater() {
    assertFalse(holds(leaf("resource.level", "gt", "0"), resource()));
  }

  @Test
  void missingAttributeIsNotLess() {
    assertFalse(holds(leaf("resource.level", "lt", "0"), resource()));
  }

  @Test
  void referenceToAMissingAttributeIsNotGreater() {
    Attributes levelButNoMinimum = resource("level", 3);
    assertFalse(holds(leaf("resource.level", "gt", "'resource.minimum'"), levelButNoMinimum));
  }

  @Test
  void booleanIsNotOrdered() {
    assertFalse(holds(leaf("resource.featured", "gt", "0"), resource("featured", true)));
  }

  @Test
  void collectionIsNotOrdered() {
    assertFalse(holds(leaf("resource.levels", "gt", "0"), resource("levels", List.of(1, 2))));
  }

  @Test
  void positiveInfinityIsGreaterThanAnyNumber() {
    assertTrue(
        holds(leaf("resource.score", "gt", "1e400"), resource("score", Double.POSITIVE_INFINITY)));
  }

  @Test
  void nanIsNotGreater() {
    assertFalse(holds(leaf("resource.score", "gt", "0"), resource("score", Double.NaN)));
  }

  @Test
  void nanIsNotLess() {
    assertFalse(holds(leaf("resource.score", "lt", "0"), resource("score", Double.NaN)));
  }
}
