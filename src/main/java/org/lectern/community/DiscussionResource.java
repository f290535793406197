package org.lectern.community;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.UUID;
import org.lectern.community.CommunityDtos.DiscussionRequest;
import org.lectern.community.CommunityDtos.DiscussionView;
import org.lectern.platform.Authenticated;
import org.lectern.platform.Page;

/** {@code /api/discussions}: a classroom's book club discussions and their moderation. */
@RolesAllowed(Authenticated.ANY)
@Path("discussions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DiscussionResource {

  @Inject DiscussionService discussions;

  @GET
  public Page<DiscussionView> list(
      @QueryParam("classroomId") String classroomId,
      @QueryParam("storyId") String storyId,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    return discussions.list(
        Page.idOption("classroomId", classroomId),
        Page.idOption("storyId", storyId),
        cursor,
        Page.limit(limit));
  }

  @POST
  public Response create(@Valid @NotNull DiscussionRequest request) {
    DiscussionView d = discussions.create(request);
    return Response.created(UriBuilder.fromPath("/api/discussions/{id}").build(d.id()))
        .entity(d)
        .build();
  }

  @GET
  @Path("{id}")
  public DiscussionView get(@PathParam("id") UUID id) {
    return discussions.get(id);
  }

  @POST
  @Path("{id}/lock")
  public DiscussionView lock(@PathParam("id") UUID id) {
    return discussions.lock(id);
  }

  @POST
  @Path("{id}/unlock")
  public DiscussionView unlock(@PathParam("id") UUID id) {
    return discussions.unlock(id);
  }

  @POST
  @Path("{id}/pin")
  public DiscussionView pin(@PathParam("id") UUID id) {
    return discussions.pin(id);
  }

  @POST
  @Path("{id}/unpin")
  public DiscussionView unpin(@PathParam("id") UUID id) {
    return discussions.unpin(id);
  }
}
