package org.lectern.access;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.UUID;
import org.lectern.access.AccessDtos.PolicyRequest;
import org.lectern.access.AccessDtos.PolicyView;
import org.lectern.access.AccessDtos.RoleRequest;
import org.lectern.access.AccessDtos.RoleUpdate;
import org.lectern.access.AccessDtos.RoleView;
import org.lectern.platform.Authenticated;
import org.lectern.platform.ETags;

/** Thin adapters for {@code /api/roles} and {@code /api/policies}; rules live in the services. */
public final class AccessResources {

  private AccessResources() {}

  /** A tenant's roles and their grants. */
  @RolesAllowed(Authenticated.ANY)
  @Path("roles")
  @Produces(MediaType.APPLICATION_JSON)
  @Consumes(MediaType.APPLICATION_JSON)
  public static class Roles {
    @Inject RoleService roles;
    @Context UriInfo uri;

    @GET
    public Map<String, Object> list() {
      return Map.of("items", roles.list());
    }

    @POST
    public Response create(@Valid @NotNull RoleRequest request) {
      RoleView role = roles.create(request);
      return Response.created(uri.getAbsolutePathBuilder().path(role.id().toString()).build())
          .entity(role)
          .build();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") UUID id) {
      RoleView role = roles.get(id);
      return Response.ok(role).build();
    }

    @PUT
    @Path("{id}")
    public Response update(
        @PathParam("id") UUID id,
        @HeaderParam("If-Match") String ifMatch,
        @Valid @NotNull RoleUpdate request) {
      RoleView role = roles.update(id, request, ETags.ifMatch(ifMatch));
      return Response.ok(role).build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id) {
      roles.delete(id);
      return Response.noContent().build();
    }
  }

  /** A tenant's ABAC ResourcePolicy rules. */
  @RolesAllowed(Authenticated.ANY)
  @Path("policies")
  @Produces(MediaType.APPLICATION_JSON)
  @Consumes(MediaType.APPLICATION_JSON)
  public static class Policies {
    @Inject PolicyService policies;
    @Context UriInfo uri;

    @GET
    public Map<String, Object> list() {
      return Map.of("items", policies.list());
    }

    @POST
    public Response create(@Valid @NotNull PolicyRequest request) {
      PolicyView p = policies.create(request);
      return Response.created(uri.getAbsolutePathBuilder().path(p.id().toString()).build())
          .entity(p)
          .build();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") UUID id) {
      PolicyView p = policies.get(id);
      return Response.ok(p).build();
    }

    @PUT
    @Path("{id}")
    public Response update(
        @PathParam("id") UUID id,
        @HeaderParam("If-Match") String ifMatch,
        @Valid @NotNull PolicyRequest request) {
      PolicyView p = policies.update(id, request, ETags.ifMatch(ifMatch));
      return Response.ok(p).build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id) {
      policies.delete(id);
      return Response.noContent().build();
    }
  }
}
