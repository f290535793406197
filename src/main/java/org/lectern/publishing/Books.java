package org.lectern.publishing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.lectern.access.AccessControl;
import org.lectern.access.condition.SqlPredicate;
import org.lectern.audit.AuditAction;
import org.lectern.audit.Audited;
import org.lectern.content.AssignableContent;
import org.lectern.content.KeysetScan;
import org.lectern.content.StoryFacts;
import org.lectern.context.RequestContext;
import org.lectern.learning.StoriesCompleted;
import org.lectern.platform.Cursor;
import org.lectern.platform.Cursors;
import org.lectern.platform.ETags;
import org.lectern.platform.EntityId;
import org.lectern.platform.LecternException;
import org.lectern.platform.Page;
import org.lectern.platform.SqlValues;
import org.lectern.publishing.PublishingDtos.BookPatch;
import org.lectern.publishing.PublishingDtos.BookRequest;
import org.lectern.publishing.PublishingDtos.BookView;
import org.lectern.publishing.PublishingDtos.RatingView;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Books: made by a story's writer, listed and read by who may read them, rated and counted.
 *
 * <p>Who reads a book is the school's rules on {@code book:read} (by default: everyone reads
 * published books, writers their own) with the book's attributes ({@link BookColumns}, {@code
 * accessType} among them), compiled into the list's SQL; reviewers (who hold {@code
 * publishing:read}) read every book. Anything else is 404, as if it did not exist.
 *
 * <p>Counters and ratings move by single atomic statements, never read-modify-write: a view is
 * {@code view_count + 1}, a story read to the end by a learner for the first time is {@code
 * read_count + 1} (through {@link StoriesCompleted}), and a rating moves the exact sum and count of
 * ratings in the statement that upserts it.
 */
@ApplicationScoped
@Transactional
public class Books {

  /** Filters of the book list; null means any. */
  public record Filter(
      String gradeLevel,
      String curriculum,
      Book.AccessType accessType,
      Book.Status status,
      String q) {}

  @Inject TenantEntityManager tem;
  @Inject AccessControl access;
  @Inject RequestContext context;
  @Inject AssignableContent content;
  @Inject StoryFacts stories;

  /**
   * Makes the book of a story: needs {@code publishing:submit} (403) and a story the caller may
   * read (else 404) and wrote or may edit (403); one book per story (409 {@code book.exists}).
   */
  @Audited(action = AuditAction.CREATE, entity = Book.RESOURCE)
  public BookView create(BookRequest r) {
    access.requireSchoolMember("Books are made by a school's own people.");
    access.require(BookSubmission.RESOURCE, Stage.SUBMIT);
    if (content.readableTitle("story", r.storyId()).isEmpty()) {
      throw LecternException.notFound("story");
    }
    StoryFacts.Facts story =
        stories.of(r.storyId()).orElseThrow(() -> LecternException.notFound("story"));
    if (!story.createdBy().equals(me()) && !content.mayUpdateStory(r.storyId())) {
      throw LecternException.forbidden("A book is made by its story's writer.");
    }
    if (!tem.sql("SELECT 1 FROM books WHERE tenant_id = ?1 AND story_id = ?2")
        .setParameter(2, r.storyId())
        .getResultList()
        .isEmpty()) {
      throw LecternException.conflict("book.exists", "This story has a book already.");
    }
    Book b =
        new Book(
            r.storyId(),
            r.title() == null ? story.title() : r.title(),
            r.description(),
            r.isbn(),
            r.gradeLevel() == null ? List.of() : r.gradeLevel().stream().distinct().toList(),
            r.curriculum() == null ? List.of() : r.curriculum().stream().distinct().toList(),
            r.accessType() == null ? Book.AccessType.free : r.accessType(),
            story.language(),
            me());
    tem.get().persist(b);
    tem.get().flush();
    reindex(b.id(), b.storyId());
    return row(b.id()).orElseThrow().view();
  }

  /**
   * The books the caller may read, newest first, or best first with {@code q} (title and the
   * story's text, full-text). The access rules and the books' facts are part of the query; a page
   * costs one statement (two with {@code q}: the languages in use).
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<BookView> list(Filter f, String cursor, int limit) {
    SqlPredicate visible =
        reviewer() ? SqlPredicate.TRUE : access.readFilter(Book.RESOURCE, BookColumns::column);
    if (visible.equals(SqlPredicate.FALSE)) {
      return new Page<>(List.of(), null);
    }
    boolean compiled = !(visible instanceof SqlPredicate.Uncompilable);
    StringBuilder where = new StringBuilder();
    List<Object> params = new ArrayList<>();
    if (f.gradeLevel() != null) {
      params.add(SqlValues.quotedArray(List.of(f.gradeLevel())));
      where.append(" AND t.grade_level @> CAST(?").append(params.size() + 1).append(" AS text[])");
    }
    if (f.curriculum() != null) {
      params.add(SqlValues.quotedArray(List.of(f.curriculum())));
      where.append(" AND t.curriculum @> CAST(?").append(params.size() + 1).append(" AS text[])");
    }
    if (f.accessType() != null) {
      params.add(f.accessType().name());
      where.append(" AND t.access_type = ?").append(params.size() + 1);
    }
    if (f.status() != null) {
      params.add(f.status().name());
      where.append(" AND t.publishing_status = ?").append(params.size() + 1);
    }
    if (visible instanceof SqlPredicate.Sql rule) {
      where.append(" AND (").append(rule.numbered(params.size() + 2)).append(")");
      params.addAll(rule.params());
    }
    Function<List<BookRow>, Function<BookRow, BookView>> viewer =
        rows -> b -> compiled || readable(b) ? b.view() : null;
    if (f.q() != null) {
      return search(f.q(), where.toString(), params, cursor, limit, viewer);
    }
    if (compiled) {
      // The rules are part of the query: exactly the visible rows, one more than the page.
      List<BookRow> rows =
          newest(
              where.toString(), params, cursor == null ? null : Cursor.decode(cursor), limit + 1);
      return Page.of(
          rows,
          limit,
          b -> new Cursor(b.createdAt(), b.id()),
          page -> page.stream().map(BookRow::view).toList());
    }
    return KeysetScan.page(
        cursor,
        limit,
        Cursor::decode,
        (after, size) -> newest(where.toString(), params, after, size),
        b -> new Cursor(b.createdAt(), b.id()),
        Cursor::encode,
        viewer);
  }

  /** Up to {@code size} books after a position, newest first, with their facts: one statement. */
  private List<BookRow> newest(String where, List<Object> params, Cursor after, int size) {
    StringBuilder sql = new StringBuilder(where);
    List<Object> p = new ArrayList<>(params);
    if (after != null) {
      p.add(Timestamp.from(after.createdAt()));
      p.add(after.id());
      sql.append(" AND (t.created_at, t.id) < (?")
          .append(p.size())
          .append(", ?")
          .append(p.size() + 1)
          .append(")");
    }
    return rows(
        "SELECT " + BookRow.COLUMNS + " FROM " + BookRow.FROM + " WHERE t.tenant_id = ?1" + sql,
        " ORDER BY t.created_at DESC, t.id DESC LIMIT " + size,
        p);
  }

  /**
   * Ranked full text over the book's title (weight A) and its story's text (B), as stories are
   * searched: the query in web-search syntax, read in each text search configuration in use among
   * the school's books and joined with OR, best first by {@code ts_rank_cd}.
   */
  private Page<BookView> search(
      String text,
      String where,
      List<Object> params,
      String cursor,
      int limit,
      Function<List<BookRow>, Function<BookRow, BookView>> viewer) {
    List<String> languages =
        tem.sql("SELECT DISTINCT language FROM books WHERE tenant_id = ?1").getResultList().stream()
            .map(String::valueOf)
            .toList();
    if (languages.isEmpty()) {
      return new Page<>(List.of(), null);
    }
    List<Object> p0 = new ArrayList<>(params);
    StringBuilder query = new StringBuilder();
    for (String language : languages) {
      if (!query.isEmpty()) {
        query.append(" || ");
      }
      p0.add(language);
      p0.add(text);
      query
          .append("websearch_to_tsquery(lectern_search_config(?")
          .append(p0.size())
          .append("), ?")
          .append(p0.size() + 1)
          .append(")");
    }
    String base =
        "SELECT "
            + BookRow.COLUMNS
            + ", ts_rank_cd(t.search_vector, q.q)::real AS rank FROM "
            + BookRow.FROM
            + ", (SELECT "
            + query
            + " AS q) q WHERE t.tenant_id = ?1 AND t.search_vector @@ q.q"
            + where;
    return KeysetScan.page(
        cursor,
        limit,
        c -> Cursors.decode(c, k -> new Object[] {k.floatValue(), k.uuid()}),
        (after, size) -> {
          List<Object> p = new ArrayList<>(p0);
          String outer = "SELECT * FROM (" + base + ") r";
          if (after != null) {
            p.add(after[0]);
            p.add(after[1]);
            outer +=
                " WHERE (r.rank, r.id) < (?" + p.size() + "::real, ?" + (p.size() + 1) + "::uuid)";
          }
          return rows(outer, " ORDER BY rank DESC, id DESC LIMIT " + size, p);
        },
        b -> new Object[] {b.rank(), b.id()},
        k -> Cursors.encode(k[0], k[1]),
        viewer);
  }

  private List<BookRow> rows(String select, String tail, List<Object> params) {
    Query q = tem.sql(select + tail);
    for (int i = 0; i < params.size(); i++) {
      q.setParameter(i + 2, params.get(i));
    }
    List<BookRow> out = new ArrayList<>();
    for (Object r : q.getResultList()) {
      out.add(BookRow.of((Object[]) r));
    }
    return out;
  }

  /**
   * Changes a book's catalogue fields (412 on a stale {@code If-Match}): for its writer, who may
   * edit its story, or a format reviewer ({@code publishing:review-format}, who chooses how it is
   * published); others who may read it get 403. A new title is indexed for search at once.
   */
  @Audited(action = AuditAction.UPDATE, entity = Book.RESOURCE)
  public BookView patch(@EntityId UUID id, BookPatch p, Long ifMatch) {
    visible(id);
    Book b = tem.get().find(Book.class, id);
    if (!b.createdBy().equals(me())
        && !content.mayUpdateStory(b.storyId())
        && !access.can(BookSubmission.RESOURCE, "review-format", Map.of())) {
      throw LecternException.forbidden(
          "A book's catalogue entry is its writer's, or a format reviewer's, to change.");
    }
    ETags.requireMatch(ifMatch, b.version());
    b.edit(p.title(), p.description(), p.isbn(), p.gradeLevel(), p.curriculum(), p.accessType());
    tem.get().flush();
    if (p.title() != null) {
      reindex(b.id(), b.storyId());
    }
    return row(b.id()).orElseThrow().view();
  }

  /** One book the caller may read (else 404): the book with its facts in one statement. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public BookView get(UUID id) {
    return visible(id).view();
  }

  /**
   * The caller's rating of a published book they may read and may rate ({@code book:rate}),
   * replacing their earlier one. The book's sum and count of ratings move in the statement that
   * upserts the rating, by the difference it makes, so concurrent raters never lose one another's
   * rating; two requests of the same user are taken one after the other.
   */
  public RatingView rate(UUID id, int rating) {
    access.requireSchoolMember("Books are rated by a school's own people.");
    BookRow b = visible(id);
    access.require(Book.RESOURCE, "rate", BookColumns.attributes(b));
    requirePublished(b);
    tem.sql(
            "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(CAST(?1 AS text)"
                + " || CAST(?2 AS text) || CAST(?3 AS text), 16)) l) x")
        .setParameter(2, id)
        .setParameter(3, me())
        .getResultList();
    @SuppressWarnings("unchecked")
    List<Object[]> after =
        tem.sql(
                "WITH prev AS (SELECT rating FROM book_ratings WHERE tenant_id = ?1"
                    + " AND book_id = ?2 AND user_id = ?3),"
                    + " up AS (INSERT INTO book_ratings (tenant_id, book_id, user_id, rating,"
                    + " rated_at) VALUES (?1, ?2, ?3, CAST(?4 AS smallint), now())"
                    + " ON CONFLICT (tenant_id, book_id, user_id)"
                    + " DO UPDATE SET rating = EXCLUDED.rating, rated_at = now() RETURNING 1)"
                    + " UPDATE books b SET rating_sum = b.rating_sum + CAST(?4 AS integer)"
                    + " - coalesce((SELECT rating FROM prev), 0),"
                    + " total_ratings = b.total_ratings"
                    + " + CASE WHEN EXISTS (SELECT 1 FROM prev) THEN 0 ELSE 1 END"
                    + " WHERE b.tenant_id = ?1 AND b.id = ?2 AND EXISTS (SELECT 1 FROM up)"
                    + " RETURNING b.rating_sum, b.total_ratings")
            .setParameter(2, id)
            .setParameter(3, me())
            .setParameter(4, rating)
            .getResultList();
    Object[] totals = after.get(0);
    int count = ((Number) totals[1]).intValue();
    return new RatingView(
        id, rating, BookRow.average(((Number) totals[0]).longValue(), count), count);
  }

  /** One more view of a book the caller may read: an atomic increment, whatever else runs. */
  public void countView(UUID id) {
    visible(id);
    tem.sql("UPDATE books SET view_count = view_count + 1 WHERE tenant_id = ?1 AND id = ?2")
        .setParameter(2, id)
        .executeUpdate();
  }

  /**
   * A learner read stories to the end for the first time: their published books were read once
   * more. One statement, in the reading report's transaction.
   */
  void onCompleted(@Observes StoriesCompleted completed) {
    tem.sql(
            "UPDATE books SET read_count = read_count + 1 WHERE tenant_id = ?1"
                + " AND story_id = ANY (CAST(?2 AS uuid[])) AND publishing_status = 'published'")
        .setParameter(2, org.lectern.platform.Ids.sqlArray(completed.storyIds()))
        .executeUpdate();
  }

  /**
   * Indexes the book's title with the text readers of its story get now: when the book is made and
   * at every move of its submission, so a published book is found by its published text.
   */
  void reindex(UUID bookId, UUID storyId) {
    tem.sql(
            "UPDATE books SET search_vector ="
                + " setweight(to_tsvector(lectern_search_config(language), title), 'A')"
                + " || setweight(to_tsvector(lectern_search_config(language),"
                + " coalesce(CAST(?3 AS text), '')), 'B') WHERE tenant_id = ?1 AND id = ?2")
        .setParameter(2, bookId)
        .setParameter(3, stories.readerText(storyId).orElse(""))
        .executeUpdate();
  }

  /** The book, if the caller may read it; else 404. One statement. */
  BookRow visible(UUID id) {
    BookRow b = row(id).orElseThrow(() -> LecternException.notFound(Book.RESOURCE));
    if (!reviewer() && !readable(b)) {
      throw LecternException.notFound(Book.RESOURCE);
    }
    return b;
  }

  private boolean readable(BookRow b) {
    return access.can(Book.RESOURCE, "read", BookColumns.attributes(b));
  }

  private java.util.Optional<BookRow> row(UUID id) {
    return rows(
            "SELECT "
                + BookRow.COLUMNS
                + " FROM "
                + BookRow.FROM
                + " WHERE t.tenant_id = ?1 AND t.id = ?2",
            "",
            List.of(id))
        .stream()
        .findFirst();
  }

  /**
   * Reviewers see every book and every submission of the school: who holds {@code publishing:read},
   * or the permission of any step but submitting, or may approve publications.
   */
  boolean reviewer() {
    return REVIEWING.stream().anyMatch(a -> access.can(BookSubmission.RESOURCE, a, Map.of()));
  }

  private static final List<String> REVIEWING =
      List.of(
          "read",
          Stage.REVIEW_STORY,
          Stage.REVIEW_FORMAT,
          Stage.REVIEW_CONTENT,
          Stage.PUBLISH,
          Stage.ARCHIVE,
          "approve");

  private static void requirePublished(BookRow b) {
    if (!"published".equals(b.publishingStatus())) {
      throw LecternException.conflict(
          "book.not-published",
          "Only published books are rated; this one is " + b.publishingStatus() + ".");
    }
  }

  private UUID me() {
    return context.caller().id();
  }
}
