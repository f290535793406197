package org.lectern.content;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.UUID;
import org.lectern.content.TagService.TagRequest;
import org.lectern.content.TagService.TagView;
import org.lectern.platform.Authenticated;
import org.lectern.platform.Page;

/** {@code /api/tags}: the school's tags. */
@RolesAllowed(Authenticated.ANY)
@Path("tags")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TagResource {

  @Inject TagService tags;

  @GET
  public Page<TagView> list(
      @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
    return tags.list(cursor, Page.limit(limit));
  }

  @POST
  public Response create(@Valid @NotNull TagRequest request) {
    TagView tag = tags.create(request);
    return Response.created(UriBuilder.fromPath("/api/tags/{id}").build(tag.id()))
        .entity(tag)
        .build();
  }

  @PATCH
  @Path("{id}")
  public TagView rename(@PathParam("id") UUID id, @Valid @NotNull TagRequest request) {
    return tags.rename(id, request);
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") UUID id) {
    tags.delete(id);
    return Response.noContent().build();
  }
}
