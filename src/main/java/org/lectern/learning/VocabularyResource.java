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
import org.lectern.learning.VocabularyDtos.CollectRequest;
import org.lectern.learning.VocabularyDtos.ReviewRequest;
import org.lectern.learning.VocabularyDtos.WordView;
import org.lectern.platform.Authenticated;
import org.lectern.platform.LecternException;
import org.lectern.platform.Page;

/** {@code /api/vocabulary}: the caller's own words and their reviews. */
@RolesAllowed(Authenticated.ANY)
@Path("vocabulary")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class VocabularyResource {

  @Inject VocabularyService vocabulary;

  @GET
  public Page<WordView> list(
      @QueryParam("due") String due,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    return vocabulary.list(flag("due", due), cursor, Page.limit(limit));
  }

  @POST
  public Response collect(@Valid @NotNull CollectRequest request) {
    VocabularyService.Collected c = vocabulary.collect(request);
    if (!c.created()) {
      return Response.ok(c.word()).build();
    }
    return Response.created(UriBuilder.fromPath("/api/vocabulary/{id}").build(c.word().id()))
        .entity(c.word())
        .build();
  }

  @GET
  @Path("{id}")
  public WordView get(@PathParam("id") UUID id) {
    return vocabulary.get(id);
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") UUID id) {
    vocabulary.delete(id);
    return Response.noContent().build();
  }

  @POST
  @Path("{id}/reviews")
  public WordView review(@PathParam("id") UUID id, @Valid @NotNull ReviewRequest request) {
    return vocabulary.review(id, request);
  }

  private static boolean flag(String name, String value) {
    if (value == null || value.isBlank() || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    throw LecternException.invalid(name, "must be true or false");
  }
}
