package org.lectern.content;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.lectern.access.AccessControl;
import org.lectern.approval.RequiresApproval;
import org.lectern.audit.AuditAction;
import org.lectern.audit.AuditNotes;
import org.lectern.audit.Audited;
import org.lectern.content.StoryDtos.ChunkEdit;
import org.lectern.content.StoryDtos.ChunkView;
import org.lectern.content.StoryDtos.ChunksRequest;
import org.lectern.content.StoryDtos.ClozeRequest;
import org.lectern.content.StoryDtos.ClozeSetting;
import org.lectern.content.StoryDtos.DiffView;
import org.lectern.content.StoryDtos.StoryPatch;
import org.lectern.content.StoryDtos.StoryRequest;
import org.lectern.content.StoryDtos.StorySummary;
import org.lectern.content.StoryDtos.StoryView;
import org.lectern.content.StoryDtos.VersionSummary;
import org.lectern.content.StoryDtos.VersionView;
import org.lectern.context.RequestContext;
import org.lectern.media.AudioOwnersPurged;
import org.lectern.platform.Cursor;
import org.lectern.platform.ETags;
import org.lectern.platform.EntityId;
import org.lectern.platform.LecternException;
import org.lectern.platform.Page;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Story use cases. Who may do what is never decided here: every act asks {@link AccessControl} with
 * the story's attributes (students read published stories where they may read the lesson, teachers
 * edit their own, admins everything: all of it grants and tenant policies).
 *
 * <p>The text of a story lives in immutable {@link StoryVersion}s: every change of it (new content,
 * new chunks, one chunk edited, an old version restored) writes the next version. Readers get the
 * published version; publishing moves it to the latest, through approval where the school wants
 * that.
 */
@ApplicationScoped
@Transactional
public class StoryService {

  static final String RESOURCE = "story";
  static final int MAX_SCOPES = 8_000;

  /** Filters of the story list; null means any. */
  public record Filter(
      Story.Status status,
      Story.Difficulty difficulty,
      Story.StoryType storyType,
      String tag,
      UUID lessonId,
      UUID courseId,
      String query) {}

  @Inject TenantEntityManager tem;
  @Inject AccessControl access;
  @Inject RequestContext current;
  @Inject AuditNotes notes;
  @Inject ContentContext context;
  @Inject TagService tags;
  @Inject Event<AudioOwnersPurged> purged;

  @Audited(action = AuditAction.CREATE, entity = RESOURCE)
  public StoryView create(StoryRequest r) {
    access.requireSchoolMember(
        "Stories are written by a school's own people, not platform accounts.");
    List<Chunks.Piece> pieces = text(r.content(), r.chunks(), List.of());
    Story story = new Story(r.draft(), current.caller().id());
    ContentContext.Place place = placeFor(r.lessonId());
    if (place != null) {
      story.placeIn(place.lessonId(), place.courseId());
    }
    access.require(RESOURCE, "create", story.attributes(place));
    if (r.status() != null && r.status() != Story.Status.draft) {
      throw LecternException.invalid(
          "status", "a new story is a draft; publish it with POST /api/stories/{id}/publish");
    }
    tem.get().persist(story);
    tem.get().flush();
    writeVersion(story, 1, pieces, scopes(r.chemingScopes()), null);
    tem.get().flush();
    return view(story, story.latestVersion());
  }

  /**
   * The story with the text of {@code version} ({@code latest}, {@code published} or a number).
   * Without one: the latest version for who may edit the story, else the published one (or, for
   * staff who may read unpublished stories, the latest). Readers who may not edit get only that.
   */
  public StoryView get(UUID id, String version) {
    Story story = visible(id);
    boolean editor = canEdit(story);
    Integer readerVersion =
        story.publishedVersion() != null ? story.publishedVersion() : story.latestVersion();
    int shown = editor ? story.latestVersion() : readerVersion;
    if (version != null) {
      Integer asked = versionNumber(story, version);
      if (asked == null || (!editor && !asked.equals(readerVersion))) {
        throw new LecternException(
            404, "story-version.not-found", "No such version of this story.");
      }
      shown = asked;
    }
    return view(story, shown);
  }

  /** PUT: replaces every field; a different text makes a new version. */
  @Audited(action = AuditAction.UPDATE, entity = RESOURCE)
  public StoryView replace(@EntityId UUID id, StoryRequest r, Long ifMatch) {
    Story story = editable(id, ifMatch);
    story.edit(r.draft());
    place(story, r.lessonId(), true);
    String scopes = scopes(r.chemingScopes());
    List<Chunks.Piece> pieces = text(r.content(), r.chunks(), latestPieces(story));
    reviseText(story, pieces, scopes);
    changeStatus(story, r.status());
    tem.get().flush();
    return view(story, story.latestVersion());
  }

  /** PATCH: changes only the fields given. */
  @Audited(action = AuditAction.UPDATE, entity = RESOURCE)
  public StoryView patch(@EntityId UUID id, StoryPatch p, Long ifMatch) {
    Story story = editable(id, ifMatch);
    story.edit(p.draft());
    if (p.lessonId() != null) {
      place(story, p.lessonId(), false);
    }
    if (p.content() != null || p.chunks() != null) {
      reviseText(
          story, text(p.content(), p.chunks(), latestPieces(story)), scopes(p.chemingScopes()));
    } else if (p.chemingScopes() != null) {
      reviseText(story, latestPieces(story), scopes(p.chemingScopes()));
    }
    changeStatus(story, p.status());
    tem.get().flush();
    return view(story, story.latestVersion());
  }

  /** A new version from a whole list of chunks. */
  @Audited(action = AuditAction.UPDATE, entity = RESOURCE)
  public StoryView replaceChunks(@EntityId UUID id, ChunksRequest r, Long ifMatch) {
    Story story = editable(id, ifMatch);
    List<Chunks.Piece> pieces = text(null, r.chunks(), List.of());
    String scopes =
        r.chemingScopes() == null ? latest(story).chemingScopes() : scopes(r.chemingScopes());
    reviseText(story, pieces, scopes);
    tem.get().flush();
    return view(story, story.latestVersion());
  }

  /** A new version with one chunk (1-based {@code order} in the latest version) changed. */
  @Audited(action = AuditAction.UPDATE, entity = RESOURCE)
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
    reviseText(story, pieces, latest(story).chemingScopes());
    tem.get().flush();
    return view(story, story.latestVersion());
  }

  /** An old version's text (and cloze settings) as a new, latest version. */
  @Audited(action = AuditAction.UPDATE, entity = RESOURCE)
  public StoryView restoreVersion(@EntityId UUID id, int number, Long ifMatch) {
    Story story = editable(id, ifMatch);
    StoryVersion old = version(story, number);
    writeVersion(story, story.latestVersion() + 1, pieces(old), old.chemingScopes(), old);
    tem.get().flush();
    return view(story, story.latestVersion());
  }

  /** Every version, newest first; for who may edit or approve the story. */
  public Page<VersionSummary> versions(UUID id, String cursor, int limit) {
    Story story = versionReader(id);
    return KeysetScan.page(
        cursor,
        limit,
        StoryService::versionCursor,
        (after, size) ->
            tem.get()
                .createQuery(
                    "SELECT v FROM StoryVersion v WHERE v.storyId = :s AND v.number < :n"
                        + " ORDER BY v.number DESC",
                    StoryVersion.class)
                .setParameter("s", story.id())
                .setParameter("n", after == null ? Integer.MAX_VALUE : after)
                .setMaxResults(size)
                .getResultList(),
        StoryVersion::number,
        String::valueOf,
        rows -> VersionSummary::of);
  }

  public VersionView version(UUID id, int number) {
    Story story = versionReader(id);
    StoryVersion v = version(story, number);
    return new VersionView(
        v.number(),
        v.wordCount(),
        v.chemingRatio(),
        json(v.chemingScopes()),
        v.isApproved(),
        v.isPublished(),
        v.basedOn(),
        v.createdBy(),
        v.createdAt(),
        v.content(),
        chunks(v).stream().map(ChunkView::of).toList(),
        cloze(v));
  }

  public DiffView diff(UUID id, int from, int to) {
    Story story = versionReader(id);
    StoryVersion a = version(story, from);
    StoryVersion b = version(story, to);
    return ChunkDiff.diff(from, pieces(a), to, pieces(b));
  }

  public List<ClozeSetting> cloze(UUID id, int number) {
    return cloze(version(versionReader(id), number));
  }

  /** Replaces a version's cloze settings (one per part of speech). */
  @Audited(action = AuditAction.UPDATE, entity = RESOURCE)
  public List<ClozeSetting> putCloze(@EntityId UUID id, int number, ClozeRequest r) {
    Story story = editable(id, null);
    StoryVersion v = version(story, number);
    List<ClozeSetting> before = cloze(v);
    long distinct = r.settings().stream().map(ClozeSetting::partOfSpeech).distinct().count();
    if (distinct != r.settings().size()) {
      throw LecternException.invalid("settings", "names a part of speech more than once");
    }
    tem.get()
        .createQuery("DELETE FROM ClozeConfig c WHERE c.versionId = :v")
        .setParameter("v", v.id())
        .executeUpdate();
    for (ClozeSetting s : r.settings()) {
      tem.get().persist(new ClozeConfig(v.id(), s.partOfSpeech(), s.ratio()));
    }
    tem.get().flush();
    List<ClozeSetting> after = cloze(v);
    notes.values(
        Map.of("version", number, "cloze", before), Map.of("version", number, "cloze", after));
    return after;
  }

  /** Replaces the story's tags; names the school does not have yet are made if the caller may. */
  @Audited(action = AuditAction.UPDATE, entity = RESOURCE)
  public StoryView putTags(@EntityId UUID id, List<String> names) {
    Story story = editable(id, null);
    List<String> before = tags.of(List.of(id)).getOrDefault(id, List.of());
    tags.setForStory(id, names);
    story.edit(new StoryDraft(null, null, null, null, null));
    tem.get().flush();
    List<String> after = tags.of(List.of(id)).getOrDefault(id, List.of());
    notes.values(Map.of("tags", before), Map.of("tags", after));
    return view(story, story.latestVersion());
  }

  /** Soft delete: the story disappears from every read; the row stays for restore. */
  @Audited(action = AuditAction.DELETE, entity = RESOURCE)
  public void delete(@EntityId UUID id) {
    Story story = visible(id);
    access.require(RESOURCE, "delete", attributes(story));
    story.softDelete();
  }

  /**
   * Brings a soft-deleted story back as it was. Only who may see it and holds {@code story:restore}
   * (admins, by default); anyone else gets 404, as for any story they cannot see.
   */
  @Audited(action = AuditAction.RESTORE, entity = RESOURCE)
  public StoryView restore(@EntityId UUID id) {
    Story story = tem.get().find(Story.class, id);
    if (story == null || !story.isDeleted()) {
      throw LecternException.notFound(RESOURCE);
    }
    access.requireVisible(RESOURCE, attributes(story));
    access.require(RESOURCE, "restore", attributes(story));
    story.restore();
    tem.get().flush();
    return view(story, story.latestVersion());
  }

  /** Hard delete, deleted or not: the story, its versions, chunks, tags and audio go for good. */
  @Audited(action = AuditAction.PURGE, entity = RESOURCE)
  public void purge(@EntityId UUID id) {
    Story story = tem.get().find(Story.class, id);
    if (story == null) {
      throw LecternException.notFound(RESOURCE);
    }
    access.requireVisible(RESOURCE, attributes(story));
    access.require(RESOURCE, "purge", attributes(story));
    purged.fire(AudioOwnersPurged.story(id));
    tem.get().remove(story);
    tem.get().flush();
  }

  /**
   * Publishes the latest version: readers get it from now on. In a tenant whose rules put
   * publishing under approval, an author (or anyone who could not approve it) only asks: the call
   * is recorded as a pending approval and runs when someone else approves it, provided the story
   * has not changed since.
   */
  @RequiresApproval(entity = RESOURCE, action = "publish")
  @Audited(action = AuditAction.PUBLISH, entity = RESOURCE)
  public StoryView publish(@EntityId UUID id) {
    Story story = visible(id);
    access.require(RESOURCE, "publish", attributes(story));
    StoryVersion latest = latest(story);
    if (story.publishedVersion() != null && story.publishedVersion() != latest.number()) {
      version(story, story.publishedVersion()).unpublish();
      tem.get().flush();
    }
    latest.publish();
    story.publish(latest);
    tem.get().flush();
    return view(story, story.latestVersion());
  }

  /** Newest first, or ranked by relevance with {@code query}; only what the caller may read. */
  public Page<StorySummary> list(Filter f, String cursor, int limit) {
    if (f.query() != null) {
      return Search.page(
          tem,
          "stories",
          "SELECT DISTINCT language FROM stories WHERE tenant_id = ?1 AND deleted_at IS NULL",
          f.query(),
          conditions(f),
          cursor,
          limit,
          ids -> {
            Map<UUID, Story> byId = new HashMap<>();
            load(ids).forEach(s -> byId.put(s.id(), s));
            Function<Story, StorySummary> view = readable(new ArrayList<>(byId.values()));
            return id -> byId.containsKey(id) ? view.apply(byId.get(id)) : null;
          });
    }
    return KeysetScan.page(
        cursor,
        limit,
        Cursor::decode,
        (after, size) -> batch(f, after, size),
        s -> new Cursor(s.createdAt(), s.id()),
        Cursor::encode,
        this::readable);
  }

  /** The stories of a lesson the caller may read, oldest first (for the lesson view). */
  List<StorySummary> summariesOfLesson(UUID lessonId) {
    List<Story> rows =
        tem.get()
            .createQuery(
                "SELECT s FROM Story s WHERE s.lessonId = :l AND s.deletedAt IS NULL"
                    + " ORDER BY s.createdAt, s.id",
                Story.class)
            .setParameter("l", lessonId)
            .setMaxResults(500)
            .getResultList();
    Function<Story, StorySummary> view = readable(rows);
    return rows.stream().map(view).filter(Objects::nonNull).toList();
  }

  // ---- helpers shared with lessons and audio owners

  /**
   * The story, if it exists, is not deleted (nor its lesson or course), and is readable; else 404.
   */
  Story visible(UUID id) {
    Story story = tem.get().find(Story.class, id);
    if (story == null || story.isDeleted()) {
      throw LecternException.notFound(RESOURCE);
    }
    ContentContext.Place place = context.place(story.lessonId());
    if (place != null && place.hidden()) {
      throw LecternException.notFound(RESOURCE);
    }
    access.requireVisible(RESOURCE, story.attributes(place));
    return story;
  }

  Map<String, Object> attributes(Story story) {
    return story.attributes(context.place(story.lessonId()));
  }

  boolean canEdit(Story story) {
    return access.can(RESOURCE, "update", attributes(story));
  }

  StoryVersion version(Story story, int number) {
    List<StoryVersion> found =
        tem.get()
            .createQuery(
                "SELECT v FROM StoryVersion v WHERE v.storyId = :s AND v.number = :n",
                StoryVersion.class)
            .setParameter("s", story.id())
            .setParameter("n", number)
            .getResultList();
    if (found.isEmpty()) {
      throw new LecternException(404, "story-version.not-found", "No such version of this story.");
    }
    return found.get(0);
  }

  // ---- private

  private Story editable(UUID id, Long ifMatch) {
    Story story = visible(id);
    access.require(RESOURCE, "update", attributes(story));
    ETags.requireMatch(ifMatch, story.version());
    return story;
  }

  /** Versions are for who may edit the story or decide on its publication. */
  private Story versionReader(UUID id) {
    Story story = visible(id);
    Map<String, Object> attributes = attributes(story);
    if (!access.can(RESOURCE, "update", attributes)
        && !access.can(RESOURCE, "approve", attributes)) {
      throw LecternException.forbidden(
          "Only who may edit or approve this story sees its versions.");
    }
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

  /** A new version when the text or its scopes differ from the latest version's. */
  private void reviseText(Story story, List<Chunks.Piece> pieces, String scopes) {
    StoryVersion latest = latest(story);
    if (pieces.equals(pieces(latest))
        && Objects.equals(json(scopes), json(latest.chemingScopes()))) {
      return;
    }
    writeVersion(story, latest.number() + 1, pieces, scopes, latest);
  }

  /**
   * Writes version {@code number} with its chunks. {@code from} is the version it was made from
   * (edited or restored; null for a story's first), whose cloze settings it starts with.
   */
  private void writeVersion(
      Story story, int number, List<Chunks.Piece> pieces, String scopes, StoryVersion from) {
    Integer basedOn = from == null ? null : from.number();
    StoryVersion v =
        new StoryVersion(story.id(), number, pieces, scopes, basedOn, current.caller().id());
    tem.get().persist(v);
    tem.get().flush();
    for (int i = 0; i < pieces.size(); i++) {
      tem.get().persist(new StoryChunk(v.id(), i + 1, pieces.get(i)));
    }
    if (from != null) {
      for (ClozeSetting s : cloze(from)) {
        tem.get().persist(new ClozeConfig(v.id(), s.partOfSpeech(), s.ratio()));
      }
    }
    story.newVersion(v);
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
    access.require(RESOURCE, "publish", attributes(story));
    if (story.publishedVersion() != null) {
      version(story, story.publishedVersion()).unpublish();
    }
    story.withdraw(requested, latest(story));
  }

  private StoryVersion latest(Story story) {
    return version(story, story.latestVersion());
  }

  private List<Chunks.Piece> latestPieces(Story story) {
    return pieces(latest(story));
  }

  private List<StoryChunk> chunks(StoryVersion v) {
    return tem.get()
        .createQuery(
            "SELECT c FROM StoryChunk c WHERE c.versionId = :v ORDER BY c.order", StoryChunk.class)
        .setParameter("v", v.id())
        .getResultList();
  }

  private List<Chunks.Piece> pieces(StoryVersion v) {
    return chunks(v).stream().map(StoryChunk::piece).toList();
  }

  private List<ClozeSetting> cloze(StoryVersion v) {
    return tem
        .get()
        .createQuery(
            "SELECT c FROM ClozeConfig c WHERE c.versionId = :v ORDER BY c.partOfSpeech",
            ClozeConfig.class)
        .setParameter("v", v.id())
        .getResultList()
        .stream()
        .map(c -> new ClozeSetting(c.partOfSpeech(), c.ratio()))
        .toList();
  }

  private Integer versionNumber(Story story, String version) {
    return switch (version) {
      case "latest" -> story.latestVersion();
      case "published" -> story.publishedVersion();
      default -> {
        try {
          int n = Integer.parseInt(version);
          yield n >= 1 && n <= story.latestVersion() ? n : null;
        } catch (NumberFormatException e) {
          throw LecternException.invalid("version", "must be latest, published or a number");
        }
      }
    };
  }

  private static Integer versionCursor(String cursor) {
    try {
      return Integer.valueOf(cursor);
    } catch (NumberFormatException e) {
      throw LecternException.invalid("cursor", "is not a cursor this list handed out");
    }
  }

  private StoryView view(Story story, int number) {
    StoryVersion v = version(story, number);
    boolean editor = canEdit(story);
    return new StoryView(
        story.id(),
        story.title(),
        story.storyType(),
        story.difficulty(),
        story.language(),
        story.estimatedMinutes(),
        v.wordCount(),
        v.chemingRatio(),
        story.status(),
        story.lessonId(),
        story.courseId(),
        tags.of(List.of(story.id())).getOrDefault(story.id(), List.of()),
        v.number(),
        editor ? story.latestVersion() : null,
        story.publishedVersion(),
        v.content(),
        chunks(v).stream().map(ChunkView::of).toList(),
        json(v.chemingScopes()),
        story.createdBy(),
        story.createdAt(),
        story.updatedAt(),
        story.version());
  }

  /** A batch's readable rows as list items: places and tags of the whole batch in two queries. */
  private Function<Story, StorySummary> readable(List<Story> rows) {
    Map<UUID, ContentContext.Place> places =
        context.places(rows.stream().map(Story::lessonId).toList());
    Map<UUID, List<String>> tagsById = tags.of(rows.stream().map(Story::id).toList());
    return s -> {
      ContentContext.Place place = s.lessonId() == null ? null : places.get(s.lessonId());
      if (place != null && place.hidden()) {
        return null;
      }
      return access.can(RESOURCE, "read", s.attributes(place))
          ? StorySummary.of(s, tagsById.getOrDefault(s.id(), List.of()))
          : null;
    };
  }

  /** Ids of a batch by SQL (tags are a link table), then the stories themselves. */
  private List<Story> batch(Filter f, Cursor after, int size) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT t.id FROM stories t WHERE t.tenant_id = ?1 AND t.deleted_at IS NULL");
    List<Object> params = new ArrayList<>();
    conditions(f).appendTo(sql, params);
    if (after != null) {
      params.add(Timestamp.from(after.createdAt()));
      params.add(after.id());
      sql.append(" AND (t.created_at, t.id) < (?")
          .append(params.size())
          .append(", ?")
          .append(params.size() + 1)
          .append(")");
    }
    sql.append(" ORDER BY t.created_at DESC, t.id DESC LIMIT ").append(size);
    Query q = tem.sql(sql.toString());
    for (int i = 0; i < params.size(); i++) {
      q.setParameter(i + 2, params.get(i));
    }
    List<UUID> ids = q.getResultList().stream().map(o -> (UUID) o).toList();
    Map<UUID, Story> byId = new HashMap<>();
    load(ids).forEach(s -> byId.put(s.id(), s));
    return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
  }

  private List<Story> load(List<UUID> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return tem.get()
        .createQuery("SELECT s FROM Story s WHERE s.id IN :ids", Story.class)
        .setParameter("ids", ids)
        .getResultList();
  }

  private Search.Conditions conditions(Filter f) {
    Search.Conditions c = new Search.Conditions();
    if (f.status() != null) {
      c.add("status = ?", f.status().name());
    }
    if (f.difficulty() != null) {
      c.add("difficulty = ?", f.difficulty().name());
    }
    if (f.storyType() != null) {
      c.add("story_type = ?", f.storyType().name());
    }
    if (f.lessonId() != null) {
      c.add("lesson_id = ?", f.lessonId());
    }
    if (f.courseId() != null) {
      c.add("course_id = ?", f.courseId());
    }
    if (f.tag() != null) {
      c.add(
          "id IN (SELECT st.story_id FROM story_tags st JOIN tags g"
              + " ON g.tenant_id = st.tenant_id AND g.id = st.tag_id"
              + " WHERE st.tenant_id = t.tenant_id AND lower(g.name) = lower(?))",
          f.tag());
    }
    return c;
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

  private static JsonObject json(String text) {
    if (text == null) {
      return null;
    }
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }
}
