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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.UUID;
import org.lectern.classroom.ClassroomDtos.ClassroomPatch;
import org.lectern.classroom.ClassroomDtos.ClassroomRequest;
import org.lectern.classroom.ClassroomDtos.ClassroomView;
import org.lectern.classroom.ClassroomDtos.JoinRequest;
import org.lectern.classroom.ClassroomDtos.Overview;
import org.lectern.classroom.ClassroomDtos.StudentRequest;
import org.lectern.classroom.ClassroomDtos.StudentView;
import org.lectern.classroom.ClassroomDtos.TeachersRequest;
import org.lectern.platform.Authenticated;
import org.lectern.platform.ETags;
import org.lectern.platform.LecternException;
import org.lectern.platform.Page;

/** {@code /api/classrooms}: thin adapters over {@link ClassroomService}. */
@RolesAllowed(Authenticated.ANY)
@Path("classrooms")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClassroomResource {

  @Inject ClassroomService classrooms;

  @GET
  public Page<ClassroomView> list(
      @QueryParam("archived") String archived,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    return classrooms.list(
        new ClassroomService.Filter(flag("archived", archived)), cursor, Page.limit(limit));
  }

  @POST
  public Response create(@Valid @NotNull ClassroomRequest request) {
    ClassroomView c = classrooms.create(request);
    return Response.created(UriBuilder.fromPath("/api/classrooms/{id}").build(c.id()))
        .entity(c)
        .build();
  }

  /** A student joins with a class code: 200 with the classroom they are now in. */
  @POST
  @Path("join")
  public ClassroomView join(@Valid @NotNull JoinRequest request) {
    return classrooms.join(request.classCode());
  }

  @GET
  @Path("{id}")
  public ClassroomView get(@PathParam("id") UUID id) {
    return classrooms.get(id);
  }

  @PATCH
  @Path("{id}")
  public ClassroomView patch(
      @PathParam("id") UUID id,
      @HeaderParam("If-Match") String ifMatch,
      @Valid @NotNull ClassroomPatch request) {
    return classrooms.patch(id, request, ETags.ifMatch(ifMatch));
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") UUID id) {
    classrooms.delete(id);
    return Response.noContent().build();
  }

  @PUT
  @Path("{id}/teachers")
  public ClassroomView teachers(@PathParam("id") UUID id, @Valid @NotNull TeachersRequest request) {
    return classrooms.setTeachers(id, request.userIds());
  }

  @POST
  @Path("{id}/code")
  public ClassroomView changeCode(@PathParam("id") UUID id) {
    return classrooms.changeCode(id);
  }

  @GET
  @Path("{id}/students")
  public Page<StudentView> students(
      @PathParam("id") UUID id,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    return classrooms.students(id, cursor, Page.limit(limit));
  }

  @POST
  @Path("{id}/students")
  public Response addStudent(@PathParam("id") UUID id, @Valid @NotNull StudentRequest request) {
    StudentView s = classrooms.addStudent(id, request.userId());
    return Response.created(
            UriBuilder.fromPath("/api/classrooms/{id}/students/{user}").build(id, s.userId()))
        .entity(s)
        .build();
  }

  @DELETE
  @Path("{id}/students/{userId}")
  public Response removeStudent(@PathParam("id") UUID id, @PathParam("userId") UUID userId) {
    classrooms.removeStudent(id, userId);
    return Response.noContent().build();
  }

  @GET
  @Path("{id}/overview")
  public Overview overview(@PathParam("id") UUID id) {
    return classrooms.overview(id);
  }

  private static Boolean flag(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.equals("true") || value.equals("false")) {
      return Boolean.valueOf(value);
    }
    throw LecternException.invalid(name, "must be true or false");
  }
}
