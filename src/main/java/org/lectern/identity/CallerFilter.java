package org.lectern.identity;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.lectern.context.RequestContext;
import org.lectern.platform.LecternException;
import org.lectern.platform.Public;
import org.lectern.platform.RequestIds;

/**
 * The one filter that sets the {@link RequestContext}, once per request, after Payara has verified
 * the bearer token: a verified token becomes the request's caller and tenant; no token on a
 * resource that is not {@code @Public} is 401.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 100)
public class CallerFilter implements ContainerRequestFilter {

  public static final String TENANT_HEADER = "X-Tenant-Id";

  @Context ResourceInfo resource;
  @Context HttpServletRequest http;
  @Inject CallerResolver resolver;
  @Inject RequestContext context;

  @Override
  public void filter(ContainerRequestContext request) {
    Principal principal = request.getSecurityContext().getUserPrincipal();
    CallerResolver.Resolved who;
    if (principal instanceof JsonWebToken jwt) {
      who = resolver.resolve(jwt, request.getHeaderString(TENANT_HEADER), RequestIds.of(http));
    } else if (isOpen()) {
      who = CallerResolver.Resolved.NOBODY;
    } else {
      throw new LecternException(
          401,
          "auth.unauthenticated",
          "This needs a bearer token: sign in with POST /api/auth/token.");
    }
    context.establish(
        RequestIds.of(http),
        RequestIds.clientAddressOf(http),
        who.caller(),
        who.tenantId(),
        who.policyVersion());
  }

  private boolean isOpen() {
    return resource.getResourceMethod() != null
        && (resource.getResourceMethod().isAnnotationPresent(Public.class)
            || resource.getResourceClass().isAnnotationPresent(Public.class));
  }
}
