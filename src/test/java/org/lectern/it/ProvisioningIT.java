package org.lectern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Platform super-admins provision and run tenants; nobody else can. */
class ProvisioningIT extends ApiTestBase {

  private JsonObject tenant(String slug, String adminEmail) {
    return Api.obj(
        "slug",
        slug,
        "name",
        "Lincoln High",
        "admin",
        Api.obj("email", adminEmail, "password", "a-long-password-1", "displayName", "Principal"));
  }

  @Test
  void superAdminProvisionsASchoolWhoseAdminCanSignIn() {
    String slug = "lincoln-" + UUID.randomUUID().toString().substring(0, 8);
    Api.Response r =
        api.post("/api/platform/tenants")
            .token(schools.rootToken())
            .json(tenant(slug, "p@" + slug + ".test"))
            .send();
    assertEquals(201, r.status(), r::toString);
    JsonObject body = r.json();
    assertEquals(slug, body.getString("slug"));
    assertEquals("Lincoln High", body.getString("name"));
    assertEquals("active", body.getString("status"));
    assertTrue(
        r.header("Location").endsWith("/api/platform/tenants/" + body.getString("id")),
        r.header("Location"));

    String adminToken = schools.token(slug, "p@" + slug + ".test", "a-long-password-1");
    Api.Response me = api.get("/api/me").token(adminToken).send();
    assertEquals(200, me.status(), me::toString);
    assertEquals(slug, me.json().getJsonObject("tenant").getString("slug"));
    assertTrue(me.json().getJsonArray("roles").toString().contains("\"admin\""), me::toString);

    Api.Response get =
        api.get("/api/platform/tenants/" + body.getString("id")).token(schools.rootToken()).send();
    assertEquals(200, get.status());
    assertEquals(slug, get.json().getString("slug"));
  }

  @Test
  void duplicateSlugIsAConflictAndCreatesNothing() {
    Schools.School school = schools.newSchool();
    Api.Response r =
        api.post("/api/platform/tenants")
            .token(schools.rootToken())
            .json(tenant(school.slug(), "other@x.test"))
            .send();
    assertEquals(409, r.status(), r::toString);
    assertEquals("tenant.slug-taken", r.code());
    assertEquals(401, schools.signIn(school.slug(), "other@x.test", "a-long-password-1").status());
  }

  @Test
  void badSlugAndEmailAreFieldErrors() {
    Api.Response r =
        api.post("/api/platform/tenants")
            .token(schools.rootToken())
            .json(tenant("Bad Slug!", "not-an-email"))
            .send();
    assertEquals(400, r.status(), r::toString);
    assertTrue(r.contentType().startsWith("application/problem+json"));
    String errors = r.json().getJsonArray("errors").toString();
    assertTrue(errors.contains("\"slug\""), errors);
    assertTrue(errors.contains("\"admin.email\""), errors);
  }

  @Test
  void schoolPeopleCannotProvisionOrListTenants() {
    Schools.School school = schools.newSchool();
    Api.Response r =
        api.post("/api/platform/tenants")
            .token(school.adminToken())
            .json(tenant("sneaky-" + UUID.randomUUID().toString().substring(0, 6), "x@y.test"))
            .send();
    assertEquals(403, r.status(), r::toString);
    assertEquals(403, api.get("/api/platform/tenants").token(school.adminToken()).send().status());
  }

  @Test
  void suspendedSchoolIsLockedOutUntilReactivated() {
    Schools.School school = schools.newSchool();
    Schools.Person teacher = schools.person(school, "teacher");
    assertEquals(200, api.get("/api/stories").token(teacher.token()).send().status());

    Api.Response s =
        api.post("/api/platform/tenants/" + school.id() + "/suspend")
            .token(schools.rootToken())
            .send();
    assertEquals(200, s.status(), s::toString);
    assertEquals("suspended", s.json().getString("status"));

    Api.Response blocked = api.get("/api/stories").token(teacher.token()).send();
    assertEquals(403, blocked.status(), blocked::toString);
    assertEquals("tenant.suspended", blocked.code());
    assertEquals(403, api.get("/api/me").token(school.adminToken()).send().status());
    Api.Response login = schools.signIn(school.slug(), teacher.email(), teacher.password());
    assertEquals(403, login.status(), login::toString);

    assertEquals(
        200,
        api.post("/api/platform/tenants/" + school.id() + "/reactivate")
            .token(schools.rootToken())
            .send()
            .status());
    assertEquals(200, api.get("/api/stories").token(teacher.token()).send().status());
  }

  @Test
  void tenantListIsPaginatedWithACursor() {
    schools.newSchool();
    schools.newSchool();
    Api.Response first = api.get("/api/platform/tenants?limit=1").token(schools.rootToken()).send();
    assertEquals(200, first.status());
    assertEquals(1, first.items().size());
    String cursor = first.json().getString("nextCursor");
    assertNotNull(cursor);
    Api.Response second =
        api.get("/api/platform/tenants?limit=1&cursor=" + cursor).token(schools.rootToken()).send();
    assertEquals(1, second.items().size());
    assertTrue(!first.items().get(0).getString("id").equals(second.items().get(0).getString("id")));
  }

  @Test
  void manifestSchoolWasAppliedAtStart() {
    String token =
        schools.token("manifest-school", "student@manifest.test", "manifest-student-pass");
    Api.Response me = api.get("/api/me").token(token).send();
    assertEquals(200, me.status(), me::toString);
    assertEquals("Manifest School", me.json().getJsonObject("tenant").getString("name"));
    assertTrue(me.json().getJsonArray("roles").toString().contains("student"));
  }

  @Test
  void aSuperAdminActingInASchoolCanStillProvisionAnother() {
    Schools.School acting = schools.newSchool();
    String slug = "second-" + UUID.randomUUID().toString().substring(0, 8);
    Api.Response r =
        api.post("/api/platform/tenants")
            .token(schools.rootToken())
            .header("X-Tenant-Id", acting.slug())
            .json(tenant(slug, "p@" + slug + ".test"))
            .send();
    assertEquals(201, r.status(), r::toString);
    String adminToken = schools.token(slug, "p@" + slug + ".test", "a-long-password-1");
    Api.Response me = api.get("/api/me").token(adminToken).send();
    assertEquals(slug, me.json().getJsonObject("tenant").getString("slug"), me::toString);
    assertTrue(me.json().getJsonArray("roles").toString().contains("\"admin\""), me::toString);
    Api.Response actingUsers = api.get("/api/users?limit=100").token(acting.adminToken()).send();
    assertTrue(
        actingUsers.items().stream().noneMatch(u -> u.getString("email").endsWith(slug + ".test")),
        "the new school's admin went into the new school, not the one named by the header");
  }

  @Test
  void aManifestWithAnUnknownFieldIsSkippedWhole() {
    // it-tenants/typo-school.json has a valid admin and a teacher with a field manifests lack.
    assertEquals(401, schools.signIn("typo-school", "admin@typo.test", "typo-admin-pass").status());
    assertEquals(
        401, schools.signIn("typo-school", "teacher@typo.test", "typo-teacher-pass").status());
  }
}
