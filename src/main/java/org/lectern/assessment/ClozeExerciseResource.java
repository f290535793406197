package org.lectern.assessment;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.UUID;
import org.lectern.assessment.ClozeDtos.ClozeExerciseRequest;
import org.lectern.assessment.ClozeDtos.ClozeExerciseView;
import org.lectern.platform.Authenticated;
import org.lectern.platform.LecternException;

/**
 * {@code POST /api/stories/{id}/versions/{number}/cloze-exercise}: a cloze exercise from a story.
 */
@RolesAllowed(Authenticated.ANY)
@Path("stories/{id}/versions/{number}/cloze-exercise")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClozeExerciseResource {

  @Inject ClozeExercises exercises;

  @POST
  public Response create(
      @PathParam("id") UUID storyId,
      @PathParam("number") String number,
      @Valid @NotNull ClozeExerciseRequest request) {
    ClozeExerciseView e = exercises.create(storyId, number(number), request);
    return Response.created(UriBuilder.fromPath("/api/exercises/{id}").build(e.id()))
        .entity(e)
        .build();
  }

  /** The version number as text, so that a bad one is a 400, as on the story's own paths. */
  private static int number(String value) {
    try {
      int n = Integer.parseInt(value);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw LecternException.invalid("number", "must be a whole number from 1");
  }
}
