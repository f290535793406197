package org.lectern.ai;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.lectern.ai.AiDtos.JobView;
import org.lectern.ai.AiDtos.Status;
import org.lectern.ai.JobClaims.Claim;
import org.lectern.ai.JobStore.Lease;
import org.lectern.platform.LecternException;
import org.lectern.platform.Startup;

/**
 * Runs the AI jobs on this node. Every {@code lectern.ai.worker.poll-millis} a timer of Payara's
 * managed scheduled executor claims due jobs across schools (one statement, {@code FOR UPDATE SKIP
 * LOCKED}, so nodes never take the same job) up to the free places of {@code
 * lectern.ai.worker.concurrency}, and hands each to the managed executor, where it runs in its
 * school as its requester ({@link TenantWork}). While a job runs this node renews its lease; a node
 * that dies stops renewing, and the job is claimed again once the lease ends. A retryable provider
 * error queues the job again after an exponential backoff with jitter (at least the provider's
 * Retry-After); a non-retryable one, or the last attempt's, fails it with the error.
 *
 * <p>Started when the database is ready, stopped when the application is: no new claims, and the
 * jobs still running end or are claimed again when their lease runs out.
 */
@ApplicationScoped
public class JobWorker {

  private static final Logger LOG = Logger.getLogger(JobWorker.class.getName());

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  ManagedExecutorService executor;

  @Inject JobClaims claims;
  @Inject JobStore store;
  @Inject JobRunner runner;
  @Inject TenantWork tenantWork;

  private final Config config = ConfigProvider.getConfig();
  private final boolean enabled = setting("lectern.ai.worker.enabled", Boolean.class, true);
  private final long pollMillis = setting("lectern.ai.worker.poll-millis", Long.class, 2000L);
  private final int leaseSeconds = setting("lectern.ai.worker.lease-seconds", Integer.class, 60);
  private final int concurrency = setting("lectern.ai.worker.concurrency", Integer.class, 2);
  private final Backoff backoff =
      new Backoff(
          Duration.ofMillis(setting("lectern.ai.retry.base-millis", Long.class, 5000L)),
          Duration.ofMillis(setting("lectern.ai.retry.max-millis", Long.class, 300_000L)));
  private final String node =
      config
          .getOptionalValue("lectern.ai.worker.node", String.class)
          .orElseGet(JobWorker::defaultNode);

  /** The jobs this node is working on, whose leases it renews. */
  private final Set<UUID> running = ConcurrentHashMap.newKeySet();

  private ScheduledFuture<?> polling;
  private ScheduledFuture<?> renewing;
  private volatile boolean stopped;
  private volatile boolean claimFailing;

  void start(@Observes Startup.DatabaseReady ready) {
    if (!enabled) {
      LOG.info("AI job worker disabled (lectern.ai.worker.enabled=false)");
      return;
    }
    polling =
        scheduler.scheduleWithFixedDelay(
            this::poll, pollMillis, Math.max(50, pollMillis), TimeUnit.MILLISECONDS);
    long renewMillis = Math.max(200, leaseSeconds * 1000L / 3);
    renewing =
        scheduler.scheduleWithFixedDelay(
            this::renew, renewMillis, renewMillis, TimeUnit.MILLISECONDS);
    LOG.info(
        () ->
            "AI job worker "
                + node
                + " started: poll every "
                + pollMillis
                + " ms, lease "
                + leaseSeconds
                + " s, "
                + concurrency
                + " at a time");
  }

  @PreDestroy
  void stop() {
    stopped = true;
    if (polling != null) {
      polling.cancel(false);
      renewing.cancel(false);
    }
    if (!running.isEmpty()) {
      LOG.info(
          () ->
              "AI job worker "
                  + node
                  + " stopped with "
                  + running.size()
                  + " jobs running; they are claimed again when their lease ends");
    }
  }

  /** Claims what this node has room for and starts it. */
  void poll() {
    if (stopped) {
      return;
    }
    int room = concurrency - running.size();
    if (room <= 0) {
      return;
    }
    List<Claim> claimed;
    try {
      claimed = claims.claim(node, room, leaseSeconds);
      claimFailing = false;
    } catch (RuntimeException e) {
      if (!claimFailing) {
        LOG.log(Level.WARNING, "AI jobs not claimed: {0}", e.toString());
      }
      claimFailing = true;
      return;
    }
    for (Claim c : claimed) {
      running.add(c.jobId());
      try {
        executor.execute(() -> runClaimed(c));
      } catch (RuntimeException rejected) {
        running.remove(c.jobId());
        LOG.log(
            Level.WARNING, "AI job " + c.jobId() + " not started; its lease will end", rejected);
      }
    }
  }

  void renew() {
    if (running.isEmpty()) {
      return;
    }
    try {
      claims.renew(node, Set.copyOf(running), leaseSeconds);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "AI job leases not renewed: {0}", e.toString());
    }
  }

  private void runClaimed(Claim c) {
    try {
      tenantWork.as(
          c.tenantId(),
          c.requestedBy(),
          refusal -> {
            Lease lease = new Lease(node, c.attempt());
            if (refusal.isPresent()) {
              if (refusal.get() != TenantWork.Refusal.NO_SCHOOL) {
                store.fail(
                    c.jobId(),
                    lease,
                    refusal.get() == TenantWork.Refusal.SCHOOL_SUSPENDED
                        ? "ai.school-suspended"
                        : "ai.requester-inactive",
                    refusal.get() == TenantWork.Refusal.SCHOOL_SUSPENDED
                        ? "The school is suspended."
                        : "The requester's account is no longer active.");
              }
              return;
            }
            attempt(c, lease);
          });
    } catch (JobStore.LeaseLost lost) {
      LOG.info(() -> "AI job " + c.jobId() + ": this node no longer holds it; its work is dropped");
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "AI job " + c.jobId() + " could not be run; its lease will end", e);
    } finally {
      running.remove(c.jobId());
    }
  }

  private void attempt(Claim c, Lease lease) {
    JobView job = store.load(c.jobId());
    if (job.status() != Status.running) {
      return;
    }
    if (c.attempt() > c.maxAttempts()) {
      store.fail(
          c.jobId(),
          lease,
          "ai.attempts-exhausted",
          "Gave up after "
              + c.maxAttempts()
              + " attempts; the last one's node stopped before it ended"
              + (job.error() == null ? "." : ". Last error: " + job.error()));
      return;
    }
    try {
      runner.run(job, lease);
    } catch (ProviderException e) {
      if (e.retryable() && c.attempt() < c.maxAttempts()) {
        Duration delay =
            backoff.delay(c.attempt(), e.retryAfter(), ThreadLocalRandom.current()::nextDouble);
        store.retry(c.jobId(), lease, delay, "ai.provider-error", e.getMessage());
      } else if (e.retryable()) {
        store.fail(
            c.jobId(),
            lease,
            "ai.attempts-exhausted",
            "Gave up after " + c.attempt() + " attempts. Last error: " + e.getMessage());
      } else {
        store.fail(c.jobId(), lease, "ai.provider-refused", e.getMessage());
      }
    } catch (JobRunner.Failure f) {
      store.fail(c.jobId(), lease, f.code, f.getMessage());
    } catch (JobStore.LeaseLost lost) {
      throw lost;
    } catch (LecternException refused) {
      // The requester may no longer do what the job does (a right taken away, a story gone).
      store.fail(c.jobId(), lease, refused.code(), refused.getMessage());
    } catch (RuntimeException unexpected) {
      LOG.log(Level.WARNING, "AI job " + c.jobId() + " failed unexpectedly", unexpected);
      if (c.attempt() < c.maxAttempts()) {
        store.retry(
            c.jobId(),
            lease,
            backoff.delay(c.attempt(), null, ThreadLocalRandom.current()::nextDouble),
            "ai.internal",
            "An internal error; the job is tried again.");
      } else {
        store.fail(c.jobId(), lease, "ai.internal", "An internal error on every attempt.");
      }
    }
  }

  private <T> T setting(String name, Class<T> type, T fallback) {
    return config.getOptionalValue(name, type).orElse(fallback);
  }

  private static String defaultNode() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "node";
    }
    String id =
        host
            + "-"
            + ProcessHandle.current().pid()
            + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    return id.length() > 100 ? id.substring(id.length() - 100) : id;
  }
}
