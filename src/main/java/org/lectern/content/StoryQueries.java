package org.lectern.content;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Logger;
import org.lectern.access.AccessControl;
import org.lectern.access.condition.SqlPredicate;
import org.lectern.content.StoryDtos.ChunkView;
import org.lectern.content.StoryDtos.ClozeSetting;
import org.lectern.content.StoryDtos.DiffView;
import org.lectern.content.StoryDtos.StorySummary;
import org.lectern.content.StoryDtos.StoryView;
import org.lectern.content.StoryDtos.VersionSummary;
import org.lectern.content.StoryDtos.VersionView;
import org.lectern.platform.Cursor;
import org.lectern.platform.Cursors;
import org.lectern.platform.Jsons;
import org.lectern.platform.LecternException;
import org.lectern.platform.Page;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Reading stories: one story (at a version), its versions and their differences, and the lists and
 * searches, filtered to what the caller may read. Whether a story is visible, and to whom its
 * drafts are, is asked of {@link AccessControl} with the story's attributes, here for every reader
 * (the commands and media's audio owners included).
 *
 * <p>Read-only, so no transaction of its own ({@code SUPPORTS}): called by a resource, its
 * statements run on an autocommit connection, without the BEGIN and COMMIT round trips a JTA
 * transaction costs once a native query (the list, the tags) makes EclipseLink begin one; called by
 * the commands, it joins their transaction and sees what they have written.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class StoryQueries {

  private static final Logger LOG = Logger.getLogger(StoryQueries.class.getName());

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
  @Inject ContentContext context;
  @Inject TagService tags;
  @Inject StoryVersions versions;

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

  /** Every version, newest first; for who may edit or approve the story. */
  public Page<VersionSummary> versions(UUID id, String cursor, int limit) {
    Story story = versionReader(id);
    return KeysetScan.page(
        cursor,
        limit,
        StoryQueries::versionCursor,
        (after, size) -> versions.before(story, after, size),
        StoryVersion::number,
        Cursors::encode,
        rows -> VersionSummary::of);
  }

  public VersionView version(UUID id, int number) {
    Story story = versionReader(id);
    StoryVersion v = versions.version(story, number);
    return new VersionView(
        v.number(),
        v.wordCount(),
        v.chemingRatio(),
        StoryVersions.json(v.chemingScopes()),
        v.isApproved(),
        v.isPublished(),
        v.basedOn(),
        v.createdBy(),
        v.createdAt(),
        v.content(),
        versions.chunks(v).stream().map(ChunkView::of).toList(),
        versions.cloze(v));
  }

  public DiffView diff(UUID id, int from, int to) {
    Story story = versionReader(id);
    StoryVersion a = versions.version(story, from);
    StoryVersion b = versions.version(story, to);
    return ChunkDiff.diff(from, versions.pieces(a), to, versions.pieces(b));
  }

  public List<ClozeSetting> cloze(UUID id, int number) {
    return versions.cloze(versions.version(versionReader(id), number));
  }

  /** Newest first, or ranked by relevance with {@code query}; only what the caller may read. */
  public Page<StorySummary> list(Filter f, String cursor, int limit) {
    SqlPredicate visible = access.readFilter(Story.RESOURCE, StoryColumns::column);
    if (f.query() != null) {
      return search(f, visible, cursor, limit);
    }
    if (visible instanceof SqlPredicate.Uncompilable u) {
      LOG.fine(() -> "Story list decided row by row: " + u.reason());
      return KeysetScan.page(
          cursor,
          limit,
          Cursor::decode,
          (after, size) -> batch(f, after, size),
          s -> new Cursor(s.createdAt(), s.id()),
          Cursor::encode,
          this::readable);
    }
    return visiblePage(f, visible, cursor == null ? null : Cursor.decode(cursor), limit);
  }

  /**
   * Ranked full-text search (see {@link Search}), over the stories the caller may read when the
   * rules compile to SQL, else deciding row by row.
   */
  private Page<StorySummary> search(Filter f, SqlPredicate visible, String cursor, int limit) {
    if (visible.equals(SqlPredicate.FALSE)) {
      return new Page<>(List.of(), null);
    }
    boolean compiled = !(visible instanceof SqlPredicate.Uncompilable);
    Search.Visibility scope =
        visible instanceof SqlPredicate.Sql rule
            ? new Search.Visibility(
                StoryColumns.JOINS,
                "TRUE" + StoryColumns.NOT_HIDDEN + " AND " + rule.text(),
                rule.params())
            : compiled
                ? new Search.Visibility(
                    StoryColumns.JOINS, "TRUE" + StoryColumns.NOT_HIDDEN, List.of())
                : Search.Visibility.ALL;
    return Search.page(
        tem,
        "stories",
        "SELECT DISTINCT language FROM stories WHERE tenant_id = ?1 AND deleted_at IS NULL",
        f.query(),
        conditions(f),
        scope,
        cursor,
        limit,
        ids -> {
          Map<UUID, Story> byId = new HashMap<>();
          load(ids).forEach(s -> byId.put(s.id(), s));
          Function<Story, StorySummary> view =
              compiled ? summaries(byId.values()) : readable(new ArrayList<>(byId.values()));
          return id -> byId.containsKey(id) ? view.apply(byId.get(id)) : null;
        });
  }

  /** List items of rows the caller may read, with their tags in one query. */
  private Function<Story, StorySummary> summaries(java.util.Collection<Story> rows) {
    Map<UUID, List<String>> tagsById = tags.of(rows.stream().map(Story::id).toList());
    return s -> StorySummary.of(s, tagsById.getOrDefault(s.id(), List.of()));
  }

  /**
   * A page of exactly the stories the caller may read: the access rules are part of the query, so
   * every page is full and nothing is decided row by row afterwards.
   */
  private Page<StorySummary> visiblePage(Filter f, SqlPredicate visible, Cursor after, int limit) {
    List<VisibleRows.Row> rows =
        VisibleRows.rows(
            tem,
            SUMMARY_COLUMNS,
            "stories t" + StoryColumns.JOINS,
            "AND t.deleted_at IS NULL" + StoryColumns.NOT_HIDDEN,
            conditions(f),
            visible,
            after,
            limit);
    return Page.of(
        rows,
        limit,
        r -> r.key().cursor(),
        page -> page.stream().map(StoryQueries::summary).toList());
  }

  /** What a list item needs besides id and creation time, tags as a JSON array, in one query. */
  private static final String SUMMARY_COLUMNS =
      ", t.title, t.story_type, t.difficulty, t.language, t.estimated_minutes, t.word_count,"
          + " t.chem_ratio, t.status, t.lesson_id, t.course_id, t.created_by, t.version,"
          + " (SELECT coalesce(json_agg(g.name ORDER BY lower(g.name)), '[]')::text"
          + " FROM story_tags st JOIN tags g ON g.tenant_id = st.tenant_id AND g.id = st.tag_id"
          + " WHERE st.tenant_id = t.tenant_id AND st.story_id = t.id)";

  private static StorySummary summary(VisibleRows.Row r) {
    List<String> tags;
    try (JsonReader json = Jsons.provider().createReader(new StringReader((String) r.get(14)))) {
      tags =
          json.readArray().getValuesAs(JsonString.class).stream()
              .map(JsonString::getString)
              .toList();
    }
    return new StorySummary(
        r.key().id(),
        (String) r.get(2),
        Story.StoryType.valueOf((String) r.get(3)),
        Story.Difficulty.valueOf((String) r.get(4)),
        (String) r.get(5),
        r.get(6) == null ? null : ((Number) r.get(6)).intValue(),
        ((Number) r.get(7)).intValue(),
        (BigDecimal) r.get(8),
        Story.Status.valueOf((String) r.get(9)),
        (UUID) r.get(10),
        (UUID) r.get(11),
        tags,
        (UUID) r.get(12),
        r.key().createdAt(),
        ((Number) r.get(13)).longValue());
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

  // ---- shared with the commands and the audio owners

  /**
   * The story, if it exists, is not deleted (nor its lesson or course), and is readable; else 404.
   */
  Story visible(UUID id) {
    Story story = tem.get().find(Story.class, id);
    if (story == null || story.isDeleted()) {
      throw LecternException.notFound(Story.RESOURCE);
    }
    ContentContext.Place place = context.place(story.lessonId());
    if (place != null && place.hidden()) {
      throw LecternException.notFound(Story.RESOURCE);
    }
    access.requireVisible(Story.RESOURCE, story.attributes(place));
    return story;
  }

  Map<String, Object> attributes(Story story) {
    return story.attributes(context.place(story.lessonId()));
  }

  boolean canEdit(Story story) {
    return access.can(Story.RESOURCE, "update", attributes(story));
  }

  /** The story as a client sees it, with the text of version {@code number}. */
  StoryView view(Story story, int number) {
    StoryVersion v = versions.version(story, number);
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
        versions.chunks(v).stream().map(ChunkView::of).toList(),
        StoryVersions.json(v.chemingScopes()),
        story.createdBy(),
        story.createdAt(),
        story.updatedAt(),
        story.version());
  }

  // ---- private

  /** Versions are for who may edit the story or decide on its publication. */
  private Story versionReader(UUID id) {
    Story story = visible(id);
    Map<String, Object> attributes = attributes(story);
    if (!access.can(Story.RESOURCE, "update", attributes)
        && !access.can(Story.RESOURCE, "approve", attributes)) {
      throw LecternException.forbidden(
          "Only who may edit or approve this story sees its versions.");
    }
    return story;
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
    return Cursors.decode(cursor, Cursors.Keys::intValue);
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
      return access.can(Story.RESOURCE, "read", s.attributes(place))
          ? StorySummary.of(s, tagsById.getOrDefault(s.id(), List.of()))
          : null;
    };
  }

  /** Ids of a batch by SQL (tags are a link table), then the stories themselves. */
  /**
   * Up to {@code size} stories after a position, for deciding row by row (rules that do not compile
   * to SQL); the visibility rules are left to the caller.
   */
  private List<Story> batch(Filter f, Cursor after, int size) {
    List<VisibleRows.Key> keys =
        VisibleRows.page(
            tem,
            "stories t",
            "AND t.deleted_at IS NULL",
            conditions(f),
            SqlPredicate.TRUE,
            after,
            size - 1); // a page query reads one row more than its limit
    return VisibleRows.load(tem, keys, Story.class, Story::id);
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
}
