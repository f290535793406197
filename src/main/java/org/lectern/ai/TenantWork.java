package org.lectern.ai;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import org.lectern.context.Caller;
import org.lectern.context.RequestContext;
import org.lectern.identity.User;
import org.lectern.tenancy.Tenant;

/**
 * Work outside any request, in one school as one of its users: a request context of its own is
 * activated for the call, and {@link RequestContext#runAs} binds the school and the user, so access
 * control, the tenant filter, row-level security and the audit trail see what they see in a
 * request. Nothing set here outlives the call.
 */
@ApplicationScoped
class TenantWork {

  @Inject RequestContext context;
  @Inject WorkerReads reads;

  /** Why the work could not run as that user there. */
  enum Refusal {
    NO_SCHOOL,
    SCHOOL_SUSPENDED,
    USER_INACTIVE
  }

  /** What {@code work} is given: the school is active and the user is one of its active users. */
  @FunctionalInterface
  interface Work {
    void run(Optional<Refusal> refusal);
  }

  @ActivateRequestContext
  void as(UUID tenantId, UUID userId, Work work) {
    Optional<Tenant> tenant = reads.tenant(tenantId);
    if (tenant.isEmpty()) {
      work.run(Optional.of(Refusal.NO_SCHOOL));
      return;
    }
    long policyVersion = tenant.get().policyVersion();
    Optional<User> user =
        context.runAs(tenantId, policyVersion, Caller.NOBODY, () -> reads.user(userId));
    Caller caller = user.filter(User::isActive).map(User::asCaller).orElse(Caller.NOBODY);
    Optional<Refusal> refusal =
        !tenant.get().isActive()
            ? Optional.of(Refusal.SCHOOL_SUSPENDED)
            : caller == Caller.NOBODY ? Optional.of(Refusal.USER_INACTIVE) : Optional.empty();
    context.runAs(
        tenantId,
        policyVersion,
        caller,
        () -> {
          work.run(refusal);
          return null;
        });
  }
}
