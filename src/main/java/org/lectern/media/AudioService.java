package org.lectern.media;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.lectern.audit.AuditAction;
import org.lectern.audit.Audited;
import org.lectern.context.RequestContext;
import org.lectern.identity.Accounts;
import org.lectern.media.AudioAsset.AudioOwner;
import org.lectern.platform.Cursor;
import org.lectern.platform.EntityId;
import org.lectern.platform.Ids;
import org.lectern.platform.LecternException;
import org.lectern.platform.Page;
import org.lectern.platform.Versioned;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Audio recordings of stories, story versions and lessons. Rights follow the owner, as {@link
 * AudioOwners} (implemented by the capability that owns stories and lessons) answers them: who may
 * edit it uploads, changes and deletes its audio and sees drafts; who may read it hears published
 * audio. Files are written to the {@link AudioStore} only once their row is, and removed only once
 * a deletion has committed ({@link AudioFiles}).
 */
@ApplicationScoped
@Transactional
public class AudioService {

  public static final String RESOURCE = "audio";
  private static final Logger LOG = Logger.getLogger(AudioService.class.getName());

  /** What the client asks to attach a recording to. */
  public enum OwnerKind {
    story,
    lesson
  }

  /** A recording as clients see it; {@code contentUrl} streams the file. */
  public record AudioView(
      UUID id,
      UUID storyId,
      UUID storyVersionId,
      UUID lessonId,
      String contentType,
      long sizeBytes,
      String sha256,
      Integer durationSec,
      AudioAsset.VoiceType voiceType,
      AudioAsset.Status status,
      UUID createdBy,
      UUID recordedBy,
      Instant createdAt,
      Instant updatedAt,
      long version,
      String contentUrl)
      implements Versioned {

    static AudioView of(AudioAsset a) {
      AudioOwner o = a.owner();
      return new AudioView(
          a.id(),
          o.storyId(),
          o.storyVersionId(),
          o.lessonId(),
          a.contentType(),
          a.sizeBytes(),
          a.sha256(),
          a.durationSec(),
          a.voiceType(),
          a.status(),
          a.createdBy(),
          a.recordedBy(),
          a.createdAt(),
          a.updatedAt(),
          a.version(),
          "/api/audio/" + a.id() + "/content");
    }
  }

  /** PATCH body. */
  public record AudioPatch(
      AudioAsset.VoiceType voiceType, AudioAsset.Status status, UUID recordedBy) {
    @jakarta.json.bind.annotation.JsonbCreator
    public AudioPatch {}
  }

  /** A byte range of a stored file, ready to stream. */
  public record Download(AudioAsset asset, long start, long end, boolean partial) {
    public long length() {
      return end - start + 1;
    }
  }

  @Inject TenantEntityManager tem;
  @Inject RequestContext current;
  @Inject AudioFiles files;
  @Inject AudioOwners owners;
  @Inject Accounts accounts;

  /**
   * The owner a recording would belong to, if the caller may add one (404 when it cannot be seen,
   * 403 when it cannot be edited). Asked before the upload is read.
   */
  public AudioOwner uploadTarget(OwnerKind kind, UUID id, Integer versionNumber) {
    AudioOwner owner = owner(kind, id, versionNumber);
    if (!owners.mayEdit(owner)) {
      throw LecternException.forbidden("You may not add audio to this " + kind + ".");
    }
    return owner;
  }

  /** A staging file for an upload. */
  public Path newUpload() {
    return files.newUpload();
  }

  /**
   * Stores an uploaded file as a draft recording. The bytes decide what it is: anything that is not
   * WAV, MP3, Ogg (Vorbis, Opus), FLAC or M4A audio is refused with 415.
   */
  @Audited(action = AuditAction.CREATE, entity = RESOURCE)
  public AudioView create(
      OwnerKind kind,
      UUID ownerId,
      Integer versionNumber,
      AudioAsset.VoiceType voiceType,
      UUID recordedBy,
      Path upload,
      long size,
      String sha256) {
    return store(kind, ownerId, versionNumber, voiceType, recordedBy, upload, size, sha256);
  }

  private AudioView store(
      OwnerKind kind,
      UUID ownerId,
      Integer versionNumber,
      AudioAsset.VoiceType voiceType,
      UUID recordedBy,
      Path upload,
      long size,
      String sha256) {
    AudioOwner owner = uploadTarget(kind, ownerId, versionNumber);
    if (size == 0) {
      throw LecternException.invalid("body", "the upload is empty");
    }
    AudioProbe.Result probe;
    try {
      probe =
          AudioProbe.probe(upload)
              .orElseThrow(
                  () ->
                      new LecternException(
                          415,
                          "audio.unsupported",
                          "The file is not audio this service takes (WAV, MP3, Ogg Vorbis or Opus,"
                              + " FLAC, M4A), whatever its name or declared type.",
                          List.of()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (recordedBy != null && !activeUser(recordedBy)) {
      throw LecternException.invalid("recordedBy", "is not an active user of this school");
    }
    UUID id = Ids.newId();
    String key = current.tenant() + "/" + id + "." + probe.extension();
    AudioAsset asset =
        new AudioAsset(
            id,
            owner,
            key,
            probe.contentType(),
            size,
            sha256,
            probe.durationSec(),
            voiceType,
            current.caller().id(),
            recordedBy);
    tem.get().persist(asset);
    tem.get().flush();
    files.put(key, upload);
    return AudioView.of(asset);
  }

  /**
   * Stores a file the application made (generated speech) as a draft recording of a story or one of
   * its versions, as if the caller had uploaded it: the same rights, probing (415 unless it is
   * audio), storage and audit. The file stays the caller's; its bytes are copied into the store.
   */
  @Audited(action = AuditAction.CREATE, entity = RESOURCE)
  public AudioView storeGenerated(
      UUID storyId, Integer versionNumber, AudioAsset.VoiceType voiceType, Path file) {
    uploadTarget(OwnerKind.story, storyId, versionNumber);
    Path upload = newUpload();
    try {
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      long size;
      try (InputStream in = Files.newInputStream(file);
          java.io.OutputStream out =
              new java.security.DigestOutputStream(Files.newOutputStream(upload), sha)) {
        size = in.transferTo(out);
      }
      return store(
          OwnerKind.story,
          storyId,
          versionNumber,
          voiceType,
          null,
          upload,
          size,
          java.util.HexFormat.of().formatHex(sha.digest()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } finally {
      deleteQuietly(upload);
    }
  }

  public AudioView get(UUID id) {
    return AudioView.of(visible(id));
  }

  /** Recordings of a story or lesson, oldest first; drafts only for who may edit the owner. */
  public Page<AudioView> list(OwnerKind kind, UUID ownerId, String cursor, int limit) {
    AudioOwner owner = owner(kind, ownerId, null);
    boolean editor = owners.mayEdit(owner);
    Cursor after = cursor == null ? null : Cursor.decode(cursor);
    String jpql =
        "SELECT a FROM AudioAsset a WHERE "
            + (kind == OwnerKind.story ? "a.storyId = :o" : "a.lessonId = :o")
            + (editor ? "" : " AND a.status = :published")
            + (after == null
                ? ""
                : " AND (a.createdAt > :at OR (a.createdAt = :at AND a.id > :id))")
            + " ORDER BY a.createdAt, a.id";
    var q = tem.get().createQuery(jpql, AudioAsset.class).setParameter("o", ownerId);
    if (!editor) {
      q.setParameter("published", AudioAsset.Status.published);
    }
    if (after != null) {
      q.setParameter("at", after.createdAt()).setParameter("id", after.id());
    }
    List<AudioAsset> rows = q.setMaxResults(limit + 1).getResultList();
    return Page.of(
        rows,
        limit,
        a -> new Cursor(a.createdAt(), a.id()),
        page -> page.stream().map(AudioView::of).toList());
  }

  @Audited(action = AuditAction.UPDATE, entity = RESOURCE)
  public AudioView patch(@EntityId UUID id, AudioPatch p, Long ifMatch) {
    AudioAsset asset = editable(id);
    org.lectern.platform.ETags.requireMatch(ifMatch, asset.version());
    if (p.recordedBy() != null && !activeUser(p.recordedBy())) {
      throw LecternException.invalid("recordedBy", "is not an active user of this school");
    }
    asset.edit(p.voiceType(), p.status(), p.recordedBy());
    tem.get().flush();
    return AudioView.of(asset);
  }

  /** Deletes the recording; its file goes once the deletion has committed. */
  @Audited(action = AuditAction.DELETE, entity = RESOURCE)
  public void delete(@EntityId UUID id) {
    AudioAsset asset = editable(id);
    tem.get().remove(asset);
    files.deleteOnCommit(asset.storageKey());
  }

  /**
   * The bytes to send for {@code range} (an HTTP Range header, or null for all of it). One range
   * {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n}; anything else sends the whole file, as
   * RFC 9110 allows; a range that starts past the end is 416.
   */
  public Download download(UUID id, String range) {
    AudioAsset asset = visible(id);
    long size = asset.sizeBytes();
    if (range == null || !range.startsWith("bytes=") || range.contains(",")) {
      return new Download(asset, 0, size - 1, false);
    }
    String spec = range.substring(6).trim();
    int dash = spec.indexOf('-');
    try {
      long start;
      long end;
      if (dash == 0) {
        long suffix = Long.parseLong(spec.substring(1));
        start = Math.max(0, size - suffix);
        end = size - 1;
      } else {
        start = Long.parseLong(spec.substring(0, dash));
        end = dash == spec.length() - 1 ? size - 1 : Long.parseLong(spec.substring(dash + 1));
        end = Math.min(end, size - 1);
      }
      if (start >= size || start > end) {
        throw new LecternException(
            416, "audio.range", "The range is outside the file's " + size + " bytes.", List.of());
      }
      return new Download(asset, start, end, true);
    } catch (NumberFormatException e) {
      return new Download(asset, 0, size - 1, false);
    }
  }

  /** The stored bytes from {@code offset} on. */
  public InputStream open(AudioAsset asset, long offset) throws IOException {
    return files.open(asset.storageKey(), offset);
  }

  // ---- private

  private AudioAsset visible(UUID id) {
    AudioAsset asset = tem.get().find(AudioAsset.class, id);
    if (asset == null) {
      throw LecternException.notFound(RESOURCE);
    }
    AudioOwner owner = asset.owner();
    if (!owners.mayRead(owner)) {
      throw LecternException.notFound(RESOURCE);
    }
    if (asset.status() != AudioAsset.Status.published && !owners.mayEdit(owner)) {
      throw LecternException.notFound(RESOURCE);
    }
    return asset;
  }

  private AudioAsset editable(UUID id) {
    AudioAsset asset = visible(id);
    if (!owners.mayEdit(asset.owner())) {
      throw LecternException.forbidden("You may not change this recording.");
    }
    return asset;
  }

  /** The owner named by a request; 404 (the owner's own) when the caller cannot see it. */
  private AudioOwner owner(OwnerKind kind, UUID id, Integer versionNumber) {
    if (kind == OwnerKind.lesson && versionNumber != null) {
      throw LecternException.invalid("version", "only stories have versions");
    }
    return owners.find(kind, id, versionNumber);
  }

  private boolean activeUser(UUID userId) {
    return accounts.isActiveUser(userId);
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.log(Level.FINE, "could not delete upload " + file, e);
    }
  }
}
