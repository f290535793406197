package org.lectern.content;

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
import java.util.UUID;
import org.lectern.content.StoryDtos.StoryPatch;
import org.lectern.content.StoryDtos.StoryRequest;
import org.lectern.content.StoryDtos.StorySummary;
import org.lectern.content.StoryDtos.StoryView;
import org.lectern.platform.Authenticated;
import org.lectern.platform.ETags;
import org.lectern.platform.Page;

/** {@code /api/stories}: a thin adapter over {@link StoryService}. */
@RolesAllowed(Authenticated.ANY)
@Path("stories")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StoryResource {

  @Inject StoryService stories;
  @Context UriInfo uri;

  @GET
  public Page<StorySummary> list(
      @QueryParam("status") String status,
      @QueryParam("difficulty") String difficulty,
      @QueryParam("storyType") String storyType,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    var filter =
        new StoryService.Filter(
            Page.option(Story.Status.class, "status", status),
            Page.option(Story.Difficulty.class, "difficulty", difficulty),
            Page.option(Story.StoryType.class, "storyType", storyType));
    return stories.list(filter, cursor, Page.limit(limit));
  }

  @POST
  public Response create(@Valid @NotNull StoryRequest request) {
    StoryView story = stories.create(request);
    return Response.created(uri.getAbsolutePathBuilder().path(story.id().toString()).build())
        .tag(ETags.of(story.version()))
        .entity(story)
        .build();
  }

  @GET
  @Path("{id}")
  public Response get(@PathParam("id") UUID id) {
    StoryView story = stories.get(id);
    return Response.ok(story).tag(ETags.of(story.version())).build();
  }

  @PUT
  @Path("{id}")
  public Response replace(
      @PathParam("id") UUID id,
      @HeaderParam("If-Match") String ifMatch,
      @Valid @NotNull StoryRequest request) {
    StoryView story = stories.replace(id, request, ETags.ifMatch(ifMatch));
    return Response.ok(story).tag(ETags.of(story.version())).build();
  }

  @PATCH
  @Path("{id}")
  public Response patch(
      @PathParam("id") UUID id,
      @HeaderParam("If-Match") String ifMatch,
      @Valid @NotNull StoryPatch request) {
    StoryView story = stories.patch(id, request, ETags.ifMatch(ifMatch));
    return Response.ok(story).tag(ETags.of(story.version())).build();
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") UUID id) {
    stories.delete(id);
    return Response.noContent().build();
  }

  /** 200 with the published story, or 202 with the approval it now waits for. */
  @POST
  @Path("{id}/publish")
  public Response publish(@PathParam("id") UUID id) {
    StoryView story = stories.publish(id);
    return Response.ok(story).tag(ETags.of(story.version())).build();
  }

  @POST
  @Path("{id}/restore")
  public Response restore(@PathParam("id") UUID id) {
    StoryView story = stories.restore(id);
    return Response.ok(story).tag(ETags.of(story.version())).build();
  }
}
