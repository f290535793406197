package org.lectern.learning;

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
import java.util.Set;
import java.util.UUID;
import org.lectern.learning.ReadingDtos.BatchResult;
import org.lectern.learning.ReadingDtos.EventBatch;
import org.lectern.learning.ReadingDtos.LessonProgressView;
import org.lectern.learning.ReadingDtos.ProgressView;
import org.lectern.learning.ReadingDtos.SessionView;
import org.lectern.platform.Authenticated;
import org.lectern.platform.LecternException;
import org.lectern.platform.Page;

/** The reading record's endpoints. */
public final class ReadingResources {

  private ReadingResources() {}

  /** {@code /api/reading-progress}: what reader apps report, and progress per story. */
  @RolesAllowed(Authenticated.ANY)
  @Path("reading-progress")
  @Produces(MediaType.APPLICATION_JSON)
  @Consumes(MediaType.APPLICATION_JSON)
  public static class Progress {

    @Inject ReadingRecord record;
    @Inject LearnerRecords records;

    /** A batch of the caller's reading events; per-event refusals are in the answer. */
    @POST
    @Path("events")
    public BatchResult events(@Valid @NotNull EventBatch batch) {
      return record.ingest(batch);
    }

    @GET
    public Page<ProgressView> list(
        @QueryParam("userId") String userId,
        @QueryParam("storyId") String storyId,
        @QueryParam("cursor") String cursor,
        @QueryParam("limit") String limit) {
      return records.progress(
          Page.idOption("userId", userId),
          Page.idOption("storyId", storyId),
          cursor,
          Page.limit(limit));
    }
  }

  /** {@code /api/reading-sessions}. */
  @RolesAllowed(Authenticated.ANY)
  @Path("reading-sessions")
  @Produces(MediaType.APPLICATION_JSON)
  public static class Sessions {

    @Inject LearnerRecords records;

    @GET
    public Page<SessionView> list(
        @QueryParam("userId") String userId,
        @QueryParam("from") String from,
        @QueryParam("to") String to,
        @QueryParam("cursor") String cursor,
        @QueryParam("limit") String limit) {
      return records.sessions(
          Page.idOption("userId", userId),
          Page.instantOption("from", from),
          Page.instantOption("to", to),
          cursor,
          Page.limit(limit));
    }
  }

  /** {@code /api/lesson-progress}. */
  @RolesAllowed(Authenticated.ANY)
  @Path("lesson-progress")
  @Produces(MediaType.APPLICATION_JSON)
  public static class Lessons {

    private static final Set<String> STATUSES = Set.of("not_started", "in_progress", "completed");

    @Inject LearnerRecords records;

    @GET
    public Page<LessonProgressView> list(
        @QueryParam("userId") String userId,
        @QueryParam("lessonId") String lessonId,
        @QueryParam("status") String status,
        @QueryParam("cursor") String cursor,
        @QueryParam("limit") String limit) {
      if (status != null && !STATUSES.contains(status)) {
        throw LecternException.invalid(
            "status", "must be one of not_started, in_progress, completed");
      }
      return records.lessons(
          Page.idOption("userId", userId),
          Page.idOption("lessonId", lessonId),
          status,
          cursor,
          Page.limit(limit));
    }
  }

  /** {@code POST /api/lessons/{id}/complete}: completes a lesson that has no story to read. */
  @RolesAllowed(Authenticated.ANY)
  @Path("lessons/{id}/complete")
  @Produces(MediaType.APPLICATION_JSON)
  public static class LessonCompletion {

    @Inject LearnerRecords records;

    @POST
    public LessonProgressView complete(@PathParam("id") UUID lessonId) {
      return records.complete(lessonId);
    }
  }

  /** {@code GET /api/classrooms/{id}/reading}: the teacher's view of a classroom's reading. */
  @RolesAllowed(Authenticated.ANY)
  @Path("classrooms/{id}/reading")
  @Produces(MediaType.APPLICATION_JSON)
  public static class ClassroomView {

    @Inject ClassroomReading reading;

    @GET
    public ClassroomReading.View get(@PathParam("id") UUID classroomId) {
      return reading.of(classroomId);
    }
  }
}
