package org.lectern.learning;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.lectern.platform.Authenticated;

/** {@code /api/classrooms/{id}/vocabulary}: how well a classroom knows the words it collected. */
@RolesAllowed(Authenticated.ANY)
@Path("classrooms/{id}/vocabulary")
@Produces(MediaType.APPLICATION_JSON)
public class ClassroomVocabularyResource {

  @Inject ClassroomVocabulary vocabulary;

  @GET
  public ClassroomVocabulary.View get(@PathParam("id") UUID classroomId) {
    return vocabulary.of(classroomId);
  }
}
