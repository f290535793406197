package org.lectern.content;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lectern.access.UserAttributeSource;
import org.lectern.platform.TextArrayConverter;
import org.lectern.tenancy.TenantEntityManager;

/**
 * {@code user.courses}: the ids of the courses the caller is enrolled in, as ABAC conditions see
 * them ({@code {"field": "user.courses", "operator": "contains", "value": "resource.courseId"}}).
 * Read at most once per request, with one indexed query, and only if a rule looks at it.
 */
@RequestScoped
public class CourseMemberships implements UserAttributeSource {

  @Inject TenantEntityManager tem;

  private UUID loadedFor;
  private List<String> courses;

  /**
   * The list is read from the database only when a rule actually looks at it, so requests whose
   * access checks never reach a rule about courses cost no query.
   */
  @Override
  public Map<String, Object> attributesOf(UUID userId) {
    return Map.of(
        "courses",
        new AbstractList<String>() {
          @Override
          public String get(int index) {
            return coursesOf(userId).get(index);
          }

          @Override
          public int size() {
            return coursesOf(userId).size();
          }
        });
  }

  /**
   * Read with the caller on every request (one indexed lookup inside identity's statement, instead
   * of a round trip of its own when a rule about courses is checked): a student's list of stories
   * is then one statement after the caller's.
   */
  @Override
  public String callerColumn(String tenantId, String userId) {
    return "(SELECT coalesce(array_agg(e.course_id::text), '{}') FROM course_enrollments e"
        + " WHERE e.tenant_id = "
        + tenantId
        + " AND e.user_id = "
        + userId
        + ")";
  }

  @Override
  public void preload(UUID userId, Object value) {
    courses = value == null ? List.of() : List.copyOf(TEXT_ARRAY.convertToEntityAttribute(value));
    loadedFor = userId;
  }

  private static final TextArrayConverter TEXT_ARRAY = new TextArrayConverter();

  private List<String> coursesOf(UUID userId) {
    if (!userId.equals(loadedFor)) {
      courses =
          tem
              .sql("SELECT course_id FROM course_enrollments WHERE tenant_id = ?1 AND user_id = ?2")
              .setParameter(2, userId)
              .getResultList()
              .stream()
              .map(String::valueOf)
              .toList();
      loadedFor = userId;
    }
    return courses;
  }

  /** Enrollments changed in this request: read them again at the next check. */
  void forget() {
    loadedFor = null;
  }
}
