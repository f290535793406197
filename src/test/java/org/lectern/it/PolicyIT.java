package org.lectern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tenant admins change roles, grants and ABAC policies; the very next request obeys. */
class PolicyIT extends ApiTestBase {

  private Schools.School school;
  private Schools.Person teacher;
  private Schools.Person beginner;

  @BeforeEach
  void school() {
    school = schools.newSchool();
    teacher = schools.person(school, "teacher");
    beginner = schools.person(school, Api.obj("readingLevel", "beginner"), "student");
  }

  private JsonObject denyAdvancedForBeginners(int priority) {
    return Api.obj(
        "name",
        "no-advanced-for-beginners",
        "resource",
        "story",
        "actions",
        List.of("read"),
        "effect",
        "deny",
        "priority",
        priority,
        "conditions",
        Json.createReader(
                new java.io.StringReader(
                    "[{\"field\":\"user.readingLevel\",\"operator\":\"eq\",\"value\":\"beginner\"},"
                        + "{\"field\":\"story.difficulty\",\"operator\":\"eq\",\"value\":\"advanced\"}]"))
            .readArray());
  }

  @Test
  void aNewDenyPolicyHoldsFromTheNextRequest() {
    JsonObject hard = schools.story(teacher.token(), "Hard", "advanced");
    schools.publish(school, hard.getString("id"));
    String path = "/api/stories/" + hard.getString("id");
    assertEquals(200, api.get(path).token(beginner.token()).send().status());

    Api.Response created =
        api.post("/api/policies")
            .token(school.adminToken())
            .json(denyAdvancedForBeginners(10))
            .send();
    assertEquals(201, created.status(), created::toString);

    assertEquals(
        404, api.get(path).token(beginner.token()).send().status(), "denied, so not visible");
    assertTrue(api.get("/api/stories").token(beginner.token()).send().items().isEmpty());
    assertEquals(
        200, api.get(path).token(teacher.token()).send().status(), "teachers are not beginners");

    assertEquals(
        204,
        api.delete("/api/policies/" + created.json().getString("id"))
            .token(school.adminToken())
            .send()
            .status());
    assertEquals(200, api.get(path).token(beginner.token()).send().status());
  }

  @Test
  void invalidConditionsAreRefusedWithTheirPaths() {
    Api.Response r =
        api.post("/api/policies")
            .token(school.adminToken())
            .json(
                "{\"name\":\"bad\",\"resource\":\"story\",\"effect\":\"deny\",\"conditions\":[{\"field\":\"user.x\",\"operator\":\"equals\",\"value\":1},{\"field\":\"nope.y\",\"operator\":\"eq\",\"value\":1}]}")
            .send();
    assertEquals(400, r.status(), r::toString);
    String errors = r.json().getJsonArray("errors").toString();
    assertTrue(errors.contains("conditions/0/operator"), errors);
    assertTrue(errors.contains("conditions/1/field"), errors);
    assertTrue(
        api.get("/api/policies").token(school.adminToken()).send().items().stream()
            .noneMatch(p -> p.getString("name").equals("bad")));
  }

  @Test
  void onlyAdminsManagePolicies() {
    assertEquals(
        403,
        api.post("/api/policies")
            .token(teacher.token())
            .json(denyAdvancedForBeginners(1))
            .send()
            .status());
    assertEquals(403, api.get("/api/policies").token(beginner.token()).send().status());
  }

  @Test
  void aCustomRoleGrantsItsPermissionsFromTheNextRequest() {
    Api.Response role =
        api.post("/api/roles")
            .token(school.adminToken())
            .json(
                Api.obj(
                    "name",
                    "editor",
                    "description",
                    "Edits any story",
                    "grants",
                    List.of(
                        Api.obj("resource", "story", "action", "read"),
                        Api.obj("resource", "story", "action", "update"))))
            .send();
    assertEquals(201, role.status(), role::toString);
    JsonObject story = schools.story(teacher.token(), "Someone's", "beginner");
    String path = "/api/stories/" + story.getString("id");
    Schools.Person other = schools.person(school, "teacher");
    assertEquals(
        403, api.patch(path).token(other.token()).json(Api.obj("title", "Edited")).send().status());

    Api.Response assign =
        api.put("/api/users/" + other.id() + "/roles")
            .token(school.adminToken())
            .json(Api.obj("roles", List.of("teacher", "editor")))
            .send();
    assertEquals(200, assign.status(), assign::toString);
    assertEquals(
        200, api.patch(path).token(other.token()).json(Api.obj("title", "Edited")).send().status());

    assertEquals(
        204,
        api.delete("/api/roles/" + role.json().getString("id"))
            .token(school.adminToken())
            .send()
            .status());
    assertEquals(
        403, api.patch(path).token(other.token()).json(Api.obj("title", "Again")).send().status());
  }

  @Test
  void directUserPermissionsWork() {
    Api.Response r =
        api.put("/api/users/" + beginner.id() + "/permissions")
            .token(school.adminToken())
            .json(Api.obj("permissions", List.of(Api.obj("resource", "story", "action", "create"))))
            .send();
    assertEquals(200, r.status(), r::toString);
    assertEquals(
        201,
        api.post("/api/stories")
            .token(beginner.token())
            .json(Api.obj("title", "My own", "content", "x", "difficulty", "beginner"))
            .send()
            .status());
    Api.Response unknown =
        api.put("/api/users/" + beginner.id() + "/permissions")
            .token(school.adminToken())
            .json(Api.obj("permissions", List.of(Api.obj("resource", "story", "action", "fly"))))
            .send();
    assertEquals(400, unknown.status(), unknown::toString);
  }

  @Test
  void systemRolesCannotBeDeleted() {
    JsonObject admin =
        api.get("/api/roles").token(school.adminToken()).send().items().stream()
            .filter(r -> r.getString("name").equals("admin"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        409,
        api.delete("/api/roles/" + admin.getString("id"))
            .token(school.adminToken())
            .send()
            .status());
  }

  @Test
  void manifestPoliciesApply() {
    String studentToken =
        schools.token("manifest-school", "student@manifest.test", "manifest-student-pass");
    String adminToken =
        schools.token("manifest-school", "admin@manifest.test", "manifest-admin-pass");
    JsonObject p =
        api.get("/api/policies").token(adminToken).send().items().stream()
            .filter(x -> x.getString("name").equals("no-advanced-for-beginners"))
            .findFirst()
            .orElseThrow();
    assertEquals("deny", p.getString("effect"));
    assertEquals(200, api.get("/api/stories").token(studentToken).send().status());
  }
}
