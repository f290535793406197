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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.lectern.content.StoryDtos.ChunkEdit;
import org.lectern.content.StoryDtos.ChunksRequest;
import org.lectern.content.StoryDtos.ClozeRequest;
import org.lectern.content.StoryDtos.ClozeSetting;
import org.lectern.content.StoryDtos.DiffView;
import org.lectern.content.StoryDtos.StoryPatch;
import org.lectern.content.StoryDtos.StoryRequest;
import org.lectern.content.StoryDtos.StorySummary;
import org.lectern.content.StoryDtos.StoryView;
import org.lectern.content.StoryDtos.TagsRequest;
import org.lectern.content.StoryDtos.VersionSummary;
import org.lectern.content.StoryDtos.VersionView;
import org.lectern.media.AudioResource;
import org.lectern.media.AudioService;
import org.lectern.platform.Authenticated;
import org.lectern.platform.ETags;
import org.lectern.platform.LecternException;
import org.lectern.platform.Page;

/**
 * {@code /api/stories}: a thin adapter over {@link StoryQueries} (reads) and {@link StoryCommands}
 * (changes).
 */
@RolesAllowed(Authenticated.ANY)
@Path("stories")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StoryResource {

  @Inject StoryQueries stories;
  @Inject StoryCommands commands;
  @Inject AudioService audio;
  @Context UriInfo uri;

  /** Newest first; with {@code q}, a ranked full-text search. */
  @GET
  public Page<StorySummary> list(
      @QueryParam("status") String status,
      @QueryParam("difficulty") String difficulty,
      @QueryParam("storyType") String storyType,
      @QueryParam("tag") String tag,
      @QueryParam("lessonId") String lessonId,
      @QueryParam("courseId") String courseId,
      @QueryParam("q") String q,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    var filter =
        new StoryQueries.Filter(
            Page.option(Story.Status.class, "status", status),
            Page.option(Story.Difficulty.class, "difficulty", difficulty),
            Page.option(Story.StoryType.class, "storyType", storyType),
            Page.textOption("tag", tag, 50),
            Page.idOption("lessonId", lessonId),
            Page.idOption("courseId", courseId),
            Page.textOption("q", q, 200));
    return stories.list(filter, cursor, Page.limit(limit));
  }

  @POST
  public Response create(@Valid @NotNull StoryRequest request) {
    StoryView story = commands.create(request);
    return Response.created(uri.getAbsolutePathBuilder().path(story.id().toString()).build())
        .entity(story)
        .build();
  }

  @GET
  @Path("{id}")
  public Response get(@PathParam("id") UUID id, @QueryParam("version") String version) {
    StoryView story = stories.get(id, version);
    return Response.ok(story).build();
  }

  @PUT
  @Path("{id}")
  public Response replace(
      @PathParam("id") UUID id,
      @HeaderParam("If-Match") String ifMatch,
      @Valid @NotNull StoryRequest request) {
    StoryView story = commands.replace(id, request, ETags.ifMatch(ifMatch));
    return Response.ok(story).build();
  }

  @PATCH
  @Path("{id}")
  public Response patch(
      @PathParam("id") UUID id,
      @HeaderParam("If-Match") String ifMatch,
      @Valid @NotNull StoryPatch request) {
    StoryView story = commands.patch(id, request, ETags.ifMatch(ifMatch));
    return Response.ok(story).build();
  }

  /** Soft delete; {@code ?permanent=true} deletes for good (a separate right). */
  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") UUID id, @QueryParam("permanent") String permanent) {
    if (CourseResource.permanent(permanent)) {
      commands.purge(id);
    } else {
      commands.delete(id);
    }
    return Response.noContent().build();
  }

  /** 200 with the published story, or 202 with the approval it now waits for. */
  @POST
  @Path("{id}/publish")
  public Response publish(@PathParam("id") UUID id) {
    StoryView story = commands.publish(id);
    return Response.ok(story).build();
  }

  @POST
  @Path("{id}/restore")
  public Response restore(@PathParam("id") UUID id) {
    StoryView story = commands.restore(id);
    return Response.ok(story).build();
  }

  @GET
  @Path("{id}/versions")
  public Page<VersionSummary> versions(
      @PathParam("id") UUID id,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    return stories.versions(id, cursor, Page.limit(limit));
  }

  @GET
  @Path("{id}/versions/{number}")
  public VersionView version(@PathParam("id") UUID id, @PathParam("number") String number) {
    return stories.version(id, number(number));
  }

  /** What changed between two versions ({@code from} defaults to the one before {@code to}). */
  @GET
  @Path("{id}/versions/{number}/diff")
  public DiffView diff(
      @PathParam("id") UUID id,
      @PathParam("number") String number,
      @QueryParam("from") String from) {
    int to = number(number);
    return stories.diff(id, from == null ? Math.max(1, to - 1) : number(from), to);
  }

  /** The old version's text as a new latest version. */
  @POST
  @Path("{id}/versions/{number}/restore")
  public Response restoreVersion(
      @PathParam("id") UUID id,
      @PathParam("number") String number,
      @HeaderParam("If-Match") String ifMatch) {
    StoryView story = commands.restoreVersion(id, number(number), ETags.ifMatch(ifMatch));
    return Response.ok(story).build();
  }

  @GET
  @Path("{id}/versions/{number}/cloze")
  public List<ClozeSetting> cloze(@PathParam("id") UUID id, @PathParam("number") String number) {
    return stories.cloze(id, number(number));
  }

  @PUT
  @Path("{id}/versions/{number}/cloze")
  public List<ClozeSetting> putCloze(
      @PathParam("id") UUID id,
      @PathParam("number") String number,
      @Valid @NotNull ClozeRequest request) {
    return commands.putCloze(id, number(number), request);
  }

  /** A new version made of these chunks. */
  @PUT
  @Path("{id}/chunks")
  public Response replaceChunks(
      @PathParam("id") UUID id,
      @HeaderParam("If-Match") String ifMatch,
      @Valid @NotNull ChunksRequest request) {
    StoryView story = commands.replaceChunks(id, request, ETags.ifMatch(ifMatch));
    return Response.ok(story).build();
  }

  /** A new version with one chunk of the latest changed. */
  @PATCH
  @Path("{id}/chunks/{order}")
  public Response editChunk(
      @PathParam("id") UUID id,
      @PathParam("order") String order,
      @HeaderParam("If-Match") String ifMatch,
      @Valid @NotNull ChunkEdit request) {
    StoryView story = commands.editChunk(id, number(order), request, ETags.ifMatch(ifMatch));
    return Response.ok(story).build();
  }

  @PUT
  @Path("{id}/tags")
  public Response putTags(@PathParam("id") UUID id, @Valid @NotNull TagsRequest request) {
    StoryView story = commands.putTags(id, request.tags());
    return Response.ok(story).build();
  }

  @POST
  @Path("{id}/audio")
  @Consumes(MediaType.WILDCARD)
  public Response uploadAudio(
      @PathParam("id") UUID id,
      @QueryParam("version") String version,
      @QueryParam("voiceType") String voiceType,
      @QueryParam("recordedBy") String recordedBy,
      InputStream body) {
    return AudioResource.upload(
        audio,
        AudioService.OwnerKind.story,
        id,
        version == null ? null : number(version),
        voiceType,
        recordedBy,
        body);
  }

  @GET
  @Path("{id}/audio")
  public Page<AudioService.AudioView> audio(
      @PathParam("id") UUID id,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    return audio.list(AudioService.OwnerKind.story, id, cursor, Page.limit(limit));
  }

  /** Path numbers (versions, chunk orders) as text, so that a bad one is a 400, not a 404. */
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
