package org.lectern.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.casbin.jcasbin.main.SyncedEnforcer;
import org.junit.jupiter.api.Test;

class EnforcerCacheTest {

  private static final String MODEL = model();

  private static String model() {
    try {
      return Files.readString(Path.of("policies/model.conf"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private final AtomicInteger builds = new AtomicInteger();

  private SyncedEnforcer build(UUID tenant, long version) {
    builds.incrementAndGet();
    try {
      Thread.sleep(50); // a real build reads the tenant's rules from the database
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return TenantEnforcers.compile(
        MODEL,
        List.of(Rule.grant("teacher", tenant.toString(), "story", "read")),
        List.of(),
        Map.of());
  }

  @Test
  void thirtyTwoConcurrentFirstRequestsForOneTenantBuildItsEnforcerOnce() throws Exception {
    EnforcerCache<SyncedEnforcer> cache = new EnforcerCache<>(100, this::build);
    UUID tenant = UUID.randomUUID();
    ExecutorService pool = Executors.newFixedThreadPool(32);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<SyncedEnforcer>> answers = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      answers.add(
          pool.submit(
              () -> {
                start.await();
                return cache.get(tenant, 1);
              }));
    }
    start.countDown();
    SyncedEnforcer first = answers.get(0).get(10, TimeUnit.SECONDS);
    for (Future<SyncedEnforcer> answer : answers) {
      assertSame(first, answer.get(10, TimeUnit.SECONDS));
    }
    pool.shutdown();
    assertEquals(1, builds.get());
  }

  @Test
  void aNewPolicyVersionIsANewBuild() {
    EnforcerCache<SyncedEnforcer> cache = new EnforcerCache<>(100, this::build);
    UUID tenant = UUID.randomUUID();
    SyncedEnforcer v1 = cache.get(tenant, 1);
    assertSame(v1, cache.get(tenant, 1));
    assertNotSame(v1, cache.get(tenant, 2));
    assertEquals(2, builds.get());
  }
}
