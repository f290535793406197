package org.lectern.identity;

import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.lectern.access.UserAttributeSource;
import org.lectern.context.Caller;
import org.lectern.context.RequestContext;
import org.lectern.platform.LecternException;
import org.lectern.platform.TextArrayConverter;
import org.lectern.tenancy.Tenant;
import org.lectern.tenancy.TenantEntityManager;
import org.lectern.tenancy.Tenants;

/**
 * Turns a verified token into the request's caller and tenant, checking the database on every
 * request: a deactivated account's tokens stop working at once, so do tokens issued before a
 * password change, and a suspended tenant's users get 403. What Payara leaves unchecked (nbf, iat,
 * alg, typ, kid) is checked first, see {@link TokenChecks}.
 *
 * <p>A school user's request costs one statement here: the tenant's state (tenancy's part of the
 * SQL, {@link Tenants#stateWith}), the user's profile, activity and token version (never the
 * password hash), and what other capabilities' {@link UserAttributeSource}s select along (the
 * courses the user is enrolled in), in one round trip. No transaction: a single read needs none,
 * and a JTA transaction would cost the request a COMMIT round trip.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CallerResolver {

  private static final Logger LOG = Logger.getLogger(CallerResolver.class.getName());

  /** Who a token stands for, and the tenant (with its policy version) the request acts in. */
  public record Resolved(Caller caller, UUID tenantId, Long policyVersion) {
    static final Resolved NOBODY = new Resolved(Caller.NOBODY, null, null);
  }

  @Inject Tenants tenants;
  @Inject VerifiedTokens verifiedTokens;
  @Inject Accounts accounts;
  @Inject TenantEntityManager tem;
  @Inject RequestContext context;
  @Inject @Any Instance<UserAttributeSource> attributeSources;

  /** The sources that select along with the caller, and the statement; made at first use. */
  private volatile CallerQuery query;

  private record CallerQuery(String sql, List<UserAttributeSource> sources) {}

  private static final TextArrayConverter TEXT_ARRAY = new TextArrayConverter();

  Resolved resolve(JsonWebToken jwt, String tenantHeader, String requestId) {
    JWTClaimsSet claims = verifiedClaims(jwt, requestId);
    UUID subject = parse(jwt.getSubject());
    Object tenantClaim = claims.getClaim("tenant");
    return tenantClaim != null
        ? user(
            subject, parse(tenantClaim.toString()), tokenVersion(claims), tenantHeader, requestId)
        : platform(subject, tenantHeader);
  }

  /**
   * The claims of a token Payara has accepted, once {@link TokenChecks} accepts it too; a token
   * that passed both before comes from {@link VerifiedTokens} without being parsed again.
   */
  private JWTClaimsSet verifiedClaims(JsonWebToken jwt, String requestId) {
    String raw = jwt.getRawToken();
    VerifiedTokens.Verified known =
        jwt instanceof CallerPrincipal p ? verifiedTokens.find(p) : null;
    if (known == null) {
      known = verifiedTokens.find(raw);
    }
    if (known != null) {
      return known.claims();
    }
    TokenChecks.Checked checked = TokenChecks.check(raw, Instant.now());
    if (checked.refusal() != null) {
      TokenRefusalLog.refused(checked.refusal(), requestId);
      throw invalidToken();
    }
    Date exp = checked.claims().getExpirationTime();
    if (jwt instanceof CallerPrincipal principal && exp != null) {
      Set<String> groups = jwt.getGroups() == null ? Set.of() : Set.copyOf(jwt.getGroups());
      verifiedTokens.remember(
          raw,
          new VerifiedTokens.Verified(
              principal, groups, checked.claims(), checked.keyId(), exp.getTime()));
    }
    return checked.claims();
  }

  private static long tokenVersion(JWTClaimsSet claims) {
    return claims.getClaim(TokenService.TOKEN_VERSION_CLAIM) instanceof Number n
        ? n.longValue()
        : 0;
  }

  private Resolved user(
      UUID subject, UUID tenantId, long tokenVersion, String tenantHeader, String requestId) {
    CallerQuery q = callerQuery();
    List<?> rows =
        context.resolving(
            tenantId, () -> tem.sqlIn(tenantId, q.sql()).setParameter(2, subject).getResultList());
    if (rows.isEmpty()) {
      throw invalidToken(); // no such tenant
    }
    Object[] row = (Object[]) rows.get(0);
    Tenants.State tenant = Tenants.state(row);
    int u = Tenants.STATE_COLUMNS;
    if (row[u] == null || !Boolean.TRUE.equals(row[u + 1])) {
      throw invalidToken(); // no such user in this tenant, or deactivated
    }
    if (((Number) row[u + 2]).longValue() != tokenVersion) {
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
    Map<String, Object> profile = new HashMap<>();
    profile.put("displayName", row[u + 4]);
    profile.put("gradeLevel", row[u + 5]);
    profile.put("readingLevel", row[u + 6]);
    profile.put("preferredLanguage", row[u + 7]);
    profile.put("interests", TEXT_ARRAY.convertToEntityAttribute(row[u + 8]));
    Caller caller = Caller.user(subject, (String) row[u + 3], profile);
    for (int i = 0; i < q.sources().size(); i++) {
      q.sources().get(i).preload(subject, row[u + USER_COLUMNS + i]);
    }
    return new Resolved(caller, tenant.id(), tenant.policyVersion());
  }

  /** The user's columns of the caller statement, in the order {@link #user} reads them. */
  private static final String USER_SELECT =
      ", u.id, u.is_active, u.token_version, u.email, u.display_name, u.grade_level,"
          + " u.reading_level, u.preferred_language, u.interests";

  private static final int USER_COLUMNS = 9;

  private CallerQuery callerQuery() {
    CallerQuery q = query;
    if (q == null) {
      StringBuilder columns = new StringBuilder(USER_SELECT);
      List<UserAttributeSource> sources = new ArrayList<>();
      for (UserAttributeSource source : attributeSources) {
        String column = source.callerColumn("t.id", "u.id");
        if (column != null) {
          columns.append(", ").append(column);
          sources.add(source); // a client proxy: always the current request's instance
        }
      }
      // LEFT JOIN: a known tenant without this user is told apart from an unknown tenant.
      q =
          new CallerQuery(
              Tenants.stateWith(
                  columns.toString(), " LEFT JOIN users u ON u.tenant_id = t.id AND u.id = ?2"),
              List.copyOf(sources));
      query = q;
    }
    return q;
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
