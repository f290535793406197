package org.lectern.classroom;

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
import java.time.Instant;
import java.util.UUID;
import org.lectern.classroom.AssignmentDtos.AssignmentPatch;
import org.lectern.classroom.AssignmentDtos.AssignmentRequest;
import org.lectern.classroom.AssignmentDtos.AssignmentView;
import org.lectern.classroom.AssignmentDtos.ReturnRequest;
import org.lectern.classroom.AssignmentDtos.SubmissionView;
import org.lectern.classroom.AssignmentDtos.TurnInRequest;
import org.lectern.platform.Authenticated;
import org.lectern.platform.ETags;
import org.lectern.platform.Page;

/** {@code /api/assignments} and {@code /api/submissions}: thin adapters over the services. */
public final class AssignmentResource {

  private AssignmentResource() {}

  /** {@code /api/assignments}. */
  @RolesAllowed(Authenticated.ANY)
  @Path("assignments")
  @Produces(MediaType.APPLICATION_JSON)
  @Consumes(MediaType.APPLICATION_JSON)
  public static class Assignments {

    @Inject AssignmentService assignments;
    @Inject SubmissionService submissions;

    @GET
    public Page<AssignmentView> list(
        @QueryParam("classroomId") String classroomId,
        @QueryParam("status") String status,
        @QueryParam("dueBefore") String dueBefore,
        @QueryParam("cursor") String cursor,
        @QueryParam("limit") String limit) {
      return assignments.list(
          new AssignmentService.Filter(
              Page.idOption("classroomId", classroomId),
              Page.option(Assignment.Status.class, "status", status),
              instant("dueBefore", dueBefore)),
          cursor,
          Page.limit(limit));
    }

    @POST
    public Response create(@Valid @NotNull AssignmentRequest request) {
      AssignmentView a = assignments.create(request);
      return Response.created(UriBuilder.fromPath("/api/assignments/{id}").build(a.id()))
          .entity(a)
          .build();
    }

    @GET
    @Path("{id}")
    public AssignmentView get(@PathParam("id") UUID id) {
      return assignments.get(id);
    }

    @PATCH
    @Path("{id}")
    public AssignmentView patch(
        @PathParam("id") UUID id,
        @HeaderParam("If-Match") String ifMatch,
        @Valid @NotNull AssignmentPatch request) {
      return assignments.patch(id, request, ETags.ifMatch(ifMatch));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id) {
      assignments.delete(id);
      return Response.noContent().build();
    }

    @POST
    @Path("{id}/publish")
    public AssignmentView publish(@PathParam("id") UUID id) {
      return assignments.publish(id);
    }

    @GET
    @Path("{id}/submissions")
    public Page<SubmissionView> submissions(
        @PathParam("id") UUID id,
        @QueryParam("state") String state,
        @QueryParam("cursor") String cursor,
        @QueryParam("limit") String limit) {
      return submissions.list(
          id, Page.option(SubmissionState.class, "state", state), cursor, Page.limit(limit));
    }

    /** The caller's own submission. */
    @GET
    @Path("{id}/submission")
    public SubmissionView submission(@PathParam("id") UUID id) {
      return submissions.mine(id);
    }

    private static Instant instant(String name, String value) {
      return Page.instantOption(name, value);
    }
  }

  /** {@code /api/submissions}. */
  @RolesAllowed(Authenticated.ANY)
  @Path("submissions")
  @Produces(MediaType.APPLICATION_JSON)
  @Consumes(MediaType.APPLICATION_JSON)
  public static class Submissions {

    @Inject SubmissionService submissions;

    @GET
    @Path("{id}")
    public SubmissionView get(@PathParam("id") UUID id) {
      return submissions.get(id);
    }

    @POST
    @Path("{id}/start")
    public SubmissionView start(@PathParam("id") UUID id) {
      return submissions.start(id);
    }

    @POST
    @Path("{id}/turn-in")
    public SubmissionView turnIn(@PathParam("id") UUID id, @Valid TurnInRequest request) {
      return submissions.turnIn(id, request == null ? new TurnInRequest(null, null) : request);
    }

    @POST
    @Path("{id}/return")
    public SubmissionView giveBack(@PathParam("id") UUID id, @Valid ReturnRequest request) {
      return submissions.giveBack(id, request == null ? new ReturnRequest(null, null) : request);
    }

    @POST
    @Path("{id}/reopen")
    public SubmissionView reopen(@PathParam("id") UUID id) {
      return submissions.reopen(id);
    }

    @POST
    @Path("{id}/excuse")
    public SubmissionView excuse(@PathParam("id") UUID id) {
      return submissions.excuse(id);
    }
  }
}
