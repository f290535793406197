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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.UUID;
import org.lectern.content.CourseDtos.CoursePatch;
import org.lectern.content.CourseDtos.CourseRequest;
import org.lectern.content.CourseDtos.CourseSummary;
import org.lectern.content.CourseDtos.CourseView;
import org.lectern.content.CourseDtos.EnrollmentRequest;
import org.lectern.content.CourseDtos.EnrollmentView;
import org.lectern.content.CourseDtos.LessonRequest;
import org.lectern.content.CourseDtos.LessonView;
import org.lectern.content.CourseDtos.OrderRequest;
import org.lectern.content.CourseDtos.UnitPatch;
import org.lectern.content.CourseDtos.UnitRequest;
import org.lectern.content.CourseDtos.UnitView;
import org.lectern.platform.Authenticated;
import org.lectern.platform.ETags;
import org.lectern.platform.Page;

/** {@code /api/courses} and {@code /api/units}: thin adapters over the course services. */
public final class CourseResource {

  private CourseResource() {}

  static boolean permanent(String value) {
    if (value == null || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    throw org.lectern.platform.LecternException.invalid("permanent", "must be true or false");
  }

  /** {@code /api/courses}. */
  @RolesAllowed(Authenticated.ANY)
  @Path("courses")
  @Produces(MediaType.APPLICATION_JSON)
  @Consumes(MediaType.APPLICATION_JSON)
  public static class Courses {

    @Inject CourseService courses;

    @GET
    public Page<CourseSummary> list(
        @QueryParam("status") String status,
        @QueryParam("difficulty") String difficulty,
        @QueryParam("level") String level,
        @QueryParam("cursor") String cursor,
        @QueryParam("limit") String limit) {
      return courses.list(
          new CourseService.Filter(
              Page.option(Story.Status.class, "status", status),
              Page.option(Story.Difficulty.class, "difficulty", difficulty),
              Page.option(Course.Level.class, "level", level)),
          cursor,
          Page.limit(limit));
    }

    @POST
    public Response create(@Valid @NotNull CourseRequest request) {
      CourseView course = courses.create(request);
      return Response.created(UriBuilder.fromPath("/api/courses/{id}").build(course.id()))
          .entity(course)
          .build();
    }

    /** The course with its units and the lessons in them the caller may read. */
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") UUID id) {
      CourseView course = courses.get(id);
      return Response.ok(course).build();
    }

    @PATCH
    @Path("{id}")
    public Response patch(
        @PathParam("id") UUID id,
        @HeaderParam("If-Match") String ifMatch,
        @Valid @NotNull CoursePatch request) {
      CourseView course = courses.patch(id, request, ETags.ifMatch(ifMatch));
      return Response.ok(course).build();
    }

    /** Soft delete; {@code ?permanent=true} deletes for good (a separate right). */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id, @QueryParam("permanent") String permanent) {
      if (permanent(permanent)) {
        courses.purge(id);
      } else {
        courses.delete(id);
      }
      return Response.noContent().build();
    }

    @POST
    @Path("{id}/restore")
    public Response restore(@PathParam("id") UUID id) {
      CourseView course = courses.restore(id);
      return Response.ok(course).build();
    }

    @POST
    @Path("{id}/units")
    public Response addUnit(@PathParam("id") UUID id, @Valid @NotNull UnitRequest request) {
      UnitView unit = courses.addUnit(id, request);
      return Response.created(UriBuilder.fromPath("/api/units/{id}").build(unit.id()))
          .entity(unit)
          .build();
    }

    /** One atomic reorder: every unit of the course once, in the new order. */
    @PUT
    @Path("{id}/unit-order")
    public Response reorderUnits(@PathParam("id") UUID id, @Valid @NotNull OrderRequest request) {
      CourseView course = courses.reorderUnits(id, request.ids());
      return Response.ok(course).build();
    }

    @GET
    @Path("{id}/enrollments")
    public Page<EnrollmentView> enrollments(
        @PathParam("id") UUID id,
        @QueryParam("cursor") String cursor,
        @QueryParam("limit") String limit) {
      return courses.enrollments(id, cursor, Page.limit(limit));
    }

    @POST
    @Path("{id}/enrollments")
    public Response enroll(@PathParam("id") UUID id, @Valid @NotNull EnrollmentRequest request) {
      EnrollmentView e = courses.enroll(id, request.userId());
      return Response.created(
              UriBuilder.fromPath("/api/courses/{id}/enrollments/{user}").build(id, e.userId()))
          .entity(e)
          .build();
    }

    @GET
    @Path("{id}/enrollments/{userId}")
    public EnrollmentView enrollment(@PathParam("id") UUID id, @PathParam("userId") UUID userId) {
      return courses.getEnrollment(id, userId);
    }

    @DELETE
    @Path("{id}/enrollments/{userId}")
    public Response unenroll(@PathParam("id") UUID id, @PathParam("userId") UUID userId) {
      courses.unenroll(id, userId);
      return Response.noContent().build();
    }
  }

  /** {@code /api/units}. */
  @RolesAllowed(Authenticated.ANY)
  @Path("units")
  @Produces(MediaType.APPLICATION_JSON)
  @Consumes(MediaType.APPLICATION_JSON)
  public static class Units {

    @Inject CourseService courses;
    @Inject LessonService lessons;

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") UUID id) {
      UnitView unit = courses.getUnit(id);
      return Response.ok(unit).build();
    }

    @PATCH
    @Path("{id}")
    public Response patch(
        @PathParam("id") UUID id,
        @HeaderParam("If-Match") String ifMatch,
        @Valid @NotNull UnitPatch request) {
      UnitView unit = courses.patchUnit(id, request, ETags.ifMatch(ifMatch));
      return Response.ok(unit).build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id) {
      courses.deleteUnit(id);
      return Response.noContent().build();
    }

    @POST
    @Path("{id}/lessons")
    public Response addLesson(@PathParam("id") UUID id, @Valid @NotNull LessonRequest request) {
      LessonView lesson = lessons.create(id, request);
      return Response.created(UriBuilder.fromPath("/api/lessons/{id}").build(lesson.id()))
          .entity(lesson)
          .build();
    }

    /** One atomic reorder: every lesson of the unit once, in the new order. */
    @PUT
    @Path("{id}/lesson-order")
    public Response reorderLessons(@PathParam("id") UUID id, @Valid @NotNull OrderRequest request) {
      UnitView unit = lessons.reorder(id, request.ids());
      return Response.ok(unit).build();
    }
  }
}
