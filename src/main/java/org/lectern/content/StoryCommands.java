package org.lectern.content;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.lectern.access.AccessControl;
import org.lectern.approval.RequiresApproval;
import org.lectern.audit.AuditAction;
import org.lectern.audit.AuditNotes;
import org.lectern.audit.Audited;
import org.lectern.content.StoryDtos.ChunkEdit;
import org.lectern.content.StoryDtos.ChunksRequest;
import org.lectern.content.StoryDtos.ClozeRequest;
import org.lectern.content.StoryDtos.ClozeSetting;
import org.lectern.content.StoryDtos.StoryPatch;
import org.lectern.content.StoryDtos.StoryRequest;
import org.lectern.content.StoryDtos.StoryView;
import org.lectern.context.RequestContext;
import org.lectern.media.AudioOwnersPurged;
import org.lectern.platform.ETags;
import org.lectern.platform.EntityId;
import org.lectern.platform.LecternException;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Story use cases that change something. Who may do what is never decided here: every act asks
 * {@link AccessControl} with the story's attributes (students read published stories where they may
 * read the lesson, teachers edit their own, admins everything: all of it grants and tenant
 * policies).
 *
 * <p>The text of a story lives in immutable {@link StoryVersion}s ({@link StoryVersions}): every
 * change of it (new content, new chunks, one chunk edited, an old version restored) writes the next
 * version. Readers get the published version; publishing moves it to the latest, through approval
 * where the school wants that, and the {@link Story} itself keeps at most one version published.
 */
@ApplicationScoped
@Transactional
public class StoryCommands {

  static final int MAX_SCOPES = 8_000;

  @Inject TenantEntityManager tem;
  @Inject AccessControl access;
  @Inject RequestContext current;
  @Inject AuditNotes notes;
  @Inject ContentContext context;
  @Inject TagService tags;
  @Inject StoryQueries stories;
  @Inject StoryVersions versions;
  @Inject Event<AudioOwnersPurged> purged;

  @Audited(action = AuditAction.CREATE, entity = Story.RESOURCE)
  public StoryView create(StoryRequest r) {
    access.requireSchoolMember(
        "Stories are written by a school's own people, not platform accounts.");
    List<Chunks.Piece> pieces = text(r.content(), r.chunks(), List.of());
    Story story = new Story(r.draft(), current.caller().id());
    ContentContext.Place place = placeFor(r.lessonId());
    if (place != null) {
      story.placeIn(place.lessonId(), place.courseId());
    }
    access.require(Story.RESOURCE, "create", story.attributes(place));
    if (r.status() != null && r.status() != Story.Status.draft) {
      throw LecternException.invalid(
          "status", "a new story is a draft; publish it with POST /api/stories/{id}/publish");
    }
    tem.get().persist(story);
    tem.get().flush();
    versions.write(story, 1, pieces, scopes(r.chemingScopes()), null);
    tem.get().flush();
    return stories.view(story, story.latestVersion());
  }

  /** PUT: replaces every field; a different text makes a new version. */
  @Audited(action = AuditAction.UPDATE, entity = Story.RESOURCE)
  public StoryView replace(@EntityId UUID id, StoryRequest r, Long ifMatch) {
    Story story = editable(id, ifMatch);
    story.edit(r.draft());
    place(story, r.lessonId(), true);
    String scopes = scopes(r.chemingScopes());
    List<Chunks.Piece> pieces = text(r.content(), r.chunks(), latestPieces(story));
    versions.revise(story, pieces, scopes);
    changeStatus(story, r.status());
    tem.get().flush();
    return stories.view(story, story.latestVersion());
  }

  /** PATCH: changes only the fields given. */
  @Audited(action = AuditAction.UPDATE, entity = Story.RESOURCE)
  public StoryView patch(@EntityId UUID id, StoryPatch p, Long ifMatch) {
    Story story = editable(id, ifMatch);
    story.edit(p.draft());
    if (p.lessonId() != null) {
      place(story, p.lessonId(), false);
    }
    if (p.content() != null || p.chunks() != null) {
      versions.revise(
          story, text(p.content(), p.chunks(), latestPieces(story)), scopes(p.chemingScopes()));
    } else if (p.chemingScopes() != null) {
      versions.revise(story, latestPieces(story), scopes(p.chemingScopes()));
    }
    changeStatus(story, p.status());
    tem.get().flush();
    return stories.view(story, story.latestVersion());
  }

  /** A new version from a whole list of chunks. */
  @Audited(action = AuditAction.UPDATE, entity = Story.RESOURCE)
  public StoryView replaceChunks(@EntityId UUID id, ChunksRequest r, Long ifMatch) {
    Story story = editable(id, ifMatch);
    List<Chunks.Piece> pieces = text(null, r.chunks(), List.of());
    String scopes =
        r.chemingScopes() == null
            ? versions.latest(story).chemingScopes()
            : scopes(r.chemingScopes());
    versions.revise(story, pieces, scopes);
    tem.get().flush();
    return stories.view(story, story.latestVersion());
  }

  /** A new version with one chunk (1-based {@code order} in the latest version) changed. */
  @Audited(action = AuditAction.UPDATE, entity = Story.RESOURCE)
  public StoryView editChunk(@EntityId UUID id, int order, ChunkEdit edit, Long ifMatch) {
    Story story = editable(id, ifMatch);
    List<Chunks.Piece> pieces = new ArrayList<>(latestPieces(story));
    if (order < 1 || order > pieces.size()) {
      throw LecternException.notFound("chunk");
    }
    Chunks.Piece old = pieces.get(order - 1);
    Chunks.Piece changed =
        new Chunks.Piece(
            edit.text() == null ? old.text() : edit.text(),
            edit.type() == null ? old.type() : edit.type());
    pieces.set(order - 1, Chunks.requireValid(List.of(changed)).get(0));
    versions.revise(story, pieces, versions.latest(story).chemingScopes());
    tem.get().flush();
    return stories.view(story, story.latestVersion());
  }

  /** An old version's text (and cloze settings) as a new, latest version. */
  @Audited(action = AuditAction.UPDATE, entity = Story.RESOURCE)
  public StoryView restoreVersion(@EntityId UUID id, int number, Long ifMatch) {
    Story story = editable(id, ifMatch);
    StoryVersion old = versions.version(story, number);
    versions.write(
        story, story.latestVersion() + 1, versions.pieces(old), old.chemingScopes(), old);
    tem.get().flush();
    return stories.view(story, story.latestVersion());
  }

  /** Replaces a version's cloze settings (one per part of speech). */
  @Audited(action = AuditAction.UPDATE, entity = Story.RESOURCE)
  public List<ClozeSetting> putCloze(@EntityId UUID id, int number, ClozeRequest r) {
    Story story = editable(id, null);
    StoryVersion v = versions.version(story, number);
    List<ClozeSetting> before = versions.cloze(v);
    long distinct = r.settings().stream().map(ClozeSetting::partOfSpeech).distinct().count();
    if (distinct != r.settings().size()) {
      throw LecternException.invalid("settings", "names a part of speech more than once");
    }
    versions.replaceCloze(v, r.settings());
    List<ClozeSetting> after = versions.cloze(v);
    notes.values(
        Map.of("version", number, "cloze", before), Map.of("version", number, "cloze", after));
    return after;
  }

  /** Replaces the story's tags; names the school does not have yet are made if the caller may. */
  @Audited(action = AuditAction.UPDATE, entity = Story.RESOURCE)
  public StoryView putTags(@EntityId UUID id, List<String> names) {
    Story story = editable(id, null);
    List<String> before = tags.of(List.of(id)).getOrDefault(id, List.of());
    tags.setForStory(id, names);
    story.edit(new StoryDraft(null, null, null, null, null));
    tem.get().flush();
    List<String> after = tags.of(List.of(id)).getOrDefault(id, List.of());
    notes.values(Map.of("tags", before), Map.of("tags", after));
    return stories.view(story, story.latestVersion());
  }

  /** Soft delete: the story disappears from every read; the row stays for restore. */
  @Audited(action = AuditAction.DELETE, entity = Story.RESOURCE)
  public void delete(@EntityId UUID id) {
    Story story = stories.visible(id);
    access.require(Story.RESOURCE, "delete", stories.attributes(story));
    story.softDelete();
  }

  /**
   * Brings a soft-deleted story back as it was. Only who may see it and holds {@code story:restore}
   * (admins, by default); anyone else gets 404, as for any story they cannot see.
   */
  @Audited(action = AuditAction.RESTORE, entity = Story.RESOURCE)
  public StoryView restore(@EntityId UUID id) {
    Story story = tem.get().find(Story.class, id);
    if (story == null || !story.isDeleted()) {
      throw LecternException.notFound(Story.RESOURCE);
    }
    access.requireVisible(Story.RESOURCE, stories.attributes(story));
    access.require(Story.RESOURCE, "restore", stories.attributes(story));
    story.restore();
    tem.get().flush();
    return stories.view(story, story.latestVersion());
  }

  /** Hard delete, deleted or not: the story, its versions, chunks, tags and audio go for good. */
  @Audited(action = AuditAction.PURGE, entity = Story.RESOURCE)
  public void purge(@EntityId UUID id) {
    Story story = tem.get().find(Story.class, id);
    if (story == null) {
      throw LecternException.notFound(Story.RESOURCE);
    }
    access.requireVisible(Story.RESOURCE, stories.attributes(story));
    access.require(Story.RESOURCE, "purge", stories.attributes(story));
    purged.fire(AudioOwnersPurged.story(id));
    tem.get().remove(story);
    tem.get().flush();
  }

  /**
   * Publishes the latest version: readers get it from now on. In a tenant whose rules put
   * publishing under approval, an author (or anyone who could not approve it) only asks: a pending
   * {@code story:publish} approval is recorded, and {@link StoryPublishAct} runs this when someone
   * else approves it, provided the story has not changed since.
   */
  @RequiresApproval(entity = Story.RESOURCE, action = "publish")
  @Audited(action = AuditAction.PUBLISH, entity = Story.RESOURCE)
  public StoryView publish(@EntityId UUID id) {
    Story story = stories.visible(id);
    access.require(Story.RESOURCE, "publish", stories.attributes(story));
    story.publish(versions.of(story));
    tem.get().flush();
    return stories.view(story, story.latestVersion());
  }

  // ---- private

  private Story editable(UUID id, Long ifMatch) {
    Story story = stories.visible(id);
    access.require(Story.RESOURCE, "update", stories.attributes(story));
    ETags.requireMatch(ifMatch, story.version());
    return story;
  }

  /**
   * The chunks a request gives, from its content (split, keeping the types of {@code previous}
   * chunks whose text is unchanged) or its chunk list: exactly one of them.
   */
  private static List<Chunks.Piece> text(
      String content, List<StoryDtos.ChunkInput> chunks, List<Chunks.Piece> previous) {
    if (content != null && chunks != null) {
      throw LecternException.invalid("chunks", "give the text as content or as chunks, not both");
    }
    if (chunks != null) {
      return Chunks.requireValid(chunks.stream().map(StoryDtos.ChunkInput::piece).toList());
    }
    if (content == null) {
      throw LecternException.invalid("content", "must be given (or chunks)");
    }
    List<Chunks.Piece> pieces = Chunks.split(content, previous);
    if (pieces.isEmpty()) {
      throw LecternException.invalid("content", "must not be blank");
    }
    return pieces;
  }

  private List<Chunks.Piece> latestPieces(Story story) {
    return versions.pieces(versions.latest(story));
  }

  /** Moves the story into a lesson (null with {@code clear}: out of any lesson). */
  private void place(Story story, UUID lessonId, boolean clear) {
    if (Objects.equals(lessonId, story.lessonId()) || (lessonId == null && !clear)) {
      return;
    }
    ContentContext.Place place = placeFor(lessonId);
    story.placeIn(place == null ? null : place.lessonId(), place == null ? null : place.courseId());
  }

  /**
   * The place of a lesson a story is put in: the lesson must be one the caller may read and edit;
   * else the request is invalid (a lesson one cannot see is no different from none).
   */
  private ContentContext.Place placeFor(UUID lessonId) {
    if (lessonId == null) {
      return null;
    }
    Lesson lesson = tem.get().find(Lesson.class, lessonId);
    Course course = lesson == null ? null : tem.get().find(Course.class, lesson.courseId());
    if (lesson == null
        || lesson.isDeleted()
        || course == null
        || course.isDeleted()
        || !access.can(CourseService.LESSON, "read", lesson.attributes(course))) {
      throw LecternException.invalid("lessonId", "is not a lesson of this school you can see");
    }
    access.require(CourseService.LESSON, "update", lesson.attributes(course));
    return context.place(lessonId);
  }

  /**
   * Withdrawing (back to draft) and archiving are the publishing right, checked against the story
   * as it is now. Publishing itself goes through {@link #publish}, and its approval.
   */
  private void changeStatus(Story story, Story.Status requested) {
    if (requested == null || requested == story.status()) {
      return;
    }
    if (requested == Story.Status.published) {
      throw LecternException.invalid(
          "status",
          "a story is published with POST /api/stories/{id}/publish, which may need approval");
    }
    access.require(Story.RESOURCE, "publish", stories.attributes(story));
    story.withdraw(requested, versions.of(story));
  }

  private static String scopes(JsonObject scopes) {
    if (scopes == null) {
      return null;
    }
    String json = scopes.toString();
    if (json.length() > MAX_SCOPES) {
      throw LecternException.invalid(
          "chemingScopes", "must be a JSON object of at most " + MAX_SCOPES + " characters");
    }
    return json;
  }
}
