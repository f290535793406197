package org.lectern.classroom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import org.lectern.access.AccessControl;
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
}
