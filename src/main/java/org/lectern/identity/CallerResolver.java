package org.lectern.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.lectern.context.Caller;
import org.lectern.context.RequestContext;
import org.lectern.platform.LecternException;
import org.lectern.tenancy.Tenant;
import org.lectern.tenancy.Tenants;

/**
 * Turns a verified token into the request's caller and tenant, checking the database on every
 * request: a deactivated account's tokens stop working at once, so do tokens issued before a
 * password change, and a suspended tenant's users get 403. What Payara leaves unchecked (nbf, iat,
 * alg, typ, kid) is checked first, see {@link TokenChecks}.
 */
@ApplicationScoped
@Transactional
public class CallerResolver {

  private static final Logger LOG = Logger.getLogger(CallerResolver.class.getName());

  /** Who a token stands for, and the tenant (with its policy version) the request acts in. */
  public record Resolved(Caller caller, UUID tenantId, Long policyVersion) {
    static final Resolved NOBODY = new Resolved(Caller.NOBODY, null, null);
  }

  @Inject Tenants tenants;
  @Inject Accounts accounts;
  @Inject RequestContext context;

  Resolved resolve(JsonWebToken jwt, String tenantHeader, String requestId) {
    TokenChecks.refusal(jwt.getRawToken(), Instant.now())
        .ifPresent(
            reason -> {
              TokenRefusalLog.refused(reason, requestId);
              throw invalidToken();
            });
    UUID subject = parse(jwt.getSubject());
    String tenantClaim = jwt.getClaim("tenant");
    return tenantClaim != null
        ? user(subject, parse(tenantClaim), tokenVersion(jwt), tenantHeader, requestId)
        : platform(subject, tenantHeader);
  }

  private static long tokenVersion(JsonWebToken jwt) {
    Object v = jwt.getClaim(TokenService.TOKEN_VERSION_CLAIM);
    if (v instanceof Number n) {
      return n.longValue();
    }
    if (v instanceof jakarta.json.JsonNumber n) {
      return n.longValue();
    }
    return 0;
  }

  private Resolved user(
      UUID subject, UUID tenantId, long tokenVersion, String tenantHeader, String requestId) {
    Tenant tenant = tenants.byId(tenantId).orElseThrow(CallerResolver::invalidToken);
    User user =
        context
            .runAs(tenant.id(), tenant.policyVersion(), () -> accounts.user(subject))
            .filter(User::isActive)
            .orElseThrow(CallerResolver::invalidToken);
    if (user.tokenVersion() != tokenVersion) {
      TokenRefusalLog.refused("issued before the password changed", requestId);
      throw invalidToken();
    }
    if (!tenant.isActive()) {
      throw new LecternException(403, "tenant.suspended", "This school's account is suspended.");
    }
    if (tenantHeader != null
        && !tenantHeader.equalsIgnoreCase(tenant.id().toString())
        && !tenantHeader.equalsIgnoreCase(tenant.slug())) {
      throw LecternException.forbidden("A school's users act only in their own school.");
    }
    return new Resolved(user.asCaller(), tenant.id(), tenant.policyVersion());
  }

  private Resolved platform(UUID subject, String tenantHeader) {
    PlatformAccount account =
        accounts
            .platformAccount(subject)
            .filter(PlatformAccount::isActive)
            .orElseThrow(CallerResolver::invalidToken);
    Caller caller = account.asCaller();
    if (tenantHeader == null || tenantHeader.isBlank()) {
      return new Resolved(caller, null, null);
    }
    Tenant tenant =
        tenants.byReference(tenantHeader).orElseThrow(() -> LecternException.notFound("tenant"));
    LOG.info(() -> "Platform account " + account.email() + " acts in tenant " + tenant.slug());
    return new Resolved(caller, tenant.id(), tenant.policyVersion());
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
