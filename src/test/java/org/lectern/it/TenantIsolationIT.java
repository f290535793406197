package org.lectern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No request of one school reads or changes another school's data: every endpoint answers 404 for a
 * foreign id (so ids cannot be probed), and the database row is untouched afterwards.
 */
class TenantIsolationIT extends ApiTestBase {

  private Schools.School a;
  private Schools.School b;
  private Schools.Person teacherA;
  private Schools.Person teacherB;

  @BeforeEach
  void twoSchools() {
    a = schools.newSchool();
    b = schools.newSchool();
    teacherA = schools.person(a, "teacher");
    teacherB = schools.person(b, "teacher");
  }

  private static String[] row(String table, String id) throws SQLException {
    try (Connection c =
            DriverManager.getConnection(
                System.getProperty("lectern.it.db.url"),
                System.getProperty("lectern.it.db.user"),
                System.getProperty("lectern.it.db.password"));
        PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table + " WHERE id = ?")) {
      ps.setObject(1, UUID.fromString(id));
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next(), "row exists");
        String[] values = new String[rs.getMetaData().getColumnCount()];
        for (int i = 0; i < values.length; i++) {
          values[i] = rs.getString(i + 1);
        }
        return values;
      }
    }
  }

  @Test
  void everyStoryEndpointRefusesAnotherSchoolsStory() throws SQLException {
    JsonObject story = schools.story(teacherA.token(), "School A only", "beginner");
    String id = story.getString("id");
    schools.publish(a, id);
    String[] before = row("stories", id);
    String path = "/api/stories/" + id;

    for (String token : new String[] {teacherB.token(), b.adminToken()}) {
      assertEquals(404, api.get(path).token(token).send().status());
      assertEquals(
          404,
          api.put(path)
              .token(token)
              .json(Api.obj("title", "x", "content", "y", "difficulty", "beginner"))
              .send()
              .status());
      assertEquals(404, api.patch(path).token(token).json(Api.obj("title", "x")).send().status());
      assertEquals(404, api.delete(path).token(token).send().status());
      assertEquals(404, api.post(path + "/publish").token(token).send().status());
      assertEquals(404, api.post(path + "/restore").token(token).send().status());
      assertTrue(api.get("/api/stories").token(token).send().items().isEmpty());
    }
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        before, row("stories", id), "nothing changed");
    assertEquals(200, api.get(path).token(teacherA.token()).send().status());
  }

  @Test
  void usersOfAnotherSchoolAreInvisible() throws SQLException {
    String[] before = row("users", teacherA.id());
    String path = "/api/users/" + teacherA.id();
    assertEquals(404, api.get(path).token(b.adminToken()).send().status());
    assertEquals(
        404,
        api.patch(path)
            .token(b.adminToken())
            .json(Api.obj("displayName", "Renamed"))
            .send()
            .status());
    assertEquals(
        404,
        api.put(path + "/roles")
            .token(b.adminToken())
            .json(Api.obj("roles", java.util.List.of("admin")))
            .send()
            .status());
    assertEquals(404, api.get(path + "/permissions").token(b.adminToken()).send().status());
    assertEquals(
        404,
        api.put(path + "/permissions")
            .token(b.adminToken())
            .json(
                Api.obj(
                    "permissions",
                    java.util.List.of(Api.obj("resource", "story", "action", "create"))))
            .send()
            .status());
    assertEquals(404, api.delete(path).token(b.adminToken()).send().status());
    assertTrue(
        api.get(path + "/permissions").token(a.adminToken()).send().items().isEmpty(),
        "school B's attempt granted nothing");
    assertTrue(
        api.get("/api/users").token(b.adminToken()).send().items().stream()
            .noneMatch(u -> u.getString("id").equals(teacherA.id())));
    org.junit.jupiter.api.Assertions.assertArrayEquals(before, row("users", teacherA.id()));
    assertEquals(200, api.get("/api/me").token(teacherA.token()).send().status());
  }

  @Test
  void rolesAndPoliciesOfAnotherSchoolAreInvisible() {
    JsonObject roleA = api.get("/api/roles").token(a.adminToken()).send().items().get(0);
    JsonObject policyA = api.get("/api/policies").token(a.adminToken()).send().items().get(0);
    assertEquals(
        404, api.get("/api/roles/" + roleA.getString("id")).token(b.adminToken()).send().status());
    assertEquals(
        404,
        api.delete("/api/roles/" + roleA.getString("id")).token(b.adminToken()).send().status());
    assertEquals(
        404,
        api.get("/api/policies/" + policyA.getString("id")).token(b.adminToken()).send().status());
    assertEquals(
        404,
        api.delete("/api/policies/" + policyA.getString("id"))
            .token(b.adminToken())
            .send()
            .status());
    assertEquals(
        404,
        api.put("/api/roles/" + roleA.getString("id"))
            .token(b.adminToken())
            .json(Api.obj("description", "taken over", "grants", java.util.List.of()))
            .send()
            .status());
    assertEquals(
        404,
        api.put("/api/policies/" + policyA.getString("id"))
            .token(b.adminToken())
            .json(
                Api.obj(
                    "name", "taken-over",
                    "resource", "story",
                    "effect", "deny",
                    "conditions", Api.obj("field", "user.id", "operator", "ne", "value", "x")))
            .send()
            .status());
    Api.Response stillA =
        api.get("/api/policies/" + policyA.getString("id")).token(a.adminToken()).send();
    assertEquals(200, stillA.status());
    assertEquals(policyA.getString("name"), stillA.json().getString("name"), "unchanged");
    JsonObject roleAfter =
        api.get("/api/roles/" + roleA.getString("id")).token(a.adminToken()).send().json();
    assertEquals(roleA.get("grants"), roleAfter.get("grants"), "grants unchanged");
  }

  @Test
  void aSchoolsTokenCannotNameAnotherSchool() {
    Api.Response r =
        api.get("/api/stories").token(teacherB.token()).header("X-Tenant-Id", a.id()).send();
    assertEquals(403, r.status(), r::toString);
  }

  @Test
  void superAdminActsInASchoolOnlyByNamingIt() {
    JsonObject story = schools.story(teacherA.token(), "Seen by root", "beginner");
    assertEquals(
        404,
        api.get("/api/stories/" + story.getString("id"))
            .token(schools.rootToken())
            .send()
            .status());
    Api.Response named =
        api.get("/api/stories/" + story.getString("id"))
            .token(schools.rootToken())
            .header("X-Tenant-Id", a.slug())
            .send();
    assertEquals(200, named.status(), named::toString);
    assertEquals(
        404,
        api.get("/api/stories/" + story.getString("id"))
            .token(schools.rootToken())
            .header("X-Tenant-Id", b.id())
            .send()
            .status());
  }

  @Test
  void sameEmailMayExistInTwoSchools() {
    String email = "shared-" + UUID.randomUUID().toString().substring(0, 6) + "@family.test";
    for (Schools.School s : new Schools.School[] {a, b}) {
      Api.Response r =
          api.post("/api/users")
              .token(s.adminToken())
              .json(
                  Api.obj(
                      "email",
                      email,
                      "displayName",
                      "Shared",
                      "password",
                      "shared-password-1",
                      "roles",
                      java.util.List.of("student")))
              .send();
      assertEquals(201, r.status(), r::toString);
    }
    assertEquals(
        409,
        api.post("/api/users")
            .token(a.adminToken())
            .json(
                Api.obj(
                    "email",
                    email.toUpperCase(),
                    "displayName",
                    "Dup",
                    "password",
                    "shared-password-1"))
            .send()
            .status());
  }
}
