package org.lectern.classroom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.lectern.access.AccessControl;
import org.lectern.access.condition.SqlPredicate;
import org.lectern.context.RequestContext;
import org.lectern.identity.Accounts;
import org.lectern.identity.User;
import org.lectern.platform.SqlValues;
import org.lectern.tenancy.TenantEntityManager;

/**
 * A classroom's people as other capabilities need them: its students for their teacher views (the
 * learning record's vocabulary mastery), only for whoever manages the classroom, by the same rule
 * as its overview; and, for what lives inside classrooms (book clubs), where the caller stands in a
 * classroom, which classrooms they see and who the members are, by the classroom's own rules.
 */
@ApplicationScoped
public class ClassroomRosters {

  @Inject Classrooms classrooms;
  @Inject AccessControl access;
  @Inject TenantEntityManager tem;
  @Inject RequestContext context;
  @Inject Accounts accounts;

  /** The most classrooms {@link #visibleIds} answers, the most recently made first. */
  public static final int MAX_VISIBLE = 1000;

  /** A published assignment of a story, as the reading view lists it. */
  public record StoryAssignment(UUID id, String title, UUID storyId, Instant dueAt) {}

  /** A managed classroom's students (in the order they joined) and its story assignments. */
  public record Roster(List<UUID> students, List<StoryAssignment> storyAssignments) {}

  /**
   * The ids of the classroom's students, in the order they joined: 404 when the caller cannot see
   * the classroom, 403 when they see it but may not manage it (a student of it). Two statements.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<UUID> studentsOfManaged(UUID classroomId) {
    Classroom c = classrooms.visible(classroomId);
    access.require(Classroom.RESOURCE, "manage", c.attributes());
    @SuppressWarnings("unchecked")
    List<UUID> students =
        tem.sql(
                "SELECT student_id FROM classroom_enrollments"
                    + " WHERE tenant_id = ?1 AND classroom_id = ?2 ORDER BY created_at, student_id")
            .setParameter(2, classroomId)
            .getResultList();
    return students;
  }

  /**
   * The classroom's students and its published, undeleted assignments of a story (oldest first),
   * for whoever manages it; 404 and 403 as {@link #studentsOfManaged}. Three statements.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Roster rosterOfManaged(UUID classroomId) {
    List<UUID> students = studentsOfManaged(classroomId);
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        tem.sql(
                "SELECT id, title, target_id, due_at FROM assignments"
                    + " WHERE tenant_id = ?1 AND classroom_id = ?2 AND target_type = 'story'"
                    + " AND status = 'published' AND deleted_at IS NULL"
                    + " ORDER BY published_at, id LIMIT 100")
            .setParameter(2, classroomId)
            .getResultList();
    List<StoryAssignment> assignments = new ArrayList<>();
    for (Object[] r : rows) {
      assignments.add(
          new StoryAssignment((UUID) r[0], (String) r[1], (UUID) r[2], SqlValues.instant(r[3])));
    }
    return new Roster(students, assignments);
  }

  /**
   * Whether the caller teaches this student: the student is enrolled in a classroom (not deleted)
   * the caller is a teacher of. What lets a teacher read a student's learning record. One
   * statement.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public boolean teachesStudent(UUID studentId) {
    return !tem.sql(
            "SELECT 1 FROM classroom_enrollments e"
                + " JOIN classroom_teachers t ON t.tenant_id = e.tenant_id"
                + " AND t.classroom_id = e.classroom_id"
                + " JOIN classrooms c ON c.tenant_id = e.tenant_id AND c.id = e.classroom_id"
                + " WHERE e.tenant_id = ?1 AND e.student_id = ?2 AND t.teacher_id = ?3"
                + " AND c.deleted_at IS NULL LIMIT 1")
        .setParameter(2, studentId)
        .setParameter(3, context.caller().id())
        .getResultList()
        .isEmpty();
  }

  /**
   * Where the caller stands in a classroom they can see: whether they manage it (its teachers,
   * admins; the overview's rule) and whether it is archived.
   */
  public record Standing(UUID classroomId, boolean manages, boolean archived) {}

  /**
   * The caller's standing in a classroom, or empty when they cannot see it by the classroom's own
   * rule (not a student or teacher of it nor an admin, another school's, deleted, or archived for
   * its students): the caller answers 404 as it sees fit. Answers instead of throwing, so it never
   * marks the caller's transaction for rollback. One statement, the classroom (the caller's
   * memberships come with the caller), none when this transaction read it already.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<Standing> standing(UUID classroomId) {
    Classroom c = tem.get().find(Classroom.class, classroomId);
    if (c == null || c.isDeleted() || !access.can(Classroom.RESOURCE, "read", c.attributes())) {
      return Optional.empty();
    }
    return Optional.of(
        new Standing(
            c.id(), access.can(Classroom.RESOURCE, "manage", c.attributes()), c.isArchived()));
  }

  /**
   * The ids of the classrooms the caller can see, by the classroom list's rule (compiled into the
   * query), the most recently made first, at most {@link #MAX_VISIBLE}. One statement.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<UUID> visibleIds() {
    SqlPredicate visible = access.readFilter(Classroom.RESOURCE, ClassroomService::column);
    boolean compiled = !(visible instanceof SqlPredicate.Uncompilable);
    Keyset.Query q =
        new Keyset.Query(
            "SELECT t.id, t.created_at, t.archived_at, t.created_by FROM classrooms t"
                + " WHERE t.tenant_id = ?1 AND t.deleted_at IS NULL");
    if (compiled) {
      q.and(visible);
    }
    List<UUID> ids = new ArrayList<>();
    for (Object[] r : q.page(tem, null, MAX_VISIBLE, true)) {
      Map<String, Object> a = Classroom.attributes((UUID) r[0], r[2] != null, (UUID) r[3]);
      // A rule SQL cannot say exactly is decided here, row by row, over the rows read.
      if (compiled || access.can(Classroom.RESOURCE, "read", a)) {
        ids.add((UUID) r[0]);
      }
    }
    return ids;
  }

  /** A member of a classroom and the name they go by. */
  public record Member(UUID userId, String displayName, boolean teacher) {}

  /**
   * The active teachers and students of a classroom the caller can see (else 404) with their
   * display names: teachers first, then students, each in the order they joined. A deactivated
   * account stays enrolled but is no member anyone can reach. Two statements (the members, their
   * names), and the classroom's unless this transaction read it.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Member> members(UUID classroomId) {
    classrooms.visible(classroomId);
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        tem.sql(
                "SELECT teacher_id, true, created_at FROM classroom_teachers"
                    + " WHERE tenant_id = ?1 AND classroom_id = ?2"
                    + " UNION ALL SELECT student_id, false, created_at FROM classroom_enrollments"
                    + " WHERE tenant_id = ?1 AND classroom_id = ?2"
                    + " ORDER BY 2 DESC, 3, 1")
            .setParameter(2, classroomId)
            .getResultList();
    Map<UUID, User> users = accounts.users(rows.stream().map(r -> (UUID) r[0]).toList());
    List<Member> members = new ArrayList<>();
    for (Object[] r : rows) {
      User u = users.get((UUID) r[0]);
      if (u != null && u.isActive()) {
        members.add(new Member(u.id(), u.displayName(), (Boolean) r[1]));
      }
    }
    return members;
  }
}
