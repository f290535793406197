package org.lectern.identity;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lectern.access.AccessDtos.Permission;
import org.lectern.identity.IdentityDtos.Me;
import org.lectern.identity.IdentityDtos.PermissionsUpdate;
import org.lectern.identity.IdentityDtos.RolesUpdate;
import org.lectern.identity.IdentityDtos.TokenRequest;
import org.lectern.identity.IdentityDtos.UserCreate;
import org.lectern.identity.IdentityDtos.UserUpdate;
import org.lectern.identity.IdentityDtos.UserView;
import org.lectern.identity.TokenService.TokenResponse;
import org.lectern.platform.Authenticated;
import org.lectern.platform.ETags;
import org.lectern.platform.Page;
import org.lectern.platform.Public;

/** Thin adapters for sign-in, {@code /api/me} and {@code /api/users}. */
public final class IdentityResources {

  private IdentityResources() {}

  /** Sign-in: email and password for a bearer token. */
  @Path("auth")
  @Produces(MediaType.APPLICATION_JSON)
  @Consumes(MediaType.APPLICATION_JSON)
  public static class Auth {
    @Inject AuthService auth;

    @POST
    @Path("token")
    @Public
    public Response token(@Valid @NotNull TokenRequest request) {
      TokenResponse token = auth.login(request);
      return Response.ok(token).header("Cache-Control", "no-store").build();
    }
  }

  /** The caller. */
  @RolesAllowed(Authenticated.ANY)
  @Path("me")
  @Produces(MediaType.APPLICATION_JSON)
  public static class MeResource {
    @Inject MeService me;

    @GET
    public Me get() {
      return me.me();
    }
  }

  /** A tenant's users. */
  @RolesAllowed(Authenticated.ANY)
  @Path("users")
  @Produces(MediaType.APPLICATION_JSON)
  @Consumes(MediaType.APPLICATION_JSON)
  public static class Users {
    @Inject UserService users;
    @Context UriInfo uri;

    @GET
    public Page<UserView> list(
        @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
      return users.list(cursor, Page.limit(limit));
    }

    @POST
    public Response create(@Valid @NotNull UserCreate request) {
      UserView user = users.create(request);
      return Response.created(uri.getAbsolutePathBuilder().path(user.id().toString()).build())
          .entity(user)
          .build();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") UUID id) {
      UserView user = users.get(id);
      return Response.ok(user).build();
    }

    @PATCH
    @Path("{id}")
    public Response update(
        @PathParam("id") UUID id,
        @HeaderParam("If-Match") String ifMatch,
        @Valid @NotNull UserUpdate request) {
      UserView user = users.update(id, request, ETags.ifMatch(ifMatch));
      return Response.ok(user).build();
    }

    @DELETE
    @Path("{id}")
    public Response deactivate(@PathParam("id") UUID id) {
      users.deactivate(id);
      return Response.noContent().build();
    }

    @PUT
    @Path("{id}/roles")
    public UserView setRoles(@PathParam("id") UUID id, @Valid @NotNull RolesUpdate request) {
      return users.setRoles(id, request.roles());
    }

    @GET
    @Path("{id}/permissions")
    public Map<String, List<Permission>> permissions(@PathParam("id") UUID id) {
      return Map.of("items", users.permissions(id));
    }

    @PUT
    @Path("{id}/permissions")
    public Map<String, List<Permission>> setPermissions(
        @PathParam("id") UUID id, @Valid @NotNull PermissionsUpdate request) {
      return Map.of("items", users.setPermissions(id, request.permissions()));
    }
  }
}
