package org.lectern.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MinuteCountersTest {

  private static final long MINUTE = 28_000_000L * 60_000; // some clock minute, in millis

  @Test
  void countsUpToTheLimitThenRefusesUntilTheMinuteEnds() {
    MinuteCounters c = new MinuteCounters();
    for (int i = 0; i < 3; i++) {
      MinuteCounters.Result r = c.count("k", 3, MINUTE + 15_000);
      assertTrue(r.allowed());
      assertEquals(2 - i, r.remaining());
    }
    MinuteCounters.Result refused = c.count("k", 3, MINUTE + 15_000);
    assertFalse(refused.allowed());
    assertEquals(0, refused.remaining());
    assertEquals(45, refused.resetSeconds());
    assertTrue(c.count("other", 3, MINUTE + 15_000).allowed(), "keys are counted apart");
    assertTrue(c.count("k", 3, MINUTE + 60_000).allowed(), "the next minute starts afresh");
  }

  @Test
  void syncSendsOnlyNewCountsAndLearnsTheOtherNodesTotals() {
    MinuteCounters c = new MinuteCounters();
    c.count("k", 10, MINUTE);
    c.count("k", 10, MINUTE);
    List<MinuteCounters.Drained> drained = c.drain(MINUTE + 1000);
    assertEquals(1, drained.size());
    RateLimits.Delta d = drained.get(0).delta();
    assertEquals(2, d.count());
    assertEquals("k:" + MINUTE / 60_000, d.key(), "the key names its window");
    assertEquals(MINUTE / 1000, d.windowStartEpoch());
    assertEquals(MINUTE / 1000 + 60, d.windowEndEpoch());
    // Another node counted 7 in the same minute: 9 in all, so one more is allowed, then none.
    c.merge(drained, Map.of(d.key(), 9));
    assertEquals(0, c.count("k", 10, MINUTE + 2000).remaining());
    assertFalse(c.count("k", 10, MINUTE + 2000).allowed());
    List<MinuteCounters.Drained> next = c.drain(MINUTE + 3000);
    assertEquals(1, next.get(0).delta().count(), "only what was counted since the last sync");
    assertTrue(c.drain(MINUTE + 4000).isEmpty());
  }

  @Test
  void pastMinutesAreDropped() {
    MinuteCounters c = new MinuteCounters();
    c.count("k", 10, MINUTE);
    assertTrue(c.drain(MINUTE + 60_000).isEmpty(), "a past minute's counts no longer matter");
    assertEquals(0, c.size());
  }
}
