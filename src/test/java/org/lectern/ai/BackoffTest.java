package org.lectern.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(60));

  @Test
  void doublesWithEachAttemptBetweenHalfAndAllOfTheCeiling() {
    assertEquals(Duration.ofSeconds(1), backoff.delay(1, null, () -> 0.0));
    assertEquals(Duration.ofMillis(1999), backoff.delay(1, null, () -> 0.9995));
    assertEquals(Duration.ofSeconds(2), backoff.delay(2, null, () -> 0.0));
    assertEquals(Duration.ofSeconds(4), backoff.delay(3, null, () -> 0.0));
    assertEquals(Duration.ofSeconds(8), backoff.delay(4, null, () -> 0.0));
  }

  @Test
  void neverPastTheMaximumHoweverManyAttempts() {
    for (int attempt = 1; attempt < 100; attempt++) {
      Duration d = backoff.delay(attempt, null, () -> 0.99999999);
      assertTrue(d.compareTo(Duration.ofSeconds(60)) <= 0, d::toString);
    }
    assertEquals(Duration.ofSeconds(30), backoff.delay(40, null, () -> 0.0));
  }

  @Test
  void jitterSpreadsJobsThatFailedTogether() {
    Random random = new Random(7);
    long distinct =
        java.util.stream.IntStream.range(0, 50)
            .mapToObj(i -> backoff.delay(5, null, random::nextDouble))
            .distinct()
            .count();
    assertTrue(distinct > 40, "only " + distinct + " distinct delays");
  }

  @Test
  void theProvidersRetryAfterIsTheLeastDelay() {
    assertEquals(Duration.ofSeconds(30), backoff.delay(1, Duration.ofSeconds(30), () -> 0.5));
    assertEquals(Duration.ofMillis(1500), backoff.delay(1, Duration.ofMillis(10), () -> 0.5));
  }

  @Test
  void aCeilingBelowTheBaseIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(1)));
  }
}
