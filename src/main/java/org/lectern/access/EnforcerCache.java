package org.lectern.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Built enforcers (or anything built from a tenant's rules) by tenant and policy version, bounded
 * in size. A tenant's enforcer is built once however many requests ask for it at the same moment
 * (the others wait for that build), and requests for other tenants never wait on it: there is no
 * lock over the whole cache.
 */
final class EnforcerCache<V> {

  private record Key(UUID tenantId, long version) {}

  private final Cache<Key, V> cache;
  private final BiFunction<UUID, Long, V> build;

  EnforcerCache(int maximumSize, BiFunction<UUID, Long, V> build) {
    this.cache = Caffeine.newBuilder().maximumSize(maximumSize).build();
    this.build = build;
  }

  V get(UUID tenantId, long version) {
    return cache.get(new Key(tenantId, version), k -> build.apply(k.tenantId(), k.version()));
  }
}
