package org.lectern.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.lectern.access.RoleService;
import org.lectern.audit.AuditAction;
import org.lectern.audit.AuditNotes;
import org.lectern.audit.Audited;
import org.lectern.identity.IdentityDtos.TokenRequest;
import org.lectern.identity.TokenService.TokenResponse;
import org.lectern.platform.LecternException;
import org.lectern.tenancy.Tenant;

/**
 * The credential checks of a sign-in, each one audited. A wrong tenant, email or password all get
 * the same 401 after the same work (an unknown account still costs one password verification), and
 * repeated failures are slowed down. A refused sign-in is recorded with the tenant and email it
 * named and why, never the password.
 */
@ApplicationScoped
public class SignIn {

  private static final Logger LOG = Logger.getLogger(SignIn.class.getName());

  @Inject Accounts accounts;
  @Inject Passwords passwords;
  @Inject LoginThrottle throttle;
  @Inject TokenService tokens;
  @Inject RoleService roles;
  @Inject AuditNotes audit;

  /** A school's user; runs inside the school's tenant scope. */
  @Audited(action = AuditAction.LOGIN, entity = "user", onFailure = AuditAction.LOGIN_FAILED)
  public TokenResponse school(Tenant tenant, TokenRequest request, LoginThrottle.Attempt attempt) {
    Optional<User> user = accounts.userByEmail(request.email());
    boolean ok =
        user.isPresent()
            ? passwords.verify(request.password(), user.get().passwordHash())
                && user.get().isActive()
            : verifyNothing(request.password());
    if (!ok) {
      throw failed(attempt, request, user.map(User::id).orElse(null));
    }
    if (!tenant.isActive()) {
      refused(request, user.get().id(), "tenant.suspended");
      throw new LecternException(403, "tenant.suspended", "This school's account is suspended.");
    }
    throttle.succeeded(attempt);
    User u = user.get();
    u.touchActivity(Instant.now());
    audit.actor(u.asCaller());
    audit.subject(u.id());
    audit.values(null, null);
    return tokens.issue(u.id(), u.email(), roles.roleNames(u.id()), tenant.id(), u.tokenVersion());
  }

  /** A sign-in naming a school that does not exist: refused like a wrong password. */
  @Audited(action = AuditAction.LOGIN, entity = "user", onFailure = AuditAction.LOGIN_FAILED)
  public TokenResponse unknownSchool(TokenRequest request, LoginThrottle.Attempt attempt) {
    passwords.verifyNothing(request.password());
    throw failed(attempt, request, null);
  }

  /** A platform operator's global account. */
  @Audited(action = AuditAction.LOGIN, entity = "user", onFailure = AuditAction.LOGIN_FAILED)
  public TokenResponse platform(TokenRequest request, LoginThrottle.Attempt attempt) {
    Optional<PlatformAccount> account = accounts.platformAccountByEmail(request.email());
    boolean ok =
        account.isPresent()
            ? passwords.verify(request.password(), account.get().passwordHash())
                && account.get().isActive()
            : verifyNothing(request.password());
    if (!ok) {
      throw failed(attempt, request, null);
    }
    throttle.succeeded(attempt);
    PlatformAccount a = account.get();
    audit.actor(a.asCaller());
    audit.subject("platform-account", a.id());
    audit.values(null, null);
    LOG.info(() -> "Platform sign-in: " + a.email());
    return tokens.issue(a.id(), a.email(), a.roles(), null, 0);
  }

  /** What the audit entry of a refused sign-in records: never the password. */
  private void refused(TokenRequest request, UUID userId, String reason) {
    Map<String, Object> attempt = new LinkedHashMap<>();
    attempt.put("tenant", request.tenant());
    attempt.put("email", request.email());
    attempt.put("reason", reason);
    audit.subject(userId);
    audit.values(null, attempt);
  }

  private boolean verifyNothing(String password) {
    passwords.verifyNothing(password);
    return false;
  }

  private LecternException failed(
      LoginThrottle.Attempt attempt, TokenRequest request, UUID userId) {
    throttle.failed(attempt);
    refused(request, userId, "auth.invalid-credentials");
    return new LecternException(
        401, "auth.invalid-credentials", "The school, email or password is not right.");
  }
}
