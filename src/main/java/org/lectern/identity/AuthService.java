package org.lectern.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.lectern.context.RequestContext;
import org.lectern.identity.IdentityDtos.TokenRequest;
import org.lectern.identity.TokenService.TokenResponse;
import org.lectern.tenancy.Tenant;
import org.lectern.tenancy.Tenants;

/**
 * Sign-in: finds the school the request names and checks the credentials inside it ({@link
 * SignIn}), so a school's sign-ins are audited in that school's chain, and platform sign-ins and
 * sign-ins to unknown schools in the platform's.
 */
@ApplicationScoped
@Transactional
public class AuthService {

  @Inject Tenants tenants;
  @Inject LoginThrottle throttle;
  @Inject RequestContext context;
  @Inject SignIn signIn;

  public TokenResponse login(TokenRequest request) {
    String slug = request.tenant() == null ? "" : request.tenant().trim().toLowerCase();
    LoginThrottle.Attempt attempt =
        throttle.checkAllowed(slug, request.email().trim().toLowerCase());
    if (slug.isEmpty()) {
      return signIn.platform(request, attempt);
    }
    Tenant tenant = tenants.bySlug(slug).orElse(null);
    if (tenant == null) {
      return signIn.unknownSchool(request, attempt);
    }
    return context.runAs(
        tenant.id(), tenant.policyVersion(), () -> signIn.school(tenant, request, attempt));
  }
}
