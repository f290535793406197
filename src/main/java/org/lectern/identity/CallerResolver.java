package org.lectern.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.lectern.platform.LecternException;
import org.lectern.tenancy.Tenant;
import org.lectern.tenancy.TenantContext;
import org.lectern.tenancy.Tenants;

/**
 * Turns a verified token into the request's {@link Caller} and {@link TenantContext}, checking the
 * database on every request: a deactivated account's tokens stop working at once, and a suspended
 * tenant's users get 403.
 */
@ApplicationScoped
@Transactional
public class CallerResolver {

  private static final Logger LOG = Logger.getLogger(CallerResolver.class.getName());

  @Inject Tenants tenants;
  @Inject TenantContext tenantContext;
  @Inject Accounts accounts;
  @Inject Caller caller;

  void establish(JsonWebToken jwt, String tenantHeader) {
    UUID subject = parse(jwt.getSubject());
    String tenantClaim = jwt.getClaim("tenant");
    if (tenantClaim != null) {
      establishUser(subject, parse(tenantClaim), tenantHeader);
    } else {
      establishPlatform(subject, tenantHeader);
    }
  }

  private void establishUser(UUID subject, UUID tenantId, String tenantHeader) {
    Tenant tenant = tenants.byId(tenantId).orElseThrow(CallerResolver::invalidToken);
    tenantContext.set(tenant.id());
    tenantContext.policyVersion(tenant.policyVersion());
    User user =
        accounts.user(subject).filter(User::isActive).orElseThrow(CallerResolver::invalidToken);
    if (!tenant.isActive()) {
      throw new LecternException(403, "tenant.suspended", "This school's account is suspended.");
    }
    if (tenantHeader != null
        && !tenantHeader.equalsIgnoreCase(tenant.id().toString())
        && !tenantHeader.equalsIgnoreCase(tenant.slug())) {
      throw LecternException.forbidden("A school's users act only in their own school.");
    }
    caller.establish(user);
  }

  private void establishPlatform(UUID subject, String tenantHeader) {
    PlatformAccount account =
        accounts
            .platformAccount(subject)
            .filter(PlatformAccount::isActive)
            .orElseThrow(CallerResolver::invalidToken);
    caller.establish(Caller.Kind.PLATFORM, account.id(), account.email(), account.roles());
    if (tenantHeader != null && !tenantHeader.isBlank()) {
      Tenant tenant =
          tenants.byReference(tenantHeader).orElseThrow(() -> LecternException.notFound("tenant"));
      tenantContext.set(tenant.id());
      tenantContext.policyVersion(tenant.policyVersion());
      LOG.info(() -> "Platform account " + account.email() + " acts in tenant " + tenant.slug());
    }
  }

  private static UUID parse(String value) {
    try {
      return UUID.fromString(value);
    } catch (RuntimeException e) {
      throw invalidToken();
    }
  }

  private static LecternException invalidToken() {
    return new LecternException(
        401, "auth.token-revoked", "This token is no longer valid; sign in again.");
  }
}
