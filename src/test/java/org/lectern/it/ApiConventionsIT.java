package org.lectern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What every REST client can count on: request ids, problem documents, health, OpenAPI. */
class ApiConventionsIT extends ApiTestBase {

  @Test
  void requestIdIsEchoedOrMade() {
    Api.Response echoed = api.get("/api/me").header("X-Request-Id", "client-abc-123").send();
    assertEquals("client-abc-123", echoed.header("X-Request-Id"));
    assertEquals("client-abc-123", echoed.json().getString("requestId"));
    Api.Response made = api.get("/api/me").send();
    assertNotNull(made.header("X-Request-Id"));
  }

  @Test
  void unknownPathsAndWrongMediaTypesAreProblems() {
    Schools.School school = schools.newSchool();
    Api.Response missing = api.get("/api/nothing-here").token(school.adminToken()).send();
    assertEquals(404, missing.status());
    assertTrue(missing.contentType().startsWith("application/problem+json"));
    Api.Response text =
        api.post("/api/stories").token(school.adminToken()).raw("title=x", "text/plain").send();
    assertEquals(415, text.status(), text::toString);
    assertTrue(text.contentType().startsWith("application/problem+json"));
  }

  @Test
  void oversizedBodiesAre413() {
    Schools.School school = schools.newSchool();
    String huge =
        "{\"title\":\"x\",\"content\":\""
            + "a".repeat(1_100_000)
            + "\",\"difficulty\":\"beginner\"}";
    Api.Response r =
        api.post("/api/stories").token(school.adminToken()).expectContinue().json(huge).send();
    assertEquals(
        413,
        r.status(),
        () -> r.status() + " " + r.body().substring(0, Math.min(200, r.body().length())));
    assertTrue(r.contentType().startsWith("application/problem+json"));
  }

  @Test
  void errorsNeverLeakInternals() {
    Schools.School school = schools.newSchool();
    Api.Response r = api.get("/api/stories/not-a-uuid").token(school.adminToken()).send();
    assertEquals(404, r.status());
    assertFalse(r.body().contains("Exception"), r.body());
    assertFalse(r.body().contains("org.lectern"), r.body());
  }

  @Test
  void readinessChecksTheDatabase() {
    Api.Response r = api.get("/health/ready").send();
    assertEquals(200, r.status(), r::toString);
    assertTrue(r.body().contains("database"), r.body());
  }

  @Test
  void openApiDescribesTheApi() {
    Api.Response r = api.get("/openapi").header("Accept", "application/json").send();
    assertEquals(200, r.status());
    assertTrue(r.body().contains("/api/stories"), "stories are documented");
    assertTrue(r.body().contains("/api/platform/tenants"), "provisioning is documented");
  }

  @Test
  void aRetriedPostWithTheSameIdempotencyKeyCreatesOnce() {
    Schools.School school = schools.newSchool();
    var body = Api.obj("title", "Once", "content", "only once", "difficulty", "beginner");
    Api.Response first =
        api.post("/api/stories")
            .token(school.adminToken())
            .header("Idempotency-Key", "k-1")
            .json(body)
            .send();
    Api.Response retry =
        api.post("/api/stories")
            .token(school.adminToken())
            .header("Idempotency-Key", "k-1")
            .json(body)
            .send();
    assertEquals(201, first.status(), first::toString);
    assertEquals(201, retry.status(), retry::toString);
    assertEquals("true", retry.header("Idempotent-Replayed"));
    assertEquals(first.json().getString("id"), retry.json().getString("id"));
    assertEquals(first.header("Location"), retry.header("Location"));
    assertNotNull(first.header("ETag"));
    assertEquals(first.header("ETag"), retry.header("ETag"), "a replay carries the same ETag");
    Api.Response list = api.get("/api/stories").token(school.adminToken()).send();
    assertEquals(1, list.items().size());
    assertEquals(null, list.header("ETag"), "lists have no ETag");

    Api.Response reused =
        api.post("/api/stories")
            .token(school.adminToken())
            .header("Idempotency-Key", "k-1")
            .json(Api.obj("title", "Other", "content", "x", "difficulty", "beginner"))
            .send();
    assertEquals(409, reused.status(), reused::toString);
    assertEquals("idempotency.key-reused", reused.code());

    Api.Response fresh =
        api.post("/api/stories")
            .token(school.adminToken())
            .header("Idempotency-Key", "k-2")
            .json(body)
            .send();
    assertEquals(201, fresh.status());
    assertEquals(2, api.get("/api/stories").token(school.adminToken()).send().items().size());
  }

  @Test
  void idempotencyKeysBelongToTheirCaller() {
    Schools.School a = schools.newSchool();
    Schools.School b = schools.newSchool();
    var body = Api.obj("title", "Mine", "content", "x", "difficulty", "beginner");
    Api.Response inA =
        api.post("/api/stories")
            .token(a.adminToken())
            .header("Idempotency-Key", "shared")
            .json(body)
            .send();
    Api.Response inB =
        api.post("/api/stories")
            .token(b.adminToken())
            .header("Idempotency-Key", "shared")
            .json(body)
            .send();
    assertEquals(201, inB.status(), inB::toString);
    assertEquals(null, inB.header("Idempotent-Replayed"));
    assertTrue(
        !inA.json().getString("id").equals(inB.json().getString("id")), "no replay across schools");
  }
}
