package org.lectern.learning;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.lectern.access.AccessControl;
import org.lectern.audit.AuditAction;
import org.lectern.audit.Audited;
import org.lectern.classroom.ClassroomRosters;
import org.lectern.content.AssignableContent;
import org.lectern.context.RequestContext;
import org.lectern.identity.LearnerStats;
import org.lectern.learning.ReadingDtos.LessonProgressView;
import org.lectern.learning.ReadingDtos.ProgressView;
import org.lectern.learning.ReadingDtos.SessionView;
import org.lectern.platform.Cursors;
import org.lectern.platform.EntityId;
import org.lectern.platform.LecternException;
import org.lectern.platform.Page;
import org.lectern.platform.SqlValues;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Reading a learner's record: their progress per story, their sessions and their lesson progress;
 * and completing a lesson that has no story to read. A learner reads their own; a teacher reads the
 * record of a student in a classroom they teach; whoever holds {@code learning-record:read} (school
 * admins) reads anyone's in the school. Anyone else's record is a 404, as if it did not exist.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class LearnerRecords {

  @Inject TenantEntityManager tem;
  @Inject AccessControl access;
  @Inject ClassroomRosters rosters;
  @Inject LearnerStats learners;
  @Inject AssignableContent content;
  @Inject RequestContext context;

  /** A learner's progress per story, the most recently read first; or in one story. */
  public Page<ProgressView> progress(UUID userId, UUID storyId, String cursor, int limit) {
    UUID user = readable(userId);
    Object[] after =
        cursor == null ? null : Cursors.decode(cursor, k -> new Object[] {k.instant(), k.uuid()});
    Where w = new Where(user);
    if (storyId != null) {
      w.and("story_id = CAST(? AS uuid)", storyId.toString());
    }
    if (after != null) {
      w.and(
          "(last_read_at, story_id) < (CAST(? AS timestamptz), CAST(? AS uuid))",
          after[0].toString(),
          after[1].toString());
    }
    List<Object[]> rows =
        w.rows(
            "SELECT story_id, version_number, furthest_chunk, total_chunks, first_read_at,"
                + " last_read_at, completed_at, seconds_read, events FROM reading_progress",
            " ORDER BY last_read_at DESC, story_id DESC LIMIT " + (limit + 1));
    List<ProgressView> items = new ArrayList<>();
    for (Object[] r : rows.subList(0, Math.min(limit, rows.size()))) {
      items.add(ReadingRecord.view(user, r));
    }
    String next = null;
    if (rows.size() > limit) {
      ProgressView last = items.get(items.size() - 1);
      next = Cursors.encode(last.lastReadAt(), last.storyId());
    }
    return new Page<>(items, next);
  }

  /** A learner's sessions that started in [from, to), the earliest first. */
  public Page<SessionView> sessions(
      UUID userId, Instant from, Instant to, String cursor, int limit) {
    UUID user = readable(userId);
    if (from != null && to != null && !from.isBefore(to)) {
      throw LecternException.invalid("to", "must be after from");
    }
    Object[] after =
        cursor == null ? null : Cursors.decode(cursor, k -> new Object[] {k.instant(), k.uuid()});
    Where w = new Where(user);
    if (from != null) {
      w.and("started_at >= CAST(? AS timestamptz)", from.toString());
    }
    if (to != null) {
      w.and("started_at < CAST(? AS timestamptz)", to.toString());
    }
    if (after != null) {
      w.and(
          "(started_at, id) > (CAST(? AS timestamptz), CAST(? AS uuid))",
          after[0].toString(),
          after[1].toString());
    }
    List<Object[]> rows =
        w.rows(
            "SELECT id, started_at, ended_at, seconds_spent, interactions, events"
                + " FROM learning_sessions",
            " ORDER BY started_at, id LIMIT " + (limit + 1));
    List<SessionView> items = new ArrayList<>();
    for (Object[] r : rows.subList(0, Math.min(limit, rows.size()))) {
      items.add(
          new SessionView(
              (UUID) r[0],
              user,
              SqlValues.instant(r[1]),
              SqlValues.instant(r[2]),
              ((Number) r[3]).longValue(),
              ((Number) r[4]).longValue(),
              ((Number) r[5]).intValue()));
    }
    String next = null;
    if (rows.size() > limit) {
      SessionView last = items.get(items.size() - 1);
      next = Cursors.encode(last.startedAt(), last.id());
    }
    return new Page<>(items, next);
  }

  /**
   * A learner's lesson progress: one lesson (not_started when nothing is recorded), or every lesson
   * they started, optionally of one status, by lesson id.
   */
  public Page<LessonProgressView> lessons(
      UUID userId, UUID lessonId, String status, String cursor, int limit) {
    UUID user = readable(userId);
    UUID after = cursor == null ? null : Cursors.decode(cursor, k -> k.uuid());
    Where w = new Where(user);
    if (lessonId != null) {
      w.and("lesson_id = CAST(? AS uuid)", lessonId.toString());
    }
    if (status != null) {
      w.and("status = ?", status);
    }
    if (after != null) {
      w.and("lesson_id > CAST(? AS uuid)", after.toString());
    }
    List<Object[]> rows =
        w.rows(
            "SELECT lesson_id, status, started_at, completed_at, completed_by FROM user_progress",
            " ORDER BY lesson_id LIMIT " + (limit + 1));
    List<LessonProgressView> items = new ArrayList<>();
    for (Object[] r : rows.subList(0, Math.min(limit, rows.size()))) {
      items.add(lessonView(user, r));
    }
    if (lessonId != null && items.isEmpty() && (status == null || status.equals("not_started"))) {
      if (content.readableTitle("lesson", lessonId).isEmpty()) {
        throw LecternException.notFound("lesson");
      }
      items.add(new LessonProgressView(user, lessonId, "not_started", null, null, null));
    }
    String next =
        rows.size() > limit ? Cursors.encode(items.get(items.size() - 1).lessonId()) : null;
    return new Page<>(items, next);
  }

  /**
   * Completes a lesson the caller may read, for the caller, where reading cannot: a lesson with no
   * published story (a discussion, an activity). One with stories completes by reading them (409).
   * Completing again answers the completion there is.
   */
  @Transactional
  @Audited(action = AuditAction.UPDATE, entity = "lesson-progress")
  public LessonProgressView complete(@EntityId UUID lessonId) {
    access.requireSchoolMember("Lessons are completed by a school's users.");
    access.require(ReadingRecord.RESOURCE, "create");
    UUID me = context.caller().id();
    if (content.readableTitle("lesson", lessonId).isEmpty()) {
      throw LecternException.notFound("lesson");
    }
    if (!content.publishedStoriesOfLessons(List.of(lessonId)).get(lessonId).isEmpty()) {
      throw LecternException.conflict(
          "lesson.completes-by-reading",
          "This lesson has stories: it is completed by reading all of them to the end.");
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        tem.sql(
                "INSERT INTO user_progress (tenant_id, user_id, lesson_id, status, started_at,"
                    + " completed_at, completed_by, updated_at)"
                    + " VALUES (?1, CAST(?2 AS uuid), CAST(?3 AS uuid), 'completed', now(), now(),"
                    + " 'marked', now())"
                    + " ON CONFLICT (tenant_id, user_id, lesson_id) DO UPDATE SET"
                    + " status = 'completed',"
                    + " completed_at = coalesce(user_progress.completed_at, now()),"
                    + " completed_by = coalesce(user_progress.completed_by, 'marked'),"
                    + " updated_at = now()"
                    + " RETURNING lesson_id, status, started_at, completed_at, completed_by")
            .setParameter(2, me.toString())
            .setParameter(3, lessonId.toString())
            .getResultList();
    return lessonView(me, rows.get(0));
  }

  private static LessonProgressView lessonView(UUID user, Object[] r) {
    return new LessonProgressView(
        user,
        (UUID) r[0],
        (String) r[1],
        SqlValues.instant(r[2]),
        SqlValues.instant(r[3]),
        (String) r[4]);
  }

  /**
   * Whose record the caller may read: their own (absent means theirs), a student they teach, or
   * anyone in the school with {@code learning-record:read}; else 404.
   */
  UUID readable(UUID userId) {
    access.requireSchoolMember("Learning records belong to a school's users.");
    UUID me = context.caller().id();
    if (userId == null || userId.equals(me)) {
      access.require(ReadingRecord.RESOURCE, "read");
      return me;
    }
    if (access.can("learning-record", "read", java.util.Map.of())) {
      if (learners.zoneOf(userId).isEmpty()) {
        throw LecternException.notFound("user");
      }
      return userId;
    }
    if (rosters.teachesStudent(userId)) {
      return userId;
    }
    throw LecternException.notFound("user");
  }

  /**
   * The WHERE clause of a learner's rows: the tenant ({@code ?1}), the learner ({@code ?2}) and the
   * filters a request gave, each binding only the parameters it uses.
   */
  private final class Where {
    private final StringBuilder sql = new StringBuilder(" WHERE tenant_id = ?1 AND user_id = ?2");
    private final List<Object> params = new ArrayList<>();

    Where(UUID user) {
      params.add(user);
    }

    /** Adds a condition; each {@code ?} in it takes the next value. */
    void and(String condition, Object... values) {
      StringBuilder c = new StringBuilder();
      int v = 0;
      for (char ch : condition.toCharArray()) {
        c.append(ch);
        if (ch == '?') {
          params.add(values[v++]);
          c.append(params.size() + 1);
        }
      }
      sql.append(" AND ").append(c);
    }

    @SuppressWarnings("unchecked")
    List<Object[]> rows(String select, String tail) {
      jakarta.persistence.Query q = tem.sql(select + sql + tail);
      for (int i = 0; i < params.size(); i++) {
        q.setParameter(i + 2, params.get(i));
      }
      return q.getResultList();
    }
  }
}
