package org.lectern.learning;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.lectern.learning.VocabularyDtos.StoryWordRequest;
import org.lectern.learning.VocabularyDtos.StoryWordView;
import org.lectern.platform.Authenticated;
import org.lectern.platform.Page;

/** {@code /api/stories/{id}/vocabulary}: the words a story defines. */
@RolesAllowed(Authenticated.ANY)
@Path("stories/{id}/vocabulary")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StoryVocabularyResource {

  @Inject VocabularyService vocabulary;

  @GET
  public Page<StoryWordView> list(
      @PathParam("id") UUID storyId,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    return vocabulary.storyWords(storyId, cursor, Page.limit(limit));
  }

  @POST
  public Response add(@PathParam("id") UUID storyId, @Valid @NotNull StoryWordRequest request) {
    StoryWordView w = vocabulary.addStoryWord(storyId, request);
    return Response.created(
            UriBuilder.fromPath("/api/stories/{id}/vocabulary/{wordId}").build(storyId, w.id()))
        .entity(w)
        .build();
  }

  @POST
  @Path("{wordId}/accept")
  public StoryWordView accept(@PathParam("id") UUID storyId, @PathParam("wordId") UUID wordId) {
    return vocabulary.acceptStoryWord(storyId, wordId);
  }

  @DELETE
  @Path("{wordId}")
  public Response remove(@PathParam("id") UUID storyId, @PathParam("wordId") UUID wordId) {
    vocabulary.removeStoryWord(storyId, wordId);
    return Response.noContent().build();
  }
}
