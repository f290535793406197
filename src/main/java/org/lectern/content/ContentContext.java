package org.lectern.content;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Where stories and lessons sit: what access rules need to know of a story's lesson and course, and
 * of a lesson's course, loaded for many at once so that a list costs one query per batch, not one
 * per row.
 */
@ApplicationScoped
public class ContentContext {

  /** A story's lesson and course, as far as reading it is concerned. */
  public record Place(
      UUID lessonId,
      Story.Status lessonStatus,
      boolean lessonDeleted,
      UUID courseId,
      Story.Status courseStatus,
      Course.Audience courseAudience,
      UUID courseCreatedBy,
      boolean courseDeleted) {

    /** A story in a deleted lesson or course is gone with it (until that is restored). */
    public boolean hidden() {
      return lessonDeleted || courseDeleted;
    }
  }

  private static final String MEMO = ContentContext.class.getName() + ".places";

  @Inject TenantEntityManager tem;

  @Resource TransactionSynchronizationRegistry transactions;

  @Inject ReadMemo readMemo;

  /**
   * The places a request read outside any transaction. Such a request only reads, so nothing it
   * does can change them; a transaction later in the same request keeps its own map.
   */
  @RequestScoped
  static class ReadMemo {
    private final Map<UUID, Object[]> places = new HashMap<>();

    Map<UUID, Object[]> places() {
      return places;
    }
  }

  /** The places of these lessons, by lesson id; absent lessons are left out. */
  public Map<UUID, Place> places(Collection<UUID> lessonIds) {
    List<UUID> ids = lessonIds.stream().filter(Objects::nonNull).distinct().toList();
    Map<UUID, Place> out = new HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    List<Object[]> rows =
        tem.get()
            .createQuery(
                "SELECT l.id, l.status, l.deletedAt, c.id, c.status, c.audience, c.createdBy,"
                    + " c.deletedAt FROM Lesson l, Course c"
                    + " WHERE c.id = l.courseId AND l.id IN :ids",
                Object[].class)
            .setParameter("ids", ids)
            .getResultList();
    for (Object[] r : rows) {
      out.put(
          (UUID) r[0],
          new Place(
              (UUID) r[0],
              (Story.Status) r[1],
              r[2] != null,
              (UUID) r[3],
              (Story.Status) r[4],
              (Course.Audience) r[5],
              (UUID) r[6],
              r[7] != null));
    }
    return out;
  }

  /**
   * The place of one lesson, or null. One request checks a story's rights several times (visible,
   * editable, the view), so the lesson and course are kept for the rest of the transaction: the
   * same managed instances, so the place always shows the transaction's own changes. ({@code find}
   * alone does not help: with the tenant in the primary key EclipseLink queries on every call.)
   */
  public Place place(UUID lessonId) {
    if (lessonId == null) {
      return null;
    }
    Map<UUID, Object[]> memo = memo();
    Object[] found = memo == null ? null : memo.get(lessonId);
    if (found == null) {
      Lesson lesson = tem.get().find(Lesson.class, lessonId);
      Course course = lesson == null ? null : tem.get().find(Course.class, lesson.courseId());
      found = new Object[] {lesson, course};
      if (memo != null) {
        memo.put(lessonId, found);
      }
    }
    Lesson lesson = (Lesson) found[0];
    Course course = (Course) found[1];
    if (course == null) {
      return null;
    }
    return new Place(
        lesson.id(),
        lesson.status(),
        lesson.isDeleted(),
        course.id(),
        course.status(),
        course.audience(),
        course.createdBy(),
        course.isDeleted());
  }

  /**
   * A map that lives as long as the current transaction; outside one (a read-only request runs
   * without), as long as the request; null outside both.
   */
  @SuppressWarnings("unchecked")
  private Map<UUID, Object[]> memo() {
    if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
      try {
        return readMemo.places();
      } catch (ContextNotActiveException noRequest) {
        return null;
      }
    }
    Map<UUID, Object[]> memo = (Map<UUID, Object[]>) transactions.getResource(MEMO);
    if (memo == null) {
      memo = new HashMap<>();
      transactions.putResource(MEMO, memo);
      forgetReads(); // the transaction may change what the request read before it
    }
    return memo;
  }

  private void forgetReads() {
    try {
      readMemo.places().clear();
    } catch (ContextNotActiveException noRequest) {
      // work outside a request has no read memo
    }
  }

  /** These courses by id, deleted ones included. */
  public Map<UUID, Course> courses(Collection<UUID> courseIds) {
    List<UUID> ids = courseIds.stream().filter(Objects::nonNull).distinct().toList();
    Map<UUID, Course> out = new HashMap<>();
    if (!ids.isEmpty()) {
      tem.get()
          .createQuery("SELECT c FROM Course c WHERE c.id IN :ids", Course.class)
          .setParameter("ids", ids)
          .getResultList()
          .forEach(c -> out.put(c.id(), c));
    }
    return out;
  }
}
