package org.lectern.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.lectern.access.AccessControl;
import org.lectern.context.RequestContext;
import org.lectern.identity.IdentityDtos.Me;
import org.lectern.identity.IdentityDtos.TenantRef;
import org.lectern.identity.IdentityDtos.UserView;
import org.lectern.tenancy.Tenants;

/** The caller's own view of themselves. */
@ApplicationScoped
@Transactional
public class MeService {

  @Inject RequestContext current;
  @Inject Tenants tenants;
  @Inject Accounts accounts;
  @Inject AccessControl access;

  public Me me() {
    TenantRef tenant =
        current
            .tenantId()
            .flatMap(tenants::byId)
            .map(t -> new TenantRef(t.id(), t.slug(), t.name()))
            .orElse(null);
    if (current.caller().isPlatform()) {
      PlatformAccount a = accounts.platformAccount(current.caller().id()).orElseThrow();
      return new Me(a.id(), a.email(), a.displayName(), a.roles(), true, tenant, null);
    }
    User u = accounts.user(current.caller().id()).orElseThrow();
    var roles = access.rolesOfCaller();
    return new Me(u.id(), u.email(), u.displayName(), roles, false, tenant, UserView.of(u, roles));
  }
}
