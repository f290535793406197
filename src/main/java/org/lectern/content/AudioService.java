package org.lectern.content;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
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
import org.lectern.access.AccessControl;
import org.lectern.audit.AuditAction;
import org.lectern.audit.Audited;
import org.lectern.content.AudioAsset.AudioOwner;
import org.lectern.context.RequestContext;
import org.lectern.media.AudioProbe;
import org.lectern.media.AudioStore;
import org.lectern.platform.Cursor;
import org.lectern.platform.EntityId;
import org.lectern.platform.Ids;
import org.lectern.platform.LecternException;
import org.lectern.platform.Page;
import org.lectern.platform.Versioned;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Audio recordings of stories, story versions and lessons. Rights follow the owner: who may edit it
 * uploads, changes and deletes its audio and sees drafts; who may read it hears published audio.
 * Files are written to the {@link AudioStore} only once their row is, and removed only once a
 * deletion has committed.
 */
@ApplicationScoped
@Transactional
public class AudioService {

  static final String RESOURCE = "audio";
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
  @Inject AccessControl access;
  @Inject RequestContext current;
  @Inject AudioStore store;
  @Inject StoryService stories;
  @Inject LessonService lessons;
  @Inject CourseService courses;

  @Resource TransactionSynchronizationRegistry transactions;

  /**
   * The owner a recording would belong to, if the caller may add one (404 when it cannot be seen,
   * 403 when it cannot be edited). Asked before the upload is read.
   */
  public AudioOwner uploadTarget(OwnerKind kind, UUID id, Integer versionNumber) {
    AudioOwner owner = owner(kind, id, versionNumber);
    if (!mayEdit(owner)) {
      throw LecternException.forbidden("You may not add audio to this " + kind + ".");
    }
    return owner;
  }

  /** A staging file for an upload. */
  public Path newUpload() {
    try {
      return store.newUpload();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
    try {
      store.put(key, upload);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    afterCompletion(key, Status.STATUS_ROLLEDBACK);
    return AudioView.of(asset);
  }

  public AudioView get(UUID id) {
    return AudioView.of(visible(id));
  }

  /** Recordings of a story or lesson, oldest first; drafts only for who may edit the owner. */
  public Page<AudioView> list(OwnerKind kind, UUID ownerId, String cursor, int limit) {
    AudioOwner owner = owner(kind, ownerId, null);
    boolean editor = mayEdit(owner);
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
    afterCompletion(asset.storageKey(), Status.STATUS_COMMITTED);
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
    return store.open(asset.storageKey(), offset);
  }

  void forgetFilesOfStory(UUID storyId) {
    forget("SELECT storage_key FROM audio_assets WHERE tenant_id = ?1 AND story_id = ?2", storyId);
  }

  void forgetFilesOfLesson(UUID lessonId) {
    forget(
        "SELECT storage_key FROM audio_assets WHERE tenant_id = ?1 AND lesson_id = ?2", lessonId);
  }

  void forgetFilesOfCourse(UUID courseId) {
    forget(
        "SELECT a.storage_key FROM audio_assets a JOIN lessons l"
            + " ON l.tenant_id = a.tenant_id AND l.id = a.lesson_id"
            + " WHERE a.tenant_id = ?1 AND l.course_id = ?2",
        courseId);
  }

  // ---- private

  private void forget(String sql, UUID id) {
    for (Object key : tem.sql(sql).setParameter(2, id).getResultList()) {
      afterCompletion((String) key, Status.STATUS_COMMITTED);
    }
  }

  /** Deletes the stored file when the transaction ends with {@code outcome}. */
  private void afterCompletion(String key, int outcome) {
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == outcome) {
              try {
                store.delete(key);
              } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "could not delete audio file " + key, e);
              }
            }
          }
        });
  }

  private AudioAsset visible(UUID id) {
    AudioAsset asset = tem.get().find(AudioAsset.class, id);
    if (asset == null) {
      throw LecternException.notFound(RESOURCE);
    }
    AudioOwner owner;
    try {
      owner = ownerOf(asset);
    } catch (LecternException e) {
      throw LecternException.notFound(RESOURCE);
    }
    if (asset.status() != AudioAsset.Status.published && !mayEdit(owner)) {
      throw LecternException.notFound(RESOURCE);
    }
    return asset;
  }

  private AudioAsset editable(UUID id) {
    AudioAsset asset = visible(id);
    if (!mayEdit(asset.owner())) {
      throw LecternException.forbidden("You may not change this recording.");
    }
    return asset;
  }

  /** Checks the owner is visible (404 if not). */
  private AudioOwner ownerOf(AudioAsset asset) {
    AudioOwner o = asset.owner();
    if (o.storyId() != null) {
      stories.visible(o.storyId());
    } else {
      lessons.visible(o.lessonId());
    }
    return o;
  }

  private AudioOwner owner(OwnerKind kind, UUID id, Integer versionNumber) {
    if (kind == OwnerKind.lesson) {
      if (versionNumber != null) {
        throw LecternException.invalid("version", "only stories have versions");
      }
      return new AudioOwner(null, null, lessons.visible(id).id());
    }
    Story story = stories.visible(id);
    UUID versionId = versionNumber == null ? null : stories.version(story, versionNumber).id();
    return new AudioOwner(story.id(), versionId, null);
  }

  private boolean mayEdit(AudioOwner owner) {
    if (owner.storyId() != null) {
      return stories.canEdit(tem.get().find(Story.class, owner.storyId()));
    }
    Lesson lesson = tem.get().find(Lesson.class, owner.lessonId());
    Course course = tem.get().find(Course.class, lesson.courseId());
    return access.can(CourseService.LESSON, "update", lesson.attributes(course));
  }

  private boolean activeUser(UUID userId) {
    return !tem.sql("SELECT 1 FROM users WHERE tenant_id = ?1 AND id = ?2 AND is_active")
        .setParameter(2, userId)
        .getResultList()
        .isEmpty();
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.log(Level.FINE, "could not delete upload " + file, e);
    }
  }
}
