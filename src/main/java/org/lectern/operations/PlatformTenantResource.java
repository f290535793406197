package org.lectern.operations;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.lectern.operations.TenancyDtos.TenantCreate;
import org.lectern.operations.TenancyDtos.TenantView;
import org.lectern.platform.Authenticated;
import org.lectern.platform.Page;

/** Tenant provisioning and lifecycle for platform super-admins. */
@RolesAllowed(Authenticated.ANY)
@Path("platform/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PlatformTenantResource {

  @Inject TenantService tenants;
  @Context UriInfo uri;

  @POST
  public Response create(@Valid @NotNull TenantCreate request) {
    TenantView tenant = tenants.provision(request);
    return Response.created(uri.getAbsolutePathBuilder().path(tenant.id().toString()).build())
        .entity(tenant)
        .build();
  }

  @GET
  public Page<TenantView> list(
      @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
    return tenants.list(cursor, Page.limit(limit));
  }

  @GET
  @Path("{id}")
  public TenantView get(@PathParam("id") UUID id) {
    return tenants.get(id);
  }

  @POST
  @Path("{id}/suspend")
  public TenantView suspend(@PathParam("id") UUID id) {
    return tenants.suspend(id);
  }

  @POST
  @Path("{id}/reactivate")
  public TenantView reactivate(@PathParam("id") UUID id) {
    return tenants.reactivate(id);
  }
}
