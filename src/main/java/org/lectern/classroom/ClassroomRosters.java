package org.lectern.classroom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.lectern.access.AccessControl;
import org.lectern.context.RequestContext;
import org.lectern.platform.SqlValues;
import org.lectern.tenancy.TenantEntityManager;

/**
 * A classroom's students as other capabilities need them for their teacher views (the learning
 * record's vocabulary mastery): only for whoever manages the classroom, by the same rule as its
 * overview.
 */
@ApplicationScoped
public class ClassroomRosters {

  @Inject Classrooms classrooms;
  @Inject AccessControl access;
  @Inject TenantEntityManager tem;
  @Inject RequestContext context;

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
}
