package org.lectern.classroom;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lectern.access.UserAttributeSource;
import org.lectern.platform.TextArrayConverter;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Two attributes of a school user for ABAC rules: {@code user.classrooms}, the ids of the active
 * (not archived, not deleted) classrooms they are a student of, and {@code user.teaching}, those
 * they teach, archived ones included. Read with the caller in identity's statement, one indexed
 * lookup each, and again only when this request changed them.
 */
@RequestScoped
public class ClassroomMemberships implements UserAttributeSource {

  private static final TextArrayConverter TEXT_ARRAY = new TextArrayConverter();

  @Inject TenantEntityManager tem;

  private UUID loadedFor;
  private List<String> classrooms;
  private List<String> teaching;

  /** Lists that load on first look, so checks that never reach a classroom rule cost nothing. */
  @Override
  public Map<String, Object> attributesOf(UUID userId) {
    return Map.of(
        "classrooms", lazy(userId, true),
        "teaching", lazy(userId, false));
  }

  private List<String> lazy(UUID userId, boolean student) {
    return new AbstractList<String>() {
      @Override
      public String get(int index) {
        return list(userId, student).get(index);
      }

      @Override
      public int size() {
        return list(userId, student).size();
      }
    };
  }

  @Override
  public String callerColumn(String tenantId, String userId) {
    // Aliases of their own: the caller's statement names its tables t and u.
    return "(SELECT coalesce(array_agg(cm_x.x), '{}') FROM ("
        + "SELECT 's' || cm_e.classroom_id::text AS x FROM classroom_enrollments cm_e"
        + " JOIN classrooms cm_c ON cm_c.tenant_id = cm_e.tenant_id AND cm_c.id = cm_e.classroom_id"
        + " AND cm_c.archived_at IS NULL AND cm_c.deleted_at IS NULL"
        + " WHERE cm_e.tenant_id = "
        + tenantId
        + " AND cm_e.student_id = "
        + userId
        + " UNION ALL SELECT 't' || cm_t.classroom_id::text FROM classroom_teachers cm_t"
        + " WHERE cm_t.tenant_id = "
        + tenantId
        + " AND cm_t.teacher_id = "
        + userId
        + ") cm_x)";
  }

  @Override
  public void preload(UUID userId, Object value) {
    split(value == null ? List.of() : TEXT_ARRAY.convertToEntityAttribute(value));
    loadedFor = userId;
  }

  private List<String> list(UUID userId, boolean student) {
    if (!userId.equals(loadedFor)) {
      @SuppressWarnings("unchecked")
      List<Object> rows =
          tem.sql(
                  "SELECT 's' || e.classroom_id::text FROM classroom_enrollments e"
                      + " JOIN classrooms c ON c.tenant_id = e.tenant_id AND c.id = e.classroom_id"
                      + " AND c.archived_at IS NULL AND c.deleted_at IS NULL"
                      + " WHERE e.tenant_id = ?1 AND e.student_id = ?2"
                      + " UNION ALL SELECT 't' || t.classroom_id::text FROM classroom_teachers t"
                      + " WHERE t.tenant_id = ?1 AND t.teacher_id = ?2")
              .setParameter(2, userId)
              .getResultList();
      split(rows.stream().map(String::valueOf).toList());
      loadedFor = userId;
    }
    return student ? classrooms : teaching;
  }

  private void split(List<String> tagged) {
    List<String> s = new ArrayList<>();
    List<String> t = new ArrayList<>();
    for (String x : tagged) {
      (x.charAt(0) == 's' ? s : t).add(x.substring(1));
    }
    classrooms = List.copyOf(s);
    teaching = List.copyOf(t);
  }

  /** Memberships changed in this request: read them again at the next check. */
  void forget() {
    loadedFor = null;
  }
}
