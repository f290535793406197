package org.lectern.platform;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Request quotas per minute, counted in memory on each node and merged through {@code rate_limits}
 * every {@code lectern.rate.sync-seconds} (default 5) by one timer per node, which also purges
 * expired rows once a minute ({@link RateLimits#purge}).
 *
 * <p>Why not one statement per request: the list endpoints have a budget of two statements, and a
 * quota check on every request would spend half of it. The price of counting locally is precision:
 * with N nodes a key can pass its limit by what the other nodes admit in one sync interval (at most
 * (N-1) x limit x interval / 60 in the worst case), which is fine for a quota meant to stop runaway
 * clients, not to bill. Sign-in failures, where precision matters, are counted in the table
 * directly ({@link RateLimits#fail}).
 */
@ApplicationScoped
public class QuotaCounters {

  private static final Logger LOG = Logger.getLogger(QuotaCounters.class.getName());

  private final MinuteCounters counters = new MinuteCounters();
  private final long syncSeconds =
      ConfigProvider.getConfig()
          .getOptionalValue("lectern.rate.sync-seconds", Long.class)
          .orElse(5L);

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  @Inject RateLimits limits;

  private ScheduledFuture<?> syncing;
  private ScheduledFuture<?> purging;
  private volatile boolean syncFailing;

  /** Counts one request for {@code key}; 429 with the RateLimit header fields past its limit. */
  public void count(String key, int limitPerMinute, String code, String what) {
    MinuteCounters.Result r = counters.count(key, limitPerMinute, System.currentTimeMillis());
    if (!r.allowed()) {
      throw new RateLimited(
          code,
          "More than "
              + limitPerMinute
              + " requests a minute for this "
              + what
              + "; wait "
              + r.resetSeconds()
              + " s.",
          r.limit(),
          r.resetSeconds());
    }
  }

  void start(@Observes Startup.DatabaseReady ready) {
    syncing =
        scheduler.scheduleWithFixedDelay(
            this::sync, syncSeconds, Math.max(1, syncSeconds), TimeUnit.SECONDS);
    purging = scheduler.scheduleWithFixedDelay(this::purge, 60, 60, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    if (syncing != null) {
      syncing.cancel(false);
      purging.cancel(false);
    }
  }

  /** Sends this node's counts since the last sync and learns every node's totals: one statement. */
  void sync() {
    List<MinuteCounters.Drained> drained = counters.drain(System.currentTimeMillis());
    if (drained.isEmpty()) {
      return;
    }
    try {
      Map<String, Integer> totals =
          limits.addAll(drained.stream().map(MinuteCounters.Drained::delta).toList());
      counters.merge(drained, totals);
      syncFailing = false;
    } catch (RuntimeException e) {
      // Counting goes on locally; only the other nodes' share is missed until the database answers.
      if (!syncFailing) {
        LOG.log(Level.WARNING, "Request quotas not synced: {0}", e.toString());
      }
      syncFailing = true;
    }
  }

  void purge() {
    try {
      limits.purge();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Expired rate limits not purged: {0}", e.toString());
    }
  }
}
