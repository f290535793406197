package org.lectern.classroom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.lectern.access.AccessControl;
import org.lectern.access.condition.SqlColumn;
import org.lectern.access.condition.SqlPredicate;
import org.lectern.audit.AuditAction;
import org.lectern.audit.AuditNotes;
import org.lectern.audit.Audited;
import org.lectern.classroom.ClassroomDtos.ClassroomPatch;
import org.lectern.classroom.ClassroomDtos.ClassroomRequest;
import org.lectern.classroom.ClassroomDtos.ClassroomView;
import org.lectern.classroom.ClassroomDtos.Overview;
import org.lectern.classroom.ClassroomDtos.OverviewAssignment;
import org.lectern.classroom.ClassroomDtos.OverviewCell;
import org.lectern.classroom.ClassroomDtos.OverviewRow;
import org.lectern.classroom.ClassroomDtos.StudentView;
import org.lectern.context.RequestContext;
import org.lectern.identity.Accounts;
import org.lectern.identity.User;
import org.lectern.platform.ETags;
import org.lectern.platform.EntityId;
import org.lectern.platform.Ids;
import org.lectern.platform.LecternException;
import org.lectern.platform.Page;
import org.lectern.platform.TextArrayConverter;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Classrooms, their teachers, codes and students. Who may do what is decided by {@link
 * AccessControl} with the classroom's attributes and the caller's {@code user.teaching} and {@code
 * user.classrooms}: admins run every classroom of the school, teachers (creator and co-teachers
 * alike) their own, students see the active ones they belong to.
 *
 * <p>Class codes are unique among the school's active classrooms by a unique index, not by luck: a
 * new classroom's row is inserted with {@code ON CONFLICT DO NOTHING} on that index and tried again
 * with a new code when it met an existing one; a changed code is written only where no active
 * classroom holds it, and tried again otherwise.
 */
@ApplicationScoped
@Transactional
public class ClassroomService {

  static final String CLASSROOM = Classroom.RESOURCE;

  /** Tries of a random code before giving up: with six of 31 characters, more than enough. */
  static final int CODE_ATTEMPTS = 25;

  /** The overview shows at most this many published assignments, those due last. */
  static final int OVERVIEW_ASSIGNMENTS = 50;

  private static final TextArrayConverter TEXT_ARRAY = new TextArrayConverter();

  /** Filters of the classroom list; null means any. */
  public record Filter(Boolean archived) {}

  @Inject TenantEntityManager tem;
  @Inject AccessControl access;
  @Inject RequestContext current;
  @Inject AuditNotes notes;
  @Inject ClassroomMemberships memberships;
  @Inject Classrooms classrooms;
  @Inject Accounts accounts;
  @Inject ClassCodes codes;
  @Inject JoinThrottle throttle;

  @Audited(action = AuditAction.CREATE, entity = CLASSROOM)
  public ClassroomView create(ClassroomRequest r) {
    requireSchoolPerson();
    access.require(CLASSROOM, "create");
    UUID id = Ids.newId();
    UUID teacher = current.caller().id();
    insert(id, r, teacher, null);
    tem.sql(
            "INSERT INTO classroom_teachers (tenant_id, classroom_id, teacher_id, added_by)"
                + " VALUES (?1, ?2, ?3, ?3)")
        .setParameter(2, id)
        .setParameter(3, teacher)
        .executeUpdate();
    memberships.forget();
    return view(tem.get().find(Classroom.class, id), List.of(teacher));
  }

  /**
   * Inserts a classroom with a free class code ({@code wanted}, or random ones until one is free)
   * and answers the code. The unique index decides what is free, also against concurrent inserts.
   */
  String insert(UUID id, ClassroomRequest r, UUID createdBy, String wanted) {
    for (int attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
      String code = wanted != null ? wanted : codes.next();
      int inserted =
          tem.sql(
                  "INSERT INTO classrooms (tenant_id, id, name, subject, grade_level, term,"
                      + " description, class_code, created_by)"
                      + " VALUES (?1, ?2, ?3, CAST(?4 AS varchar), CAST(?5 AS varchar),"
                      + " CAST(?6 AS varchar), CAST(?7 AS text), ?8, ?9)"
                      + " ON CONFLICT (tenant_id, class_code)"
                      + " WHERE archived_at IS NULL AND deleted_at IS NULL DO NOTHING")
              .setParameter(2, id)
              .setParameter(3, r.name().strip())
              .setParameter(4, text(r.subject()))
              .setParameter(5, text(r.gradeLevel()))
              .setParameter(6, text(r.term()))
              .setParameter(7, text(r.description()))
              .setParameter(8, code)
              .setParameter(9, createdBy)
              .executeUpdate();
      if (inserted == 1) {
        return code;
      }
      if (wanted != null) {
        throw codeTaken();
      }
    }
    throw exhausted();
  }

  /** Newest first: the classrooms the caller may see, filtered in SQL. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<ClassroomView> list(Filter f, String cursor, int limit) {
    SqlPredicate visible = access.readFilter(CLASSROOM, ClassroomService::column);
    boolean compiled = !(visible instanceof SqlPredicate.Uncompilable);
    Keyset.Rows rows =
        Keyset.rows(
            tem,
            () -> {
              Keyset.Query q =
                  new Keyset.Query(
                      "SELECT t.id, t.created_at, t.name, t.subject, t.grade_level, t.term,"
                          + " t.description, t.archived_at, t.class_code, t.created_by,"
                          + " t.updated_at, t.version, (SELECT coalesce(array_agg("
                          + "ct.teacher_id::text ORDER BY ct.created_at, ct.teacher_id), '{}')"
                          + " FROM classroom_teachers ct WHERE ct.tenant_id = t.tenant_id"
                          + " AND ct.classroom_id = t.id)"
                          + " FROM classrooms t WHERE t.tenant_id = ?1 AND t.deleted_at IS NULL");
              if (f.archived() != null) {
                q.and(f.archived() ? "t.archived_at IS NOT NULL" : "t.archived_at IS NULL");
              }
              return compiled ? q.and(visible) : q;
            },
            compiled,
            r -> access.can(CLASSROOM, "read", attributes(r)),
            cursor,
            limit,
            true);
    return Keyset.page(rows, limit, page -> page.stream().map(this::view).toList());
  }

  /** Where the classroom list finds each attribute of {@link Classroom#attributes}. */
  static Optional<SqlColumn> column(String attribute) {
    return switch (attribute) {
      case "id" -> Optional.of(SqlColumn.required("t.id", SqlColumn.Kind.UUID));
      case "createdBy" -> Optional.of(SqlColumn.required("t.created_by", SqlColumn.Kind.UUID));
      case "archived" ->
          Optional.of(SqlColumn.required("(t.archived_at IS NOT NULL)", SqlColumn.Kind.BOOLEAN));
      default -> Optional.empty();
    };
  }

  private static Map<String, Object> attributes(Object[] r) {
    return Classroom.attributes((UUID) r[0], r[7] != null, (UUID) r[9]);
  }

  private ClassroomView view(Object[] r) {
    boolean manages = access.can(CLASSROOM, "manage", attributes(r));
    return new ClassroomView(
        (UUID) r[0],
        (String) r[2],
        (String) r[3],
        (String) r[4],
        (String) r[5],
        (String) r[6],
        r[7] != null,
        manages ? (String) r[8] : null,
        TEXT_ARRAY.convertToEntityAttribute(r[12]).stream().map(UUID::fromString).toList(),
        (UUID) r[9],
        Keyset.instant(r[1]),
        Keyset.instant(r[10]),
        ((Number) r[11]).longValue());
  }

  /** One classroom: two statements (the row, its teachers). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public ClassroomView get(UUID id) {
    Classroom c = classrooms.visible(id);
    return view(c, classrooms.teachers(id));
  }

  /** Edits, archives ({@code archived: true}) or brings back ({@code false}) a classroom. */
  @Audited(action = AuditAction.UPDATE, entity = CLASSROOM)
  public ClassroomView patch(@EntityId UUID id, ClassroomPatch p, Long ifMatch) {
    Classroom c = classrooms.visible(id);
    access.require(CLASSROOM, "update", c.attributes());
    ETags.requireMatch(ifMatch, c.version());
    c.edit(p.name(), p.subject(), p.gradeLevel(), p.term(), p.description());
    if (Boolean.TRUE.equals(p.archived())) {
      c.archive();
    }
    tem.get().flush();
    if (Boolean.FALSE.equals(p.archived()) && c.isArchived()) {
      // Its old code may have gone to another classroom meanwhile: then it gets a new one.
      recode(c, c.classCode());
    }
    memberships.forget();
    return view(c, classrooms.teachers(id));
  }

  /** Soft delete: the classroom, its assignments and its code are gone for everyone. */
  @Audited(action = AuditAction.DELETE, entity = CLASSROOM)
  public void delete(@EntityId UUID id) {
    Classroom c = classrooms.visible(id);
    access.require(CLASSROOM, "delete", c.attributes());
    c.softDelete();
    memberships.forget();
  }

  /** A new class code; the old one stops working at once. */
  @Audited(action = AuditAction.CHANGE_CODE, entity = CLASSROOM)
  public ClassroomView changeCode(@EntityId UUID id) {
    Classroom c = classrooms.visible(id);
    access.require(CLASSROOM, "manage", c.attributes());
    Classrooms.requireActive(c);
    recode(c, null);
    return view(c, classrooms.teachers(id));
  }

  /**
   * Gives the classroom an active code: {@code preferred} if it is free, else a new random one
   * (never the one it has), and makes it active. Written only where no other active classroom of
   * the school holds the code; a code taken meanwhile is caught by the unique index (409).
   */
  private void recode(Classroom c, String preferred) {
    for (int attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
      String code = attempt == 0 && preferred != null ? preferred : codes.next();
      if (preferred == null && code.equals(c.classCode())) {
        continue;
      }
      int updated =
          tem.sql(
                  "UPDATE classrooms SET class_code = ?3, archived_at = NULL, updated_at = now(),"
                      + " version = version + 1 WHERE tenant_id = ?1 AND id = ?2"
                      + " AND NOT EXISTS (SELECT 1 FROM classrooms o WHERE o.tenant_id = ?1"
                      + " AND o.class_code = ?3 AND o.archived_at IS NULL"
                      + " AND o.deleted_at IS NULL AND o.id <> ?2)")
              .setParameter(2, c.id())
              .setParameter(3, code)
              .executeUpdate();
      if (updated == 1) {
        tem.get().refresh(c);
        return;
      }
    }
    throw exhausted();
  }

  /** Replaces the classroom's teachers: teachers or admins of the school, at least one. */
  @Audited(action = AuditAction.UPDATE, entity = CLASSROOM)
  public ClassroomView setTeachers(@EntityId UUID id, List<UUID> userIds) {
    Classroom c = classrooms.visible(id);
    access.require(CLASSROOM, "manage", c.attributes());
    List<UUID> ids = List.copyOf(new LinkedHashSet<>(userIds));
    Map<UUID, User> users = accounts.users(ids);
    for (int i = 0; i < userIds.size(); i++) {
      UUID u = userIds.get(i);
      User user = users.get(u);
      if (user == null
          || !user.isActive()
          || !(access.hasRole(u, "teacher") || access.hasRole(u, "admin"))) {
        throw LecternException.invalid(
            "userIds[" + i + "]", "is not an active teacher or admin of this school");
      }
    }
    List<UUID> before = classrooms.teachers(id);
    String array = Ids.sqlArray(ids);
    tem.sql(
            "DELETE FROM classroom_teachers WHERE tenant_id = ?1 AND classroom_id = ?2"
                + " AND NOT (teacher_id = ANY (CAST(?3 AS uuid[])))")
        .setParameter(2, id)
        .setParameter(3, array)
        .executeUpdate();
    tem.sql(
            "INSERT INTO classroom_teachers (tenant_id, classroom_id, teacher_id, added_by)"
                + " SELECT ?1, ?2, x, ?4 FROM unnest(CAST(?3 AS uuid[])) AS x"
                + " ON CONFLICT DO NOTHING")
        .setParameter(2, id)
        .setParameter(3, array)
        .setParameter(4, current.caller().id())
        .executeUpdate();
    memberships.forget();
    List<UUID> after = classrooms.teachers(id);
    notes.values(
        Map.of("teachers", before.stream().map(UUID::toString).toList()),
        Map.of("teachers", after.stream().map(UUID::toString).toList()));
    return view(c, after);
  }

  // ---- students

  /**
   * A student joins with a class code of an active classroom of their own school. A wrong code, or
   * one of another school, is 404 alike and counts against the caller ({@link JoinThrottle});
   * joining a classroom one is already in changes nothing.
   */
  @Audited(action = AuditAction.JOIN, entity = CLASSROOM)
  public ClassroomView join(String typed) {
    requireSchoolPerson();
    JoinThrottle.Attempt attempt = throttle.checkAllowed();
    Optional<UUID> found = ClassCodes.normalize(typed).flatMap(this::activeByCode);
    if (found.isEmpty()) {
      throttle.failed(attempt);
      throw LecternException.notFound(CLASSROOM);
    }
    Classroom c = tem.get().find(Classroom.class, found.get());
    access.require(CLASSROOM, "join", c.attributes());
    boolean added = enroll(c, current.caller().id(), "code");
    notes.values(null, added ? Map.of("student", current.caller().id().toString()) : null);
    return view(c, classrooms.teachers(c.id()));
  }

  private Optional<UUID> activeByCode(String code) {
    @SuppressWarnings("unchecked")
    List<Object> ids =
        tem.sql(
                "SELECT id FROM classrooms WHERE tenant_id = ?1 AND class_code = ?2"
                    + " AND archived_at IS NULL AND deleted_at IS NULL")
            .setParameter(2, code)
            .getResultList();
    return ids.stream().map(x -> (UUID) x).findFirst();
  }

  /** A teacher or admin adds a student of the school; adding one already in changes nothing. */
  @Audited(action = AuditAction.ENROLL, entity = CLASSROOM)
  public StudentView addStudent(@EntityId UUID id, UUID userId) {
    Classroom c = classrooms.visible(id);
    access.require(CLASSROOM, "manage", c.attributes());
    if (!accounts.isActiveUser(userId) || !access.hasRole(userId, "student")) {
      throw LecternException.invalid("userId", "is not an active student of this school");
    }
    boolean added = enroll(c, userId, "teacher");
    notes.values(null, added ? Map.of("student", userId.toString()) : null);
    return student(id, userId);
  }

  /**
   * Enrols a student in an active classroom, with a submission for each of its published
   * whole-class assignments; answers whether they were not in it yet.
   */
  boolean enroll(Classroom c, UUID studentId, String via) {
    Classrooms.requireActive(c);
    int added =
        tem.sql(
                "INSERT INTO classroom_enrollments (tenant_id, classroom_id, student_id,"
                    + " enrolled_by, joined_via) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING")
            .setParameter(2, c.id())
            .setParameter(3, studentId)
            .setParameter(4, current.caller().id())
            .setParameter(5, via)
            .executeUpdate();
    if (added == 1) {
      tem.sql(
              "INSERT INTO submissions (tenant_id, id, assignment_id, classroom_id, student_id)"
                  + " SELECT a.tenant_id, gen_random_uuid(), a.id, a.classroom_id, ?3"
                  + " FROM assignments a WHERE a.tenant_id = ?1 AND a.classroom_id = ?2"
                  + " AND a.status = 'published' AND a.audience = 'class'"
                  + " AND a.deleted_at IS NULL ON CONFLICT DO NOTHING")
          .setParameter(2, c.id())
          .setParameter(3, studentId)
          .executeUpdate();
      memberships.forget();
    }
    return added == 1;
  }

  /** Takes a student out; their submissions stay, for the record, but they no longer see them. */
  @Audited(action = AuditAction.UNENROLL, entity = CLASSROOM)
  public void removeStudent(@EntityId UUID id, UUID userId) {
    Classroom c = classrooms.visible(id);
    access.require(CLASSROOM, "manage", c.attributes());
    int removed =
        tem.sql(
                "DELETE FROM classroom_enrollments WHERE tenant_id = ?1 AND classroom_id = ?2"
                    + " AND student_id = ?3")
            .setParameter(2, id)
            .setParameter(3, userId)
            .executeUpdate();
    if (removed == 0) {
      throw LecternException.notFound("enrollment");
    }
    memberships.forget();
    notes.values(Map.of("student", userId.toString()), null);
  }

  /** The classroom's students by when they joined: for who manages it. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<StudentView> students(UUID id, String cursor, int limit) {
    Classroom c = classrooms.visible(id);
    access.require(CLASSROOM, "manage", c.attributes());
    Keyset.Rows rows =
        Keyset.rows(
            tem,
            () ->
                new Keyset.Query(
                        "SELECT t.student_id, t.created_at, t.enrolled_by, t.joined_via"
                            + " FROM classroom_enrollments t WHERE t.tenant_id = ?1",
                        "t.student_id")
                    .and("t.classroom_id = ?", id),
            true,
            r -> true,
            cursor,
            limit,
            false);
    return Keyset.page(rows, limit, page -> studentViews(id, page));
  }

  private StudentView student(UUID classroomId, UUID userId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        tem.sql(
                "SELECT t.student_id, t.created_at, t.enrolled_by, t.joined_via"
                    + " FROM classroom_enrollments t WHERE t.tenant_id = ?1"
                    + " AND t.classroom_id = ?2 AND t.student_id = ?3")
            .setParameter(2, classroomId)
            .setParameter(3, userId)
            .getResultList();
    return studentViews(classroomId, rows).get(0);
  }

  private List<StudentView> studentViews(UUID classroomId, List<Object[]> rows) {
    Map<UUID, User> users = accounts.users(rows.stream().map(r -> (UUID) r[0]).toList());
    return rows.stream()
        .map(
            r -> {
              User u = users.get((UUID) r[0]);
              return new StudentView(
                  classroomId,
                  (UUID) r[0],
                  u == null ? null : u.email(),
                  u == null ? null : u.displayName(),
                  (String) r[3],
                  (UUID) r[2],
                  Keyset.instant(r[1]));
            })
        .toList();
  }

  // ---- overview

  /**
   * Students × published assignments (the {@value #OVERVIEW_ASSIGNMENTS} due last), each cell with
   * its state, late flag and grade, and what is overdue: five statements however large the class.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Overview overview(UUID id) {
    Classroom c = classrooms.visible(id);
    access.require(CLASSROOM, "manage", c.attributes());
    Instant now = Instant.now();
    @SuppressWarnings("unchecked")
    List<Object[]> enrolled =
        tem.sql(
                "SELECT student_id, created_at FROM classroom_enrollments"
                    + " WHERE tenant_id = ?1 AND classroom_id = ?2 ORDER BY created_at, student_id")
            .setParameter(2, id)
            .getResultList();
    Map<UUID, User> users = accounts.users(enrolled.stream().map(r -> (UUID) r[0]).toList());
    @SuppressWarnings("unchecked")
    List<Object[]> published =
        tem.sql(
                "SELECT id, title, due_at, points FROM ("
                    + "SELECT id, title, due_at, points, created_at FROM assignments"
                    + " WHERE tenant_id = ?1 AND classroom_id = ?2 AND status = 'published'"
                    + " AND deleted_at IS NULL ORDER BY due_at DESC NULLS FIRST, created_at DESC"
                    + " LIMIT "
                    + OVERVIEW_ASSIGNMENTS
                    + ") a ORDER BY due_at NULLS LAST, created_at")
            .setParameter(2, id)
            .getResultList();
    Map<String, Object[]> cells = new HashMap<>();
    if (!published.isEmpty()) {
      @SuppressWarnings("unchecked")
      List<Object[]> subs =
          tem.sql(
                  "SELECT assignment_id, student_id, id, state, late, grade FROM submissions"
                      + " WHERE tenant_id = ?1 AND classroom_id = ?2"
                      + " AND assignment_id = ANY (CAST(?3 AS uuid[]))")
              .setParameter(2, id)
              .setParameter(3, Ids.sqlArray(published.stream().map(r -> (UUID) r[0]).toList()))
              .getResultList();
      for (Object[] s : subs) {
        cells.put(s[0] + "/" + s[1], s);
      }
    }
    long[] overdueByAssignment = new long[published.size()];
    List<OverviewRow> rows = new ArrayList<>();
    long overdue = 0;
    for (Object[] e : enrolled) {
      UUID student = (UUID) e[0];
      List<OverviewCell> row = new ArrayList<>();
      long studentOverdue = 0;
      for (int i = 0; i < published.size(); i++) {
        Object[] a = published.get(i);
        Object[] s = cells.get(a[0] + "/" + student);
        Instant due = Keyset.instant(a[2]);
        SubmissionState state = s == null ? null : SubmissionState.valueOf((String) s[3]);
        boolean late = s != null && (Boolean) s[4];
        boolean isOverdue =
            due != null
                && now.isAfter(due)
                && (state == SubmissionState.assigned || state == SubmissionState.in_progress);
        if (isOverdue) {
          studentOverdue++;
          overdueByAssignment[i]++;
        }
        row.add(
            new OverviewCell(
                (UUID) a[0],
                s == null ? null : (UUID) s[2],
                state,
                late,
                isOverdue,
                s == null ? null : (BigDecimal) s[5]));
      }
      overdue += studentOverdue;
      User u = users.get(student);
      rows.add(
          new OverviewRow(
              student,
              u == null ? null : u.email(),
              u == null ? null : u.displayName(),
              studentOverdue,
              row));
    }
    List<OverviewAssignment> columns = new ArrayList<>();
    for (int i = 0; i < published.size(); i++) {
      Object[] a = published.get(i);
      columns.add(
          new OverviewAssignment(
              (UUID) a[0],
              (String) a[1],
              Keyset.instant(a[2]),
              a[3] == null ? null : ((Number) a[3]).intValue(),
              overdueByAssignment[i]));
    }
    return new Overview(id, now, columns, rows, overdue);
  }

  // ---- helpers

  /** The view; the class code only for who manages the classroom. */
  ClassroomView view(Classroom c, List<UUID> teacherIds) {
    boolean manages = access.can(CLASSROOM, "manage", c.attributes());
    return new ClassroomView(
        c.id(),
        c.name(),
        c.subject(),
        c.gradeLevel(),
        c.term(),
        c.description(),
        c.isArchived(),
        manages ? c.classCode() : null,
        teacherIds,
        c.createdBy(),
        c.createdAt(),
        c.updatedAt(),
        c.version());
  }

  private static String text(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static LecternException codeTaken() {
    return LecternException.conflict(
        "classroom.code-taken", "Another active classroom of the school has this class code.");
  }

  private static LecternException exhausted() {
    return LecternException.conflict(
        "classroom.no-free-code", "No free class code was found; try again.");
  }

  private void requireSchoolPerson() {
    access.requireSchoolMember(
        "Classrooms belong to a school's own people, not to platform accounts.");
  }
}
