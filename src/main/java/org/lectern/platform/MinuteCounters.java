package org.lectern.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Request counts per key and clock minute, kept in memory and merged with the other nodes' now and
 * then ({@link QuotaCounters}), so that counting a request costs no SQL. A key's estimate is the
 * total over all nodes at the last sync plus what this node counted since; between syncs the other
 * nodes' new requests are not seen, so a key may overshoot its limit by what the other nodes let
 * through in one sync interval.
 */
final class MinuteCounters {

  /** Whether a request may go ahead, and the numbers for the RateLimit header fields. */
  record Result(boolean allowed, int limit, int remaining, long resetSeconds) {}

  private static final class Window {
    final long minute;
    final AtomicInteger local = new AtomicInteger();
    volatile int shared;

    Window(long minute) {
      this.minute = minute;
    }
  }

  /** What one sync sends for one key, and the window it goes back to. */
  record Drained(Window window, RateLimits.Delta delta) {}

  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  /** Counts one request for {@code key}, unless that would pass {@code limit} this minute. */
  Result count(String key, int limit, long nowMillis) {
    long minute = nowMillis / 60_000;
    long reset = Math.max(1, ((minute + 1) * 60_000 - nowMillis + 999) / 1000);
    Window w =
        windows.compute(
            key, (k, old) -> old == null || old.minute != minute ? new Window(minute) : old);
    int total = w.shared + w.local.incrementAndGet();
    if (total > limit) {
      w.local.decrementAndGet();
      return new Result(false, limit, 0, reset);
    }
    return new Result(true, limit, limit - total, reset);
  }

  /**
   * Takes what was counted since the last sync, one delta per key of the current minute, and drops
   * the windows of past minutes. The taken counts move into the shared part at once, so the
   * estimate does not dip while the sync is under way.
   */
  List<Drained> drain(long nowMillis) {
    long minute = nowMillis / 60_000;
    List<Drained> out = new ArrayList<>();
    for (Map.Entry<String, Window> e : windows.entrySet()) {
      Window w = e.getValue();
      if (w.minute < minute) {
        windows.remove(e.getKey(), w);
        continue;
      }
      int n = w.local.getAndSet(0);
      if (n > 0) {
        w.shared += n;
        out.add(
            new Drained(
                w,
                new RateLimits.Delta(
                    e.getKey() + ":" + w.minute, n, w.minute * 60, (w.minute + 1) * 60)));
      }
    }
    return out;
  }

  /** Takes the totals over every node that the sync answered, by delta key. */
  void merge(List<Drained> drained, Map<String, Integer> totals) {
    for (Drained d : drained) {
      Integer total = totals.get(d.delta().key());
      if (total != null && total > d.window().shared) {
        d.window().shared = total;
      }
    }
  }

  int size() {
    return windows.size();
  }
}
