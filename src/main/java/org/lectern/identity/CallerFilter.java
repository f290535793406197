package org.lectern.identity;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.lectern.platform.LecternException;
import org.lectern.platform.Public;

/**
 * Runs after Payara has verified the bearer token: no token on a resource that is not
 * {@code @Public} is 401; a verified token becomes the request's caller and tenant.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 100)
public class CallerFilter implements ContainerRequestFilter {

  public static final String TENANT_HEADER = "X-Tenant-Id";

  @Context ResourceInfo resource;
  @Inject CallerResolver resolver;

  @Override
  public void filter(ContainerRequestContext request) {
    Principal principal = request.getSecurityContext().getUserPrincipal();
    if (principal instanceof JsonWebToken jwt) {
      resolver.establish(jwt, request.getHeaderString(TENANT_HEADER));
    } else if (!isOpen()) {
      throw new LecternException(
          401,
          "auth.unauthenticated",
          "This needs a bearer token: sign in with POST /api/auth/token.");
    }
  }

  private boolean isOpen() {
    return resource.getResourceMethod() != null
        && (resource.getResourceMethod().isAnnotationPresent(Public.class)
            || resource.getResourceClass().isAnnotationPresent(Public.class));
  }
}
