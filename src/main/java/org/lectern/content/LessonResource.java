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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.UUID;
import org.lectern.content.CourseDtos.LessonPatch;
import org.lectern.content.CourseDtos.LessonSummary;
import org.lectern.content.CourseDtos.LessonView;
import org.lectern.media.AudioResource;
import org.lectern.media.AudioService;
import org.lectern.platform.Authenticated;
import org.lectern.platform.ETags;
import org.lectern.platform.Page;

/** {@code /api/lessons}: a thin adapter over {@link LessonService}. */
@RolesAllowed(Authenticated.ANY)
@Path("lessons")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LessonResource {

  @Inject LessonService lessons;
  @Inject AudioService audio;

  @GET
  public Page<LessonSummary> list(
      @QueryParam("courseId") String courseId,
      @QueryParam("unitId") String unitId,
      @QueryParam("status") String status,
      @QueryParam("q") String q,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    return lessons.list(
        new LessonService.Filter(
            Page.idOption("courseId", courseId),
            Page.idOption("unitId", unitId),
            Page.option(Story.Status.class, "status", status),
            Page.textOption("q", q, 200)),
        cursor,
        Page.limit(limit));
  }

  @GET
  @Path("{id}")
  public Response get(@PathParam("id") UUID id) {
    LessonView lesson = lessons.get(id);
    return Response.ok(lesson).build();
  }

  @PATCH
  @Path("{id}")
  public Response patch(
      @PathParam("id") UUID id,
      @HeaderParam("If-Match") String ifMatch,
      @Valid @NotNull LessonPatch request) {
    LessonView lesson = lessons.patch(id, request, ETags.ifMatch(ifMatch));
    return Response.ok(lesson).build();
  }

  /** 200 with the published lesson, or 202 with the approval it now waits for. */
  @POST
  @Path("{id}/publish")
  public Response publish(@PathParam("id") UUID id) {
    LessonView lesson = lessons.publish(id);
    return Response.ok(lesson).build();
  }

  /** Soft delete; {@code ?permanent=true} deletes for good (a separate right). */
  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") UUID id, @QueryParam("permanent") String permanent) {
    if (CourseResource.permanent(permanent)) {
      lessons.purge(id);
    } else {
      lessons.delete(id);
    }
    return Response.noContent().build();
  }

  @POST
  @Path("{id}/restore")
  public Response restore(@PathParam("id") UUID id) {
    LessonView lesson = lessons.restore(id);
    return Response.ok(lesson).build();
  }

  @POST
  @Path("{id}/audio")
  @Consumes(MediaType.WILDCARD)
  public Response uploadAudio(
      @PathParam("id") UUID id,
      @QueryParam("voiceType") String voiceType,
      @QueryParam("recordedBy") String recordedBy,
      InputStream body) {
    return AudioResource.upload(
        audio, AudioService.OwnerKind.lesson, id, null, voiceType, recordedBy, body);
  }

  @GET
  @Path("{id}/audio")
  public Page<AudioService.AudioView> audio(
      @PathParam("id") UUID id,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    return audio.list(AudioService.OwnerKind.lesson, id, cursor, Page.limit(limit));
  }
}
