package org.lectern.identity;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.lectern.context.Caller;
import org.lectern.context.RequestContext;
import org.lectern.platform.QuotaCounters;

/**
 * Request quotas for signed-in callers: {@code lectern.rate.user-per-minute} per user or platform
 * account and {@code lectern.rate.tenant-per-minute} per tenant acted in (0 turns either off); past
 * them, 429 with {@code Retry-After} and the RateLimit header fields. Runs after {@link
 * CallerFilter} has fixed who calls, and counts in memory ({@link QuotaCounters}), so it adds no
 * SQL to the request.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 200)
public class RequestQuotas implements ContainerRequestFilter {

  private final int perUser =
      ConfigProvider.getConfig()
          .getOptionalValue("lectern.rate.user-per-minute", Integer.class)
          .orElse(1200);
  private final int perTenant =
      ConfigProvider.getConfig()
          .getOptionalValue("lectern.rate.tenant-per-minute", Integer.class)
          .orElse(12000);

  @Inject RequestContext context;
  @Inject QuotaCounters quotas;

  @Override
  public void filter(ContainerRequestContext request) {
    Caller caller = context.caller();
    if (!caller.isAuthenticated()) {
      return;
    }
    Optional<UUID> tenant = context.tenantId();
    if (perTenant > 0 && tenant.isPresent()) {
      quotas.count("quota:tenant:" + tenant.get(), perTenant, "rate.tenant-quota", "school");
    }
    if (perUser > 0) {
      quotas.count("quota:user:" + caller.id(), perUser, "rate.user-quota", "user");
    }
  }
}
