package org.lectern.publishing;

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
import org.lectern.platform.Authenticated;
import org.lectern.platform.Page;
import org.lectern.publishing.PublishingDtos.HistoryView;
import org.lectern.publishing.PublishingDtos.SubmissionRequest;
import org.lectern.publishing.PublishingDtos.SubmissionView;
import org.lectern.publishing.PublishingDtos.TransitionRequest;

/** {@code /api/publishing}: book submissions, their moves through the workflow and history. */
@RolesAllowed(Authenticated.ANY)
@Path("publishing/submissions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PublishingResource {

  @Inject Submissions submissions;

  @GET
  public Page<SubmissionView> list(
      @QueryParam("stage") String stage,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    return submissions.list(Page.option(Stage.class, "stage", stage), cursor, Page.limit(limit));
  }

  @POST
  public Response create(@Valid @NotNull SubmissionRequest request) {
    SubmissionView s = submissions.create(request);
    return Response.created(UriBuilder.fromPath("/api/publishing/submissions/{id}").build(s.id()))
        .entity(s)
        .build();
  }

  @GET
  @Path("{id}")
  public SubmissionView get(@PathParam("id") UUID id) {
    return submissions.get(id);
  }

  @GET
  @Path("{id}/history")
  public Page<HistoryView> history(
      @PathParam("id") UUID id,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    return submissions.history(id, cursor, Page.limit(limit));
  }

  @POST
  @Path("{id}/transitions")
  public SubmissionView transition(
      @PathParam("id") UUID id, @Valid @NotNull TransitionRequest request) {
    return submissions.transition(id, request);
  }
}
