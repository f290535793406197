package org.lectern.community;

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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.UUID;
import org.lectern.community.CommunityDtos.PostPatch;
import org.lectern.community.CommunityDtos.PostRequest;
import org.lectern.community.CommunityDtos.PostView;
import org.lectern.platform.Authenticated;
import org.lectern.platform.ETags;
import org.lectern.platform.Page;

/** {@code /api/discussions/{id}/posts}: a discussion's threaded posts and their moderation. */
@RolesAllowed(Authenticated.ANY)
@Path("discussions/{id}/posts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PostResource {

  @Inject PostService posts;

  @GET
  public Page<PostView> list(
      @PathParam("id") UUID discussionId,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    return posts.list(discussionId, cursor, Page.limit(limit));
  }

  @POST
  public Response create(@PathParam("id") UUID discussionId, @Valid @NotNull PostRequest request) {
    PostView p = posts.create(discussionId, request);
    return Response.created(
            UriBuilder.fromPath("/api/discussions/{id}/posts/{postId}").build(discussionId, p.id()))
        .entity(p)
        .build();
  }

  @GET
  @Path("{postId}")
  public PostView get(@PathParam("id") UUID discussionId, @PathParam("postId") UUID postId) {
    return posts.get(discussionId, postId);
  }

  @PATCH
  @Path("{postId}")
  public PostView edit(
      @PathParam("id") UUID discussionId,
      @PathParam("postId") UUID postId,
      @HeaderParam("If-Match") String ifMatch,
      @Valid @NotNull PostPatch request) {
    return posts.edit(discussionId, postId, request, ETags.ifMatch(ifMatch));
  }

  @DELETE
  @Path("{postId}")
  public Response delete(@PathParam("id") UUID discussionId, @PathParam("postId") UUID postId) {
    posts.delete(discussionId, postId);
    return Response.noContent().build();
  }

  @POST
  @Path("{postId}/hide")
  public PostView hide(@PathParam("id") UUID discussionId, @PathParam("postId") UUID postId) {
    return posts.hide(discussionId, postId);
  }

  @POST
  @Path("{postId}/unhide")
  public PostView unhide(@PathParam("id") UUID discussionId, @PathParam("postId") UUID postId) {
    return posts.unhide(discussionId, postId);
  }

  @POST
  @Path("{postId}/pin")
  public PostView pin(@PathParam("id") UUID discussionId, @PathParam("postId") UUID postId) {
    return posts.pin(discussionId, postId);
  }

  @POST
  @Path("{postId}/unpin")
  public PostView unpin(@PathParam("id") UUID discussionId, @PathParam("postId") UUID postId) {
    return posts.unpin(discussionId, postId);
  }
}
