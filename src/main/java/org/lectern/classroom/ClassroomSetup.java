package org.lectern.classroom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.lectern.classroom.ClassroomDtos.ClassroomRequest;
import org.lectern.identity.Accounts;
import org.lectern.identity.User;
import org.lectern.platform.Ids;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Classrooms declared by a tenant manifest ({@code tenants/*.json}), so that a demo school starts
 * with a class: made once by name, then only completed (teachers and students added, never
 * removed). Runs in the manifest's transaction and tenant.
 */
@ApplicationScoped
public class ClassroomSetup {

  /** The fields a manifest's classroom may have. */
  public static final Set<String> FIELDS =
      Set.of(
          "name",
          "subject",
          "gradeLevel",
          "term",
          "description",
          "classCode",
          "teachers",
          "students");

  @Inject TenantEntityManager tem;
  @Inject Accounts accounts;
  @Inject ClassroomService classrooms;

  /**
   * Makes the classroom if the school has none of that name, with its teachers and students (by
   * email; each must be a user of the school); answers whether it was made.
   */
  public boolean ensure(JsonObject manifest) {
    String name = manifest.getString("name");
    List<User> teachers = users(manifest, "teachers");
    List<User> students = users(manifest, "students");
    if (teachers.isEmpty()) {
      throw new IllegalArgumentException("classroom '" + name + "' needs at least one teacher");
    }
    UUID teacher = teachers.get(0).id();
    @SuppressWarnings("unchecked")
    List<Object> existing =
        tem.sql(
                "SELECT id FROM classrooms WHERE tenant_id = ?1 AND name = ?2"
                    + " AND deleted_at IS NULL ORDER BY created_at LIMIT 1")
            .setParameter(2, name)
            .getResultList();
    boolean created = existing.isEmpty();
    UUID id = created ? Ids.newId() : (UUID) existing.get(0);
    if (created) {
      String code = null;
      if (manifest.containsKey("classCode")) {
        code =
            ClassCodes.normalize(manifest.getString("classCode"))
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "classCode of '"
                                + name
                                + "' must be 6 to 8 of "
                                + ClassCodes.ALPHABET));
      }
      classrooms.insert(
          id,
          new ClassroomRequest(
              name,
              manifest.getString("subject", null),
              manifest.getString("gradeLevel", null),
              manifest.getString("term", null),
              manifest.getString("description", null)),
          teacher,
          code);
    }
    for (User t : teachers) {
      tem.sql(
              "INSERT INTO classroom_teachers (tenant_id, classroom_id, teacher_id, added_by)"
                  + " VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING")
          .setParameter(2, id)
          .setParameter(3, t.id())
          .setParameter(4, teacher)
          .executeUpdate();
    }
    for (User s : students) {
      tem.sql(
              "INSERT INTO classroom_enrollments (tenant_id, classroom_id, student_id,"
                  + " enrolled_by, joined_via) VALUES (?1, ?2, ?3, ?4, 'teacher')"
                  + " ON CONFLICT DO NOTHING")
          .setParameter(2, id)
          .setParameter(3, s.id())
          .setParameter(4, teacher)
          .executeUpdate();
    }
    return created;
  }

  private List<User> users(JsonObject manifest, String key) {
    List<User> out = new ArrayList<>();
    for (JsonValue v :
        manifest.getJsonArray(key) == null ? List.<JsonValue>of() : manifest.getJsonArray(key)) {
      String email = ((JsonString) v).getString();
      out.add(
          accounts
              .userByEmail(email)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          key
                              + " of classroom '"
                              + manifest.getString("name")
                              + "': no user "
                              + email)));
    }
    return out;
  }
}
