package org.lectern.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.UUID;
import java.util.function.BiFunction;
import org.casbin.jcasbin.main.SyncedEnforcer;

/**
 * Built enforcers by tenant and policy version, bounded in size. A tenant's enforcer is built once
 * however many requests ask for it at the same moment (the others wait for that build), and
 * requests for other tenants never wait on it: there is no lock over the whole cache.
 */
final class EnforcerCache {

  private record Key(UUID tenantId, long version) {}

  private final Cache<Key, SyncedEnforcer> cache;
  private final BiFunction<UUID, Long, SyncedEnforcer> build;

  EnforcerCache(int maximumSize, BiFunction<UUID, Long, SyncedEnforcer> build) {
    this.cache = Caffeine.newBuilder().maximumSize(maximumSize).build();
    this.build = build;
  }

  SyncedEnforcer get(UUID tenantId, long version) {
    return cache.get(new Key(tenantId, version), k -> build.apply(k.tenantId(), k.version()));
  }
}
