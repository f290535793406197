package org.lectern.content;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lectern.access.AccessControl;
import org.lectern.access.condition.SqlPredicate;
import org.lectern.approval.RequiresApproval;
import org.lectern.audit.AuditAction;
import org.lectern.audit.AuditNotes;
import org.lectern.audit.Audited;
import org.lectern.content.CourseDtos.LessonPatch;
import org.lectern.content.CourseDtos.LessonRequest;
import org.lectern.content.CourseDtos.LessonSummary;
import org.lectern.content.CourseDtos.LessonView;
import org.lectern.content.CourseDtos.UnitView;
import org.lectern.context.RequestContext;
import org.lectern.media.AudioOwnersPurged;
import org.lectern.platform.Cursor;
import org.lectern.platform.ETags;
import org.lectern.platform.EntityId;
import org.lectern.platform.LecternException;
import org.lectern.platform.Page;
import org.lectern.platform.TextArrayConverter;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Lessons: made in a unit, ordered within it, published (through approval where the school wants
 * it), read by who may read their course. Access rules see a lesson with its course's status,
 * audience and author.
 */
@ApplicationScoped
@Transactional
public class LessonService {

  static final String LESSON = CourseService.LESSON;

  /** Filters of the lesson list; null means any. */
  public record Filter(UUID courseId, UUID unitId, Story.Status status, String query) {}

  @Inject TenantEntityManager tem;
  @Inject AccessControl access;
  @Inject RequestContext current;
  @Inject AuditNotes notes;
  @Inject CourseService courses;
  @Inject ContentContext context;
  @Inject StoryQueries stories;
  @Inject Event<AudioOwnersPurged> purged;

  @Audited(action = AuditAction.CREATE, entity = LESSON)
  public LessonView create(UUID unitId, LessonRequest r) {
    access.requireSchoolMember(
        "Teaching material is made by a school's own people, not platform accounts.");
    Unit unit = courses.unit(unitId);
    Course course = courses.visible(unit.courseId());
    tem.get().lock(course, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    List<Lesson> siblings = lessonsOfUnit(unitId);
    int at = Ordering.insertionPoint(r.position(), siblings.size());
    Lesson lesson = new Lesson(unit, r.title(), at, current.caller().id());
    lesson.edit(null, r.description(), r.estimatedMinutes());
    access.require(LESSON, "create", lesson.attributes(course));
    if (r.prerequisites() != null) {
      lesson.prerequisites(checkedPrerequisites(lesson.id(), r.prerequisites()));
    }
    for (Lesson l : siblings) {
      if (l.position() >= at) {
        l.moveTo(unitId, l.position() + 1);
      }
    }
    tem.get().persist(lesson);
    course.touch();
    tem.get().flush();
    return LessonView.of(lesson, List.of());
  }

  /**
   * The lesson with the stories of it the caller may read. A read: no transaction of its own, so
   * its native queries run without BEGIN and COMMIT round trips (see {@link StoryQueries}).
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public LessonView get(UUID id) {
    Lesson lesson = visible(id);
    return LessonView.of(lesson, stories.summariesOfLesson(id));
  }

  /**
   * Newest first; {@code query} searches titles and descriptions (in the course's language) and
   * ranks by relevance instead.
   */
  public Page<LessonSummary> list(Filter f, String cursor, int limit) {
    if (f.query() != null) {
      return search(f, cursor, limit);
    }
    SqlPredicate visible = access.readFilter(LESSON, LessonColumns::column);
    if (!(visible instanceof SqlPredicate.Uncompilable)) {
      List<VisibleRows.Key> keys =
          VisibleRows.page(
              tem,
              LessonColumns.FROM,
              LessonColumns.WHERE,
              conditions(f),
              visible,
              cursor == null ? null : Cursor.decode(cursor),
              limit);
      return Page.of(keys, limit, VisibleRows.Key::cursor, this::summaries);
    }
    return KeysetScan.page(
        cursor,
        limit,
        Cursor::decode,
        (after, size) -> batch(f, after, size),
        l -> new Cursor(l.createdAt(), l.id()),
        Cursor::encode,
        this::readable);
  }

  /** List items of lessons the caller may read, in the keys' order. */
  private List<LessonSummary> summaries(List<VisibleRows.Key> keys) {
    return VisibleRows.load(tem, keys, Lesson.class, Lesson::id).stream()
        .map(LessonSummary::of)
        .toList();
  }

  @Audited(action = AuditAction.UPDATE, entity = LESSON)
  public LessonView patch(@EntityId UUID id, LessonPatch p, Long ifMatch) {
    Lesson lesson = visible(id);
    Course course = courses.visible(lesson.courseId());
    access.require(LESSON, "update", lesson.attributes(course));
    ETags.requireMatch(ifMatch, lesson.version());
    lesson.edit(p.title(), p.description(), p.estimatedMinutes());
    if (p.prerequisites() != null) {
      lesson.prerequisites(checkedPrerequisites(lesson.id(), p.prerequisites()));
    }
    if (p.unitId() != null || p.position() != null) {
      move(lesson, course, p.unitId() == null ? lesson.unitId() : p.unitId(), p.position());
    }
    if (p.status() != null && p.status() != lesson.status()) {
      if (p.status() == Story.Status.published) {
        throw LecternException.invalid(
            "status", "a lesson is published with POST /api/lessons/{id}/publish");
      }
      access.require(LESSON, "publish", lesson.attributes(course));
      lesson.withdraw(p.status());
    }
    tem.get().flush();
    return LessonView.of(lesson, stories.summariesOfLesson(id));
  }

  /**
   * Publishes the lesson for the course's students. Schools may put this under approval ({@code PUT
   * /api/approval-rules/lesson/publish}); by default the right to publish is enough. {@code
   * approvedBy} is whoever let it through: the publisher, or the approver.
   */
  @RequiresApproval(entity = LESSON, action = "publish")
  @Audited(action = AuditAction.PUBLISH, entity = LESSON)
  public LessonView publish(@EntityId UUID id) {
    Lesson lesson = visible(id);
    Course course = courses.visible(lesson.courseId());
    access.require(LESSON, "publish", lesson.attributes(course));
    lesson.publish(current.caller().id());
    tem.get().flush();
    return LessonView.of(lesson, stories.summariesOfLesson(id));
  }

  @Audited(action = AuditAction.DELETE, entity = LESSON)
  public void delete(@EntityId UUID id) {
    Lesson lesson = visible(id);
    Course course = courses.visible(lesson.courseId());
    access.require(LESSON, "delete", lesson.attributes(course));
    lesson.softDelete();
  }

  @Audited(action = AuditAction.RESTORE, entity = LESSON)
  public LessonView restore(@EntityId UUID id) {
    Lesson lesson = tem.get().find(Lesson.class, id);
    if (lesson == null || !lesson.isDeleted()) {
      throw LecternException.notFound(LESSON);
    }
    Course course = courseOf(lesson);
    access.requireVisible(LESSON, lesson.attributes(course));
    access.require(LESSON, "restore", lesson.attributes(course));
    lesson.restore();
    tem.get().flush();
    return LessonView.of(lesson, stories.summariesOfLesson(id));
  }

  /**
   * Hard delete, deleted or not. Refused while stories sit in the lesson; the lesson leaves every
   * other lesson's prerequisites, and its unit's order closes up.
   */
  @Audited(action = AuditAction.PURGE, entity = LESSON)
  public void purge(@EntityId UUID id) {
    Lesson lesson = tem.get().find(Lesson.class, id);
    if (lesson == null) {
      throw LecternException.notFound(LESSON);
    }
    Course course = courseOf(lesson);
    access.requireVisible(LESSON, lesson.attributes(course));
    access.require(LESSON, "purge", lesson.attributes(course));
    tem.get().lock(course, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    long inLesson =
        ((Number)
                tem.sql("SELECT count(*) FROM stories WHERE tenant_id = ?1 AND lesson_id = ?2")
                    .setParameter(2, id)
                    .getSingleResult())
            .longValue();
    if (inLesson > 0) {
      throw LecternException.conflict(
          "lesson.has-stories",
          inLesson + " stories are still in this lesson; move or purge them first.");
    }
    purged.fire(AudioOwnersPurged.lessons(List.of(id)));
    tem.sql(
            "UPDATE lessons SET prerequisites = array_remove(prerequisites, ?2::uuid),"
                + " updated_at = now(), version = version + 1"
                + " WHERE tenant_id = ?1 AND ?2::uuid = ANY (prerequisites)")
        .setParameter(2, id)
        .executeUpdate();
    UUID unitId = lesson.unitId();
    tem.get().remove(lesson);
    tem.get().flush();
    List<Lesson> rest = lessonsOfUnit(unitId);
    applyOrder(rest, unitId, rest.stream().map(Lesson::id).toList());
    course.touch();
  }

  /** One atomic reorder of a unit's lessons: every lesson of it once, in the new order. */
  @Audited(action = AuditAction.REORDER, entity = CourseService.UNIT)
  public UnitView reorder(@EntityId UUID unitId, List<UUID> ids) {
    Unit unit = courses.unit(unitId);
    Course course = courses.lockedForStructure(unit.courseId());
    List<Lesson> lessons = lessonsOfUnit(unitId);
    List<UUID> before = lessons.stream().map(Lesson::id).toList();
    List<UUID> order = Ordering.reorder(before, ids, "ids");
    applyOrder(lessons, unitId, order);
    course.touch();
    tem.get().flush();
    notes.values(Map.of("lessons", before), Map.of("lessons", order));
    Map<UUID, Lesson> byId = new HashMap<>();
    lessons.forEach(l -> byId.put(l.id(), l));
    return UnitView.of(
        unit,
        order.stream()
            .map(byId::get)
            .filter(l -> !l.isDeleted())
            .filter(l -> access.can(LESSON, "read", l.attributes(course)))
            .map(LessonSummary::of)
            .toList());
  }

  // ---- helpers

  /**
   * The lesson, if it and its course exist, are not deleted, and the caller may read it; else 404.
   */
  Lesson visible(UUID id) {
    Lesson lesson = tem.get().find(Lesson.class, id);
    if (lesson == null || lesson.isDeleted()) {
      throw LecternException.notFound(LESSON);
    }
    Course course = tem.get().find(Course.class, lesson.courseId());
    if (course == null || course.isDeleted()) {
      throw LecternException.notFound(LESSON);
    }
    access.requireVisible(LESSON, lesson.attributes(course));
    return lesson;
  }

  private Course courseOf(Lesson lesson) {
    Course course = tem.get().find(Course.class, lesson.courseId());
    if (course == null || course.isDeleted()) {
      throw LecternException.notFound(LESSON);
    }
    return course;
  }

  /**
   * Moves a lesson within its unit, or to the end (or a position) of another unit of its course.
   */
  private void move(Lesson lesson, Course course, UUID targetUnitId, Integer position) {
    tem.get().lock(course, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    access.require(CourseService.COURSE, "update", course.attributes());
    if (!targetUnitId.equals(lesson.unitId())) {
      Unit target = tem.get().find(Unit.class, targetUnitId);
      if (target == null || !target.courseId().equals(course.id())) {
        throw LecternException.invalid("unitId", "must be a unit of the lesson's course");
      }
      UUID from = lesson.unitId();
      List<Lesson> old = new ArrayList<>(lessonsOfUnit(from));
      old.remove(lesson);
      List<Lesson> into = new ArrayList<>(lessonsOfUnit(targetUnitId));
      int at = Ordering.insertionPoint(position, into.size());
      into.add(at - 1, lesson);
      applyOrder(old, from, old.stream().map(Lesson::id).toList());
      applyOrder(into, targetUnitId, into.stream().map(Lesson::id).toList());
    } else {
      List<Lesson> lessons = lessonsOfUnit(lesson.unitId());
      List<UUID> order =
          Ordering.move(lessons.stream().map(Lesson::id).toList(), lesson.id(), position);
      applyOrder(lessons, lesson.unitId(), order);
    }
    course.touch();
  }

  /** Every lesson of the unit, deleted ones included (they keep their place), in order. */
  private List<Lesson> lessonsOfUnit(UUID unitId) {
    return tem.get()
        .createQuery("SELECT l FROM Lesson l WHERE l.unitId = :u ORDER BY l.position", Lesson.class)
        .setParameter("u", unitId)
        .getResultList();
  }

  private static void applyOrder(List<Lesson> lessons, UUID unitId, List<UUID> order) {
    Map<UUID, Lesson> byId = new HashMap<>();
    lessons.forEach(l -> byId.put(l.id(), l));
    for (int i = 0; i < order.size(); i++) {
      byId.get(order.get(i)).moveTo(unitId, i + 1);
    }
  }

  /**
   * Prerequisites must be other lessons of this school and must not close a cycle (the
   * prerequisites of the whole school are read once: one query).
   */
  private List<UUID> checkedPrerequisites(UUID lessonId, List<UUID> requested) {
    List<UUID> wanted = new ArrayList<>(new LinkedHashSet<>(requested));
    if (wanted.contains(null)) {
      throw LecternException.invalid("prerequisites", "must be lesson ids");
    }
    if (wanted.contains(lessonId)) {
      throw LecternException.invalid("prerequisites", "a lesson cannot be its own prerequisite");
    }
    Map<UUID, List<UUID>> graph = new HashMap<>();
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        tem.sql(
                "SELECT id, prerequisites FROM lessons WHERE tenant_id = ?1"
                    + " AND (id = ANY (?2::uuid[]) OR cardinality(prerequisites) > 0)")
            .setParameter(2, new TextArrayConverter().convertToDatabaseColumn(ids(wanted)))
            .getResultList();
    for (Object[] r : rows) {
      graph.put(
          (UUID) r[0],
          new TextArrayConverter()
              .convertToEntityAttribute(r[1]).stream().map(UUID::fromString).toList());
    }
    List<UUID> unknown = wanted.stream().filter(w -> !graph.containsKey(w)).toList();
    if (!unknown.isEmpty()) {
      throw LecternException.invalid(
          "prerequisites", "names lessons this school does not have: " + unknown);
    }
    Prerequisites.cycle(graph, lessonId, wanted)
        .ifPresent(
            cycle -> {
              throw LecternException.conflict(
                  "lesson.prerequisite-cycle", "These prerequisites would make a cycle: " + cycle);
            });
    return wanted;
  }

  private static List<String> ids(List<UUID> ids) {
    return ids.stream().map(UUID::toString).toList();
  }

  private java.util.function.Function<Lesson, LessonSummary> readable(List<Lesson> rows) {
    Map<UUID, Course> byId = context.courses(rows.stream().map(Lesson::courseId).toList());
    return l -> {
      Course c = byId.get(l.courseId());
      return c != null && !c.isDeleted() && access.can(LESSON, "read", l.attributes(c))
          ? LessonSummary.of(l)
          : null;
    };
  }

  /** Up to {@code size} lessons after a position, for deciding row by row. */
  private List<Lesson> batch(Filter f, Cursor after, int size) {
    // A page query reads one row more than its limit.
    List<VisibleRows.Key> keys =
        VisibleRows.page(
            tem,
            "lessons t",
            "AND t.deleted_at IS NULL",
            conditions(f),
            SqlPredicate.TRUE,
            after,
            size - 1);
    return VisibleRows.load(tem, keys, Lesson.class, Lesson::id);
  }

  /** Ranked full-text search; see {@link Search}. */
  private Page<LessonSummary> search(Filter f, String cursor, int limit) {
    return Search.page(
        tem,
        "lessons",
        "SELECT DISTINCT c.language FROM courses c WHERE c.tenant_id = ?1 AND c.deleted_at IS NULL",
        f.query(),
        conditions(f),
        cursor,
        limit,
        ids -> {
          List<Lesson> rows =
              ids.isEmpty()
                  ? List.of()
                  : tem.get()
                      .createQuery("SELECT l FROM Lesson l WHERE l.id IN :ids", Lesson.class)
                      .setParameter("ids", ids)
                      .getResultList();
          Map<UUID, Lesson> byId = new HashMap<>();
          rows.forEach(l -> byId.put(l.id(), l));
          var view = readable(rows);
          return id -> byId.containsKey(id) ? view.apply(byId.get(id)) : null;
        });
  }

  private static Search.Conditions conditions(Filter f) {
    Search.Conditions c = new Search.Conditions();
    if (f.courseId() != null) {
      c.add("course_id = ?", f.courseId());
    }
    if (f.unitId() != null) {
      c.add("unit_id = ?", f.unitId());
    }
    if (f.status() != null) {
      c.add("status = ?", f.status().name());
    }
    return c;
  }
}
