package org.lectern.classroom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.lectern.access.AccessControl;
import org.lectern.platform.LecternException;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Lookups the classroom services share. No transaction of its own: it runs in its caller's, and a
 * refusal it throws rolls back only what its caller would roll back anyway.
 */
@ApplicationScoped
class Classrooms {

  @Inject TenantEntityManager tem;
  @Inject AccessControl access;

  /** The classroom, if it exists, is not deleted and the caller may see it; else 404. */
  Classroom visible(UUID id) {
    Classroom c = tem.get().find(Classroom.class, id);
    if (c == null || c.isDeleted()) {
      throw LecternException.notFound(Classroom.RESOURCE);
    }
    access.requireVisible(Classroom.RESOURCE, c.attributes());
    return c;
  }

  /** 409 {@code classroom.archived}: an archived classroom takes no new work. */
  static void requireActive(Classroom c) {
    if (c.isArchived()) {
      throw LecternException.conflict(
          "classroom.archived", "This classroom is archived; unarchive it first.");
    }
  }

  /** The classroom's teachers, in the order they were added. */
  List<UUID> teachers(UUID classroomId) {
    @SuppressWarnings("unchecked")
    List<Object> rows =
        tem.sql(
                "SELECT teacher_id FROM classroom_teachers WHERE tenant_id = ?1 AND classroom_id = ?2"
                    + " ORDER BY created_at, teacher_id")
            .setParameter(2, classroomId)
            .getResultList();
    return rows.stream().map(r -> (UUID) r).toList();
  }

  /** The ids of the classroom's students. */
  List<UUID> students(UUID classroomId) {
    @SuppressWarnings("unchecked")
    List<Object> rows =
        tem.sql(
                "SELECT student_id FROM classroom_enrollments WHERE tenant_id = ?1"
                    + " AND classroom_id = ?2 ORDER BY created_at, student_id")
            .setParameter(2, classroomId)
            .getResultList();
    return rows.stream().map(r -> (UUID) r).toList();
  }

  /**
   * 400 naming each of {@code ids} that is not a student of the classroom ({@code field[i]}): work
   * is assigned to the classroom's own students only.
   */
  void requireStudents(UUID classroomId, List<UUID> ids, String field) {
    Set<UUID> enrolled = new HashSet<>(students(classroomId));
    for (int i = 0; i < ids.size(); i++) {
      if (!enrolled.contains(ids.get(i))) {
        throw LecternException.invalid(field + "[" + i + "]", "is not a student of this classroom");
      }
    }
  }
}
