package org.lectern.classroom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.lectern.access.AccessControl;
import org.lectern.access.condition.SqlColumn;
import org.lectern.access.condition.SqlPredicate;
import org.lectern.audit.AuditAction;
import org.lectern.audit.Audited;
import org.lectern.classroom.AssignmentDtos.AssignmentPatch;
import org.lectern.classroom.AssignmentDtos.AssignmentRequest;
import org.lectern.classroom.AssignmentDtos.AssignmentView;
import org.lectern.classroom.AssignmentDtos.MySubmission;
import org.lectern.classroom.AssignmentDtos.Target;
import org.lectern.classroom.AssignmentDtos.TargetView;
import org.lectern.content.AssignableContent;
import org.lectern.context.RequestContext;
import org.lectern.identity.Accounts;
import org.lectern.identity.User;
import org.lectern.platform.ETags;
import org.lectern.platform.EntityId;
import org.lectern.platform.Ids;
import org.lectern.platform.LecternException;
import org.lectern.platform.Page;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Assignments: a classroom's teachers assign a story, lesson or course to the whole class or to
 * chosen students of it, as a draft, and publish it, which makes each student's submission. The
 * material must be readable by every student who gets it (decided by the school's own access rules,
 * as each of them), or the assignment is refused with 409 {@code assignment.target-unreadable}.
 *
 * <p>Students see the published assignments of their active classrooms that are for them: for the
 * whole class, or for chosen students among whom they are.
 */
@ApplicationScoped
@Transactional
public class AssignmentService {

  static final String ASSIGNMENT = Assignment.RESOURCE;

  /** Filters of the assignment list; null means any. */
  public record Filter(UUID classroomId, Assignment.Status status, Instant dueBefore) {}

  @Inject @jakarta.enterprise.inject.Any
  jakarta.enterprise.inject.Instance<AssignmentTargets> targets;

  @Inject TenantEntityManager tem;
  @Inject AccessControl access;
  @Inject RequestContext current;
  @Inject Classrooms classrooms;
  @Inject Accounts accounts;
  @Inject AssignableContent content;

  @Audited(action = AuditAction.CREATE, entity = ASSIGNMENT)
  public AssignmentView create(AssignmentRequest r) {
    access.requireSchoolMember("Work is assigned by a school's own teachers.");
    Classroom c = classrooms.visible(r.classroomId());
    access.require(
        ASSIGNMENT,
        "create",
        Assignment.attributes(null, c.id(), Assignment.Status.draft, current.caller().id()));
    Classrooms.requireActive(c);
    List<UUID> chosen = r.studentIds() == null ? null : distinct(r.studentIds());
    if (chosen != null) {
      classrooms.requireStudents(c.id(), chosen, "studentIds");
    }
    Assignment a =
        new Assignment(
            c.id(),
            r.title(),
            r.target().type(),
            r.target().id(),
            chosen != null,
            current.caller().id());
    a.edit(null, r.instructions(), r.points());
    a.schedule(r.opensAt(), r.dueAt());
    String title = requireReadable(a, chosen != null ? chosen : classrooms.students(c.id()));
    tem.get().persist(a);
    tem.get().flush();
    if (chosen != null) {
      choose(a.id(), chosen);
    }
    return view(a, title, chosen);
  }

  /** Newest first: the assignments the caller may see, filtered in SQL (one statement). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<AssignmentView> list(Filter f, String cursor, int limit) {
    SqlPredicate visible = access.readFilter(ASSIGNMENT, AssignmentService::column);
    SqlPredicate manages = access.filter(ASSIGNMENT, "update", AssignmentService::column);
    boolean compiled =
        !(visible instanceof SqlPredicate.Uncompilable)
            && !(manages instanceof SqlPredicate.Uncompilable);
    UUID me = current.caller().id();
    Keyset.Rows rows =
        Keyset.rows(
            tem,
            () -> {
              Keyset.Query q =
                  new Keyset.Query(
                      "SELECT t.id, t.created_at, t.classroom_id, t.title, t.instructions,"
                          + " t.target_type, t.target_id, t.opens_at, t.due_at, t.points,"
                          + " t.status, t.audience, t.published_at, t.created_by, t.updated_at,"
                          + " t.version, ms.id, ms.state, ms.late, ms.grade"
                          + " FROM assignments t JOIN classrooms c"
                          + " ON c.tenant_id = t.tenant_id AND c.id = t.classroom_id"
                          + " AND c.deleted_at IS NULL"
                          + " LEFT JOIN submissions ms ON ms.tenant_id = t.tenant_id"
                          + " AND ms.assignment_id = t.id AND ms.student_id = ?2"
                          + " WHERE t.tenant_id = ?1 AND t.deleted_at IS NULL",
                      "t.id",
                      me);
              if (f.classroomId() != null) {
                q.and("t.classroom_id = ?", f.classroomId());
              }
              if (f.status() != null) {
                q.and("t.status = ?", f.status().name());
              }
              if (f.dueBefore() != null) {
                q.and("t.due_at < ?", Timestamp.from(f.dueBefore()));
              }
              if (!compiled) {
                return q;
              }
              // Work for chosen students is seen by them, and by who may change it.
              SqlPredicate forMe =
                  SqlPredicate.or(
                      new SqlPredicate.Sql(
                          "(t.audience = 'class' OR EXISTS (SELECT 1 FROM assignment_students s"
                              + " WHERE s.tenant_id = t.tenant_id AND s.assignment_id = t.id"
                              + " AND s.student_id = ?))",
                          List.of(me)),
                      manages);
              return q.and(SqlPredicate.and(visible, forMe));
            },
            compiled,
            r -> {
              Assignment.Status status = Assignment.Status.valueOf((String) r[10]);
              Map<String, Object> attrs =
                  Assignment.attributes((UUID) r[0], (UUID) r[2], status, (UUID) r[13]);
              return access.can(ASSIGNMENT, "read", attrs)
                  && ("class".equals(r[11])
                      || access.can(ASSIGNMENT, "update", attrs)
                      || isChosen((UUID) r[0], me));
            },
            cursor,
            limit,
            true);
    return Keyset.page(rows, limit, page -> page.stream().map(this::view).toList());
  }

  static Optional<SqlColumn> column(String attribute) {
    return switch (attribute) {
      case "id" -> Optional.of(SqlColumn.required("t.id", SqlColumn.Kind.UUID));
      case "classroomId" -> Optional.of(SqlColumn.required("t.classroom_id", SqlColumn.Kind.UUID));
      case "status" -> Optional.of(SqlColumn.required("t.status", SqlColumn.Kind.TEXT));
      case "createdBy" -> Optional.of(SqlColumn.required("t.created_by", SqlColumn.Kind.UUID));
      default -> Optional.empty();
    };
  }

  private AssignmentView view(Object[] r) {
    return new AssignmentView(
        (UUID) r[0],
        (UUID) r[2],
        (String) r[3],
        (String) r[4],
        new TargetView(Assignment.TargetType.valueOf((String) r[5]), (UUID) r[6], null),
        Keyset.instant(r[7]),
        Keyset.instant(r[8]),
        r[9] == null ? null : ((Number) r[9]).intValue(),
        Assignment.Status.valueOf((String) r[10]),
        (String) r[11],
        null,
        Keyset.instant(r[12]),
        (UUID) r[13],
        Keyset.instant(r[1]),
        Keyset.instant(r[14]),
        ((Number) r[15]).longValue(),
        r[16] == null
            ? null
            : new MySubmission(
                (UUID) r[16],
                SubmissionState.valueOf((String) r[17]),
                (Boolean) r[18],
                (java.math.BigDecimal) r[19]));
  }

  /** One assignment, with its target's title and, for who may change it, its chosen students. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public AssignmentView get(UUID id) {
    Assignment a = visible(id);
    AssignmentView v =
        view(a, readableTitle(a.targetType().name(), a.targetId()).orElse(null), null);
    // Who may change the assignment (teachers, admins) does not work on it: no lookup for them.
    return a.status() == Assignment.Status.published
            && !access.can(ASSIGNMENT, "update", a.attributes())
        ? withMine(v)
        : v;
  }

  /** The view with the caller's own submission, if they have one: one indexed lookup. */
  private AssignmentView withMine(AssignmentView v) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        tem.sql(
                "SELECT id, state, late, grade FROM submissions WHERE tenant_id = ?1"
                    + " AND assignment_id = ?2 AND student_id = ?3")
            .setParameter(2, v.id())
            .setParameter(3, current.caller().id())
            .getResultList();
    if (rows.isEmpty()) {
      return v;
    }
    Object[] r = rows.get(0);
    return new AssignmentView(
        v.id(),
        v.classroomId(),
        v.title(),
        v.instructions(),
        v.target(),
        v.opensAt(),
        v.dueAt(),
        v.points(),
        v.status(),
        v.audience(),
        v.studentIds(),
        v.publishedAt(),
        v.createdBy(),
        v.createdAt(),
        v.updatedAt(),
        v.version(),
        new MySubmission(
            (UUID) r[0],
            SubmissionState.valueOf((String) r[1]),
            (Boolean) r[2],
            (java.math.BigDecimal) r[3]));
  }

  @Audited(action = AuditAction.UPDATE, entity = ASSIGNMENT)
  public AssignmentView patch(@EntityId UUID id, AssignmentPatch p, Long ifMatch) {
    Assignment a = visible(id);
    access.require(ASSIGNMENT, "update", a.attributes());
    ETags.requireMatch(ifMatch, a.version());
    Classroom c = classrooms.visible(a.classroomId());
    Classrooms.requireActive(c);
    a.edit(p.title(), p.instructions(), p.points());
    a.schedule(p.opensAt(), p.dueAt());
    List<UUID> chosen = null;
    if (p.target() != null || p.studentIds() != null) {
      Target t = p.target();
      chosen = p.studentIds() == null ? null : distinct(p.studentIds());
      if (chosen != null && !chosen.isEmpty()) {
        classrooms.requireStudents(c.id(), chosen, "studentIds");
      }
      a.retarget(
          t == null ? null : t.type(),
          t == null ? null : t.id(),
          chosen == null ? null : !chosen.isEmpty());
      if (chosen != null) {
        tem.sql("DELETE FROM assignment_students WHERE tenant_id = ?1 AND assignment_id = ?2")
            .setParameter(2, id)
            .executeUpdate();
        if (!chosen.isEmpty()) {
          choose(id, chosen);
        }
      }
    }
    List<UUID> students = a.forChosenStudents() ? chosen(id) : classrooms.students(c.id());
    String title = requireReadable(a, students);
    tem.get().flush();
    return view(a, title, null);
  }

  /** Soft delete: the assignment and its submissions vanish from every list. */
  @Audited(action = AuditAction.DELETE, entity = ASSIGNMENT)
  public void delete(@EntityId UUID id) {
    Assignment a = visible(id);
    access.require(ASSIGNMENT, "delete", a.attributes());
    a.softDelete();
  }

  /**
   * Publishes a draft to its students: one submission each, made in one statement. The material
   * must be readable by each of them at this moment.
   */
  @Audited(action = AuditAction.PUBLISH, entity = ASSIGNMENT)
  public AssignmentView publish(@EntityId UUID id) {
    Assignment a = visible(id);
    access.require(ASSIGNMENT, "publish", a.attributes());
    Classroom c = classrooms.visible(a.classroomId());
    Classrooms.requireActive(c);
    a.publish();
    List<UUID> students = a.forChosenStudents() ? chosen(id) : classrooms.students(c.id());
    String title = requireReadable(a, students);
    tem.get().flush();
    tem.sql(
            "INSERT INTO submissions (tenant_id, id, assignment_id, classroom_id, student_id)"
                + " SELECT e.tenant_id, gen_random_uuid(), ?2, e.classroom_id, e.student_id"
                + " FROM classroom_enrollments e WHERE e.tenant_id = ?1 AND e.classroom_id = ?3"
                + (a.forChosenStudents()
                    ? " AND e.student_id IN (SELECT s.student_id FROM assignment_students s"
                        + " WHERE s.tenant_id = ?1 AND s.assignment_id = ?2)"
                    : "")
                + " ON CONFLICT DO NOTHING")
        .setParameter(2, id)
        .setParameter(3, c.id())
        .executeUpdate();
    return view(a, title, null);
  }

  // ---- helpers shared with SubmissionService

  /**
   * The assignment, if it and its classroom exist and are not deleted, the caller may see it, and
   * it is for them (whole class, or they are among its chosen students, or they may change it);
   * else 404.
   */
  Assignment visible(UUID id) {
    Assignment a = tem.get().find(Assignment.class, id);
    if (a == null || a.isDeleted()) {
      throw LecternException.notFound(ASSIGNMENT);
    }
    Map<String, Object> attrs = a.attributes();
    access.requireVisible(ASSIGNMENT, attrs);
    if (a.forChosenStudents()
        && !access.can(ASSIGNMENT, "update", attrs)
        && !isChosen(id, current.caller().idIfAny().orElse(null))) {
      throw LecternException.notFound(ASSIGNMENT);
    }
    Classroom c = tem.get().find(Classroom.class, a.classroomId());
    if (c == null || c.isDeleted()) {
      throw LecternException.notFound(ASSIGNMENT);
    }
    return a;
  }

  private boolean isChosen(UUID assignmentId, UUID userId) {
    return userId != null
        && !tem.sql(
                "SELECT 1 FROM assignment_students WHERE tenant_id = ?1 AND assignment_id = ?2"
                    + " AND student_id = ?3")
            .setParameter(2, assignmentId)
            .setParameter(3, userId)
            .getResultList()
            .isEmpty();
  }

  private List<UUID> chosen(UUID assignmentId) {
    @SuppressWarnings("unchecked")
    List<Object> rows =
        tem.sql(
                "SELECT student_id FROM assignment_students WHERE tenant_id = ?1"
                    + " AND assignment_id = ?2 ORDER BY student_id")
            .setParameter(2, assignmentId)
            .getResultList();
    return rows.stream().map(r -> (UUID) r).toList();
  }

  private void choose(UUID assignmentId, List<UUID> students) {
    tem.sql(
            "INSERT INTO assignment_students (tenant_id, assignment_id, student_id)"
                + " SELECT ?1, ?2, x FROM unnest(CAST(?3 AS uuid[])) AS x ON CONFLICT DO NOTHING")
        .setParameter(2, assignmentId)
        .setParameter(3, Ids.sqlArray(students))
        .executeUpdate();
  }

  /**
   * The target's title, after checking that the caller and each of {@code students} may read it, by
   * the school's rules as each of them would be judged: 409 otherwise, naming who may not.
   */
  /** A target's title for the caller: content's material, or another capability's (quizzes). */
  private java.util.Optional<String> readableTitle(String type, UUID id) {
    for (AssignmentTargets source : targets) {
      if (source.type().equals(type)) {
        return source.readableTitle(id);
      }
    }
    return content.readableTitle(type, id);
  }

  private String requireReadable(Assignment a, List<UUID> students) {
    String type = a.targetType().name();
    String title =
        readableTitle(type, a.targetId())
            .orElseThrow(
                () ->
                    LecternException.conflict(
                        "assignment.target-not-found",
                        "There is no " + type + " with this id that you can read."));
    if (students.isEmpty()) {
      return title;
    }
    List<String> cannot = new ArrayList<>();
    Map<UUID, User> users = accounts.users(students);
    for (UUID id : students) {
      User u = users.get(id);
      if (u == null || !u.isActive()) {
        continue;
      }
      boolean readable =
          current.runAs(
              current.tenant(),
              current.policyVersion(),
              u.asCaller(),
              () -> readableTitle(type, a.targetId()).isPresent());
      if (!readable) {
        cannot.add(u.displayName() == null ? u.email() : u.displayName());
      }
    }
    if (!cannot.isEmpty()) {
      throw LecternException.conflict(
          "assignment.target-unreadable",
          cannot.size()
              + " of the students cannot read this "
              + type
              + " ("
              + String.join(", ", cannot.subList(0, Math.min(5, cannot.size())))
              + (cannot.size() > 5 ? ", ..." : "")
              + "): publish it, or open it to them, first.");
    }
    return title;
  }

  AssignmentView view(Assignment a, String targetTitle, List<UUID> chosen) {
    boolean manages = access.can(ASSIGNMENT, "update", a.attributes());
    List<UUID> studentIds =
        a.forChosenStudents() && manages ? (chosen != null ? chosen : chosen(a.id())) : null;
    return new AssignmentView(
        a.id(),
        a.classroomId(),
        a.title(),
        a.instructions(),
        new TargetView(a.targetType(), a.targetId(), targetTitle),
        a.opensAt(),
        a.dueAt(),
        a.points(),
        a.status(),
        a.audience(),
        studentIds,
        a.publishedAt(),
        a.createdBy(),
        a.createdAt(),
        a.updatedAt(),
        a.version(),
        null);
  }

  private static List<UUID> distinct(List<UUID> ids) {
    return List.copyOf(new LinkedHashSet<>(ids));
  }
}
