package org.lectern.content;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lectern.access.AccessControl;
import org.lectern.access.condition.SqlPredicate;
import org.lectern.audit.AuditAction;
import org.lectern.audit.AuditNotes;
import org.lectern.audit.Audited;
import org.lectern.content.CourseDtos.CoursePatch;
import org.lectern.content.CourseDtos.CourseRequest;
import org.lectern.content.CourseDtos.CourseSummary;
import org.lectern.content.CourseDtos.CourseView;
import org.lectern.content.CourseDtos.EnrollmentView;
import org.lectern.content.CourseDtos.LessonSummary;
import org.lectern.content.CourseDtos.UnitPatch;
import org.lectern.content.CourseDtos.UnitRequest;
import org.lectern.content.CourseDtos.UnitView;
import org.lectern.context.RequestContext;
import org.lectern.identity.Accounts;
import org.lectern.identity.User;
import org.lectern.media.AudioOwnersPurged;
import org.lectern.platform.Cursor;
import org.lectern.platform.ETags;
import org.lectern.platform.EntityId;
import org.lectern.platform.LecternException;
import org.lectern.platform.Page;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Courses, their units and their students. Who may do what is decided by {@link AccessControl} with
 * the course's attributes: teachers build their own courses, students read the published courses
 * they are enrolled in or that are open to the whole school, admins do everything.
 *
 * <p>Changes to a course's structure (its units, and the lessons in them) lock the course row
 * first, so concurrent reorders and insertions queue up instead of colliding on positions.
 */
@ApplicationScoped
@Transactional
public class CourseService {

  static final String COURSE = "course";
  static final String UNIT = "unit";
  static final String LESSON = "lesson";

  /** Filters of the course list; null means any. */
  public record Filter(Story.Status status, Story.Difficulty difficulty, Course.Level level) {}

  @Inject TenantEntityManager tem;
  @Inject AccessControl access;
  @Inject RequestContext current;
  @Inject AuditNotes notes;
  @Inject CourseMemberships memberships;
  @Inject Accounts accounts;
  @Inject Event<AudioOwnersPurged> purged;

  @Audited(action = AuditAction.CREATE, entity = COURSE)
  public CourseView create(CourseRequest r) {
    requireSchoolPerson();
    Course course = new Course(r.title(), r.level(), r.difficulty(), current.caller().id());
    course.edit(null, r.description(), null, null, r.language(), r.audience());
    access.require(COURSE, "create", course.attributes());
    tem.get().persist(course);
    tem.get().flush();
    return CourseView.of(course, List.of());
  }

  /**
   * The course with its units and the lessons of each that the caller may read: three queries
   * however many units and lessons it has.
   */
  public CourseView get(UUID id) {
    return outline(visible(id));
  }

  public Page<CourseSummary> list(Filter filter, String cursor, int limit) {
    SqlPredicate visible = access.readFilter(COURSE, CourseColumns::column);
    if (!(visible instanceof SqlPredicate.Uncompilable)) {
      List<VisibleRows.Key> keys =
          VisibleRows.page(
              tem,
              "courses t",
              "AND t.deleted_at IS NULL",
              conditions(filter),
              visible,
              cursor == null ? null : Cursor.decode(cursor),
              limit);
      return Page.of(keys, limit, VisibleRows.Key::cursor, this::summaries);
    }
    return KeysetScan.page(
        cursor,
        limit,
        Cursor::decode,
        (after, size) -> batch(filter, after, size),
        c -> new Cursor(c.createdAt(), c.id()),
        Cursor::encode,
        rows -> c -> access.can(COURSE, "read", c.attributes()) ? CourseSummary.of(c) : null);
  }

  @Audited(action = AuditAction.UPDATE, entity = COURSE)
  public CourseView patch(@EntityId UUID id, CoursePatch p, Long ifMatch) {
    Course course = visible(id);
    access.require(COURSE, "update", course.attributes());
    ETags.requireMatch(ifMatch, course.version());
    String language = course.language();
    course.edit(p.title(), p.description(), p.level(), p.difficulty(), p.language(), p.audience());
    if (p.status() != null && p.status() != course.status()) {
      access.require(COURSE, "publish", course.attributes());
      course.changeStatus(p.status());
    }
    tem.get().flush();
    if (!language.equals(course.language())) {
      // Lessons are searched in their course's language: index them again.
      tem.sql("UPDATE lessons SET title = title WHERE tenant_id = ?1 AND course_id = ?2")
          .setParameter(2, id)
          .executeUpdate();
    }
    return outline(course);
  }

  /** Soft delete: the course, its units and lessons, and the stories in them vanish from reads. */
  @Audited(action = AuditAction.DELETE, entity = COURSE)
  public void delete(@EntityId UUID id) {
    Course course = visible(id);
    access.require(COURSE, "delete", course.attributes());
    course.softDelete();
  }

  @Audited(action = AuditAction.RESTORE, entity = COURSE)
  public CourseView restore(@EntityId UUID id) {
    Course course = tem.get().find(Course.class, id);
    if (course == null || !course.isDeleted()) {
      throw LecternException.notFound(COURSE);
    }
    access.requireVisible(COURSE, course.attributes());
    access.require(COURSE, "restore", course.attributes());
    course.restore();
    tem.get().flush();
    return outline(course);
  }

  /**
   * Hard delete, deleted or not: the course, its units, lessons, enrollments and their audio go for
   * good. Refused while stories still sit in its lessons (move or purge them first), so that no
   * story silently loses its place.
   */
  @Audited(action = AuditAction.PURGE, entity = COURSE)
  public void purge(@EntityId UUID id) {
    Course course = tem.get().find(Course.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (course == null) {
      throw LecternException.notFound(COURSE);
    }
    access.requireVisible(COURSE, course.attributes());
    access.require(COURSE, "purge", course.attributes());
    long stories =
        ((Number)
                tem.sql("SELECT count(*) FROM stories WHERE tenant_id = ?1 AND course_id = ?2")
                    .setParameter(2, id)
                    .getSingleResult())
            .longValue();
    if (stories > 0) {
      throw LecternException.conflict(
          "course.has-stories",
          stories + " stories are still in this course's lessons; move or purge them first.");
    }
    purged.fire(
        AudioOwnersPurged.lessons(
            tem.get()
                .createQuery("SELECT l.id FROM Lesson l WHERE l.courseId = :c", UUID.class)
                .setParameter("c", id)
                .getResultList()));
    tem.get().remove(course);
    tem.get().flush();
  }

  // ---- units

  @Audited(action = AuditAction.CREATE, entity = UNIT)
  public UnitView addUnit(UUID courseId, UnitRequest r) {
    Course course = lockedForStructure(courseId);
    List<Unit> units = units(courseId);
    int at = Ordering.insertionPoint(r.position(), units.size());
    Unit unit = new Unit(courseId, r.title(), at);
    for (Unit u : units) {
      if (u.position() >= at) {
        u.position(u.position() + 1);
      }
    }
    tem.get().persist(unit);
    course.touch();
    tem.get().flush();
    return UnitView.of(unit, List.of());
  }

  /** A unit with the lessons of it the caller may read. */
  public UnitView getUnit(UUID unitId) {
    Unit unit = unit(unitId);
    Course course = tem.get().find(Course.class, unit.courseId());
    return UnitView.of(unit, lessonsOf(course, List.of(unit)).getOrDefault(unit.id(), List.of()));
  }

  /** One student's enrollment, for who may enrol. */
  public EnrollmentView getEnrollment(UUID courseId, UUID userId) {
    Course course = visible(courseId);
    access.require(COURSE, "enroll", course.attributes());
    return enrollment(courseId, userId);
  }

  /** Renames a unit, or moves it to another position in its course. */
  @Audited(action = AuditAction.UPDATE, entity = UNIT)
  public UnitView patchUnit(@EntityId UUID unitId, UnitPatch p, Long ifMatch) {
    Unit unit = unit(unitId);
    Course course = lockedForStructure(unit.courseId());
    ETags.requireMatch(ifMatch, unit.version());
    if (p.title() != null) {
      unit.rename(p.title());
    }
    if (p.position() != null) {
      List<Unit> units = units(course.id());
      List<UUID> order =
          Ordering.move(units.stream().map(Unit::id).toList(), unit.id(), p.position());
      applyUnitOrder(units, order);
    }
    course.touch();
    tem.get().flush();
    return UnitView.of(unit, lessonsOf(course, List.of(unit)).getOrDefault(unit.id(), List.of()));
  }

  /** A unit goes only when empty (deleted lessons included: purge or move them first). */
  @Audited(action = AuditAction.DELETE, entity = UNIT)
  public void deleteUnit(@EntityId UUID unitId) {
    Unit unit = unit(unitId);
    Course course = lockedForStructure(unit.courseId());
    long lessons =
        tem.get()
            .createQuery("SELECT count(l) FROM Lesson l WHERE l.unitId = :u", Long.class)
            .setParameter("u", unitId)
            .getSingleResult();
    if (lessons > 0) {
      throw LecternException.conflict(
          "unit.not-empty",
          "This unit still holds "
              + lessons
              + " lessons (deleted ones included); move or purge them first.");
    }
    tem.get().remove(unit);
    List<Unit> rest = new ArrayList<>(units(course.id()));
    rest.remove(unit);
    applyUnitOrder(rest, rest.stream().map(Unit::id).toList());
    course.touch();
  }

  /** One atomic reorder: {@code ids} names every unit of the course once, in the new order. */
  @Audited(action = AuditAction.REORDER, entity = COURSE)
  public CourseView reorderUnits(@EntityId UUID courseId, List<UUID> ids) {
    Course course = lockedForStructure(courseId);
    List<Unit> units = units(courseId);
    List<UUID> before = units.stream().map(Unit::id).toList();
    List<UUID> order = Ordering.reorder(before, ids, "ids");
    applyUnitOrder(units, order);
    course.touch();
    tem.get().flush();
    notes.values(Map.of("units", before), Map.of("units", order));
    return outline(course);
  }

  // ---- enrollments

  /** Enrols a user of the school; enrolling someone already in the course changes nothing. */
  @Audited(action = AuditAction.ENROLL, entity = COURSE)
  public EnrollmentView enroll(@EntityId UUID courseId, UUID userId) {
    Course course = visible(courseId);
    access.require(COURSE, "enroll", course.attributes());
    if (!accounts.isActiveUser(userId)) {
      throw LecternException.invalid("userId", "is not an active user of this school");
    }
    int added =
        tem.sql(
                "INSERT INTO course_enrollments (tenant_id, course_id, user_id, enrolled_by)"
                    + " VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING")
            .setParameter(2, courseId)
            .setParameter(3, userId)
            .setParameter(4, current.caller().id())
            .executeUpdate();
    memberships.forget();
    notes.values(null, added == 1 ? Map.of("enrolled", userId.toString()) : null);
    return enrollment(courseId, userId);
  }

  @Audited(action = AuditAction.UNENROLL, entity = COURSE)
  public void unenroll(@EntityId UUID courseId, UUID userId) {
    Course course = visible(courseId);
    access.require(COURSE, "enroll", course.attributes());
    int removed =
        tem.sql(
                "DELETE FROM course_enrollments WHERE tenant_id = ?1 AND course_id = ?2 AND user_id = ?3")
            .setParameter(2, courseId)
            .setParameter(3, userId)
            .executeUpdate();
    if (removed == 0) {
      throw LecternException.notFound("enrollment");
    }
    memberships.forget();
    notes.values(Map.of("enrolled", userId.toString()), null);
  }

  /** The course's students, by enrollment time; for who may enrol them. */
  public Page<EnrollmentView> enrollments(UUID courseId, String cursor, int limit) {
    Course course = visible(courseId);
    access.require(COURSE, "enroll", course.attributes());
    Cursor after = cursor == null ? null : Cursor.decode(cursor);
    String sql =
        "SELECT e.user_id, e.enrolled_by, e.created_at FROM course_enrollments e"
            + " WHERE e.tenant_id = ?1 AND e.course_id = ?2"
            + (after == null ? "" : " AND (e.created_at, e.user_id) > (?3, ?4)")
            + " ORDER BY e.created_at, e.user_id LIMIT "
            + (limit + 1);
    var q = tem.sql(sql).setParameter(2, courseId);
    if (after != null) {
      q.setParameter(3, Timestamp.from(after.createdAt())).setParameter(4, after.id());
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = q.getResultList();
    return Page.of(
        rows,
        limit,
        r -> new Cursor(instant(r[2]), (UUID) r[0]),
        page -> enrollmentViews(courseId, page));
  }

  // ---- helpers shared with LessonService

  /** The course, if it exists, is not deleted, and the caller may read it; else 404. */
  Course visible(UUID id) {
    Course course = tem.get().find(Course.class, id);
    if (course == null || course.isDeleted()) {
      throw LecternException.notFound(COURSE);
    }
    access.requireVisible(COURSE, course.attributes());
    return course;
  }

  /**
   * The course, locked until the transaction ends, for a change of its structure: needs the right
   * to edit it.
   */
  Course lockedForStructure(UUID id) {
    Course course = visible(id);
    tem.get().lock(course, LockModeType.PESSIMISTIC_WRITE);
    access.require(COURSE, "update", course.attributes());
    return course;
  }

  /** The unit, if its course is visible; else 404. */
  Unit unit(UUID unitId) {
    Unit unit = tem.get().find(Unit.class, unitId);
    if (unit == null) {
      throw LecternException.notFound(UNIT);
    }
    try {
      visible(unit.courseId());
    } catch (LecternException e) {
      throw LecternException.notFound(UNIT);
    }
    return unit;
  }

  List<Unit> units(UUID courseId) {
    return tem.get()
        .createQuery("SELECT u FROM Unit u WHERE u.courseId = :c ORDER BY u.position", Unit.class)
        .setParameter("c", courseId)
        .getResultList();
  }

  private static void applyUnitOrder(List<Unit> units, List<UUID> order) {
    Map<UUID, Unit> byId = new HashMap<>();
    units.forEach(u -> byId.put(u.id(), u));
    for (int i = 0; i < order.size(); i++) {
      byId.get(order.get(i)).position(i + 1);
    }
  }

  private CourseView outline(Course course) {
    List<Unit> units = units(course.id());
    Map<UUID, List<LessonSummary>> lessons = lessonsOf(course, units);
    return CourseView.of(
        course,
        units.stream().map(u -> UnitView.of(u, lessons.getOrDefault(u.id(), List.of()))).toList());
  }

  /** The readable lessons of these units, by unit, in order: one query. */
  private Map<UUID, List<LessonSummary>> lessonsOf(Course course, List<Unit> units) {
    Map<UUID, List<LessonSummary>> byUnit = new LinkedHashMap<>();
    if (units.isEmpty()) {
      return byUnit;
    }
    List<Lesson> lessons =
        tem.get()
            .createQuery(
                "SELECT l FROM Lesson l WHERE l.courseId = :c AND l.deletedAt IS NULL"
                    + " ORDER BY l.unitId, l.position",
                Lesson.class)
            .setParameter("c", course.id())
            .getResultList();
    for (Lesson l : lessons) {
      if (access.can(LESSON, "read", l.attributes(course))) {
        byUnit.computeIfAbsent(l.unitId(), k -> new ArrayList<>()).add(LessonSummary.of(l));
      }
    }
    return byUnit;
  }

  private List<CourseSummary> summaries(List<VisibleRows.Key> keys) {
    return VisibleRows.load(tem, keys, Course.class, Course::id).stream()
        .map(CourseSummary::of)
        .toList();
  }

  private static Search.Conditions conditions(Filter f) {
    Search.Conditions c = new Search.Conditions();
    if (f.status() != null) {
      c.add("status = ?", f.status().name());
    }
    if (f.difficulty() != null) {
      c.add("difficulty = ?", f.difficulty().name());
    }
    if (f.level() != null) {
      c.add("level = ?", f.level().name());
    }
    return c;
  }

  /** Up to {@code size} courses after a position, for deciding row by row. */
  private List<Course> batch(Filter f, Cursor after, int size) {
    // A page query reads one row more than its limit.
    List<VisibleRows.Key> keys =
        VisibleRows.page(
            tem,
            "courses t",
            "AND t.deleted_at IS NULL",
            conditions(f),
            SqlPredicate.TRUE,
            after,
            size - 1);
    return VisibleRows.load(tem, keys, Course.class, Course::id);
  }

  private EnrollmentView enrollment(UUID courseId, UUID userId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        tem.sql(
                "SELECT e.user_id, e.enrolled_by, e.created_at FROM course_enrollments e"
                    + " WHERE e.tenant_id = ?1 AND e.course_id = ?2 AND e.user_id = ?3")
            .setParameter(2, courseId)
            .setParameter(3, userId)
            .getResultList();
    if (rows.isEmpty()) {
      throw LecternException.notFound("enrollment");
    }
    return enrollmentViews(courseId, rows).get(0);
  }

  /**
   * Enrollment rows (user, enrolled by, when) as views, with the students' email and name from
   * identity: one query for the whole page.
   */
  private List<EnrollmentView> enrollmentViews(UUID courseId, List<Object[]> rows) {
    Map<UUID, User> users = accounts.users(rows.stream().map(r -> (UUID) r[0]).toList());
    return rows.stream()
        .map(
            r -> {
              User u = users.get((UUID) r[0]);
              return new EnrollmentView(
                  courseId,
                  (UUID) r[0],
                  u == null ? null : u.email(),
                  u == null ? null : u.displayName(),
                  (UUID) r[1],
                  instant(r[2]));
            })
        .toList();
  }

  private static Instant instant(Object value) {
    if (value instanceof Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof java.time.OffsetDateTime o) {
      return o.toInstant();
    }
    return (Instant) value;
  }

  private void requireSchoolPerson() {
    access.requireSchoolMember(
        "Teaching material is made by a school's own people, not platform accounts.");
  }
}
