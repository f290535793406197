package org.lectern.media;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.lectern.media.AudioService.AudioPatch;
import org.lectern.media.AudioService.AudioView;
import org.lectern.media.AudioService.Download;
import org.lectern.media.AudioService.OwnerKind;
import org.lectern.platform.Authenticated;
import org.lectern.platform.ETags;
import org.lectern.platform.Page;

/**
 * Audio recordings: uploaded as the raw request body to {@code POST /api/stories/{id}/audio} or
 * {@code /api/lessons/{id}/audio} (any declared content type: the bytes decide; those endpoints
 * live on the story and lesson resources), read and streamed (with HTTP range requests) from {@code
 * /api/audio/{id}}.
 */
public final class AudioResource {

  private AudioResource() {}

  /**
   * Uploads to a story or lesson, called from their resources: rights are checked before the body
   * is read; the body is streamed to a staging file while its SHA-256 is computed, and the staging
   * file is gone afterwards whatever happens.
   */
  public static Response upload(
      AudioService audio,
      OwnerKind kind,
      UUID id,
      Integer version,
      String voiceType,
      String recordedBy,
      InputStream body) {
    AudioAsset.VoiceType voice = Page.option(AudioAsset.VoiceType.class, "voiceType", voiceType);
    if (voice == null) {
      throw org.lectern.platform.LecternException.invalid(
          "voiceType", "must be one of male, female, child");
    }
    UUID recorder = Page.idOption("recordedBy", recordedBy);
    audio.uploadTarget(kind, id, version);
    java.nio.file.Path upload = audio.newUpload();
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      long size;
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(upload), sha)) {
        size = body.transferTo(out);
      }
      AudioView view =
          audio.create(
              kind,
              id,
              version,
              voice,
              recorder,
              upload,
              size,
              HexFormat.of().formatHex(sha.digest()));
      return Response.created(UriBuilder.fromPath("/api/audio/{id}").build(view.id()))
          .entity(view)
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } finally {
      AudioService.deleteQuietly(upload);
    }
  }

  /** {@code /api/audio/{id}}. */
  @RolesAllowed(Authenticated.ANY)
  @Path("audio")
  @Produces(MediaType.APPLICATION_JSON)
  @Consumes(MediaType.APPLICATION_JSON)
  public static class Assets {

    @Inject AudioService audio;

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") UUID id) {
      AudioView view = audio.get(id);
      return Response.ok(view).build();
    }

    /** The file itself, with its content type; a {@code Range} header gets 206 and that part. */
    @GET
    @Path("{id}/content")
    @Produces(MediaType.WILDCARD)
    public Response content(@PathParam("id") UUID id, @HeaderParam("Range") String range) {
      Download d = audio.download(id, range);
      StreamingOutput stream =
          out -> {
            try (InputStream in = audio.open(d.asset(), d.start())) {
              long left = d.length();
              byte[] buffer = new byte[64 * 1024];
              while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                  break;
                }
                out.write(buffer, 0, n);
                left -= n;
              }
            }
          };
      Response.ResponseBuilder r =
          Response.status(d.partial() ? 206 : 200)
              .type(d.asset().contentType())
              .header("Accept-Ranges", "bytes")
              .header("Content-Length", d.length())
              .header("Cache-Control", "private, max-age=3600")
              .tag(d.asset().sha256())
              .entity(stream);
      if (d.partial()) {
        r.header(
            "Content-Range", "bytes " + d.start() + "-" + d.end() + "/" + d.asset().sizeBytes());
      }
      return r.build();
    }

    @PATCH
    @Path("{id}")
    public Response patch(
        @PathParam("id") UUID id,
        @HeaderParam("If-Match") String ifMatch,
        @Valid @NotNull AudioPatch request) {
      AudioView view = audio.patch(id, request, ETags.ifMatch(ifMatch));
      return Response.ok(view).build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id) {
      audio.delete(id);
      return Response.noContent().build();
    }
  }
}
