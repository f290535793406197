package org.lectern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Hostile bodies cost bounded, linear work and get a 400 problem document, never a 500: many
 * unknown fields, deep nesting, and text PostgreSQL cannot store.
 */
class InputLimitsIT extends ApiTestBase {

  private static void isCleanProblem(Api.Response r) {
    assertEquals(400, r.status(), r::toString);
    assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
    assertFalse(r.body().contains("Exception"), r.body());
    assertFalse(r.body().contains("org.lectern"), r.body());
    assertFalse(r.body().contains("jakarta."), r.body());
  }

  @Test
  void manyUnknownFieldsListFiftyErrorsAndCountTheRest() {
    StringBuilder b = new StringBuilder("{\"tenant\":\"x\",\"email\":\"a@b.c\",\"password\":\"p\"");
    for (int i = 0; i < 50_000; i++) {
      b.append(",\"k").append(i).append("\":1");
    }
    Api.Response r = api.post("/api/auth/token").json(b.append('}').toString()).send();
    isCleanProblem(r);
    assertEquals(50, r.json().getJsonArray("errors").size());
    assertEquals(49_950, r.json().getInt("moreErrors"));
    assertEquals("k0", r.json().getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  @Test
  void deepNestingIs400() {
    Schools.School school = schools.newSchool();
    for (int depth : new int[] {65, 1_000, 100_000}) {
      String body = "{\"title\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
      isCleanProblem(api.post("/api/auth/token").json(body).send());
      isCleanProblem(api.post("/api/stories").token(school.adminToken()).json(body).send());
    }
  }

  @Test
  void nulInATextFieldIs400NamingTheFieldAndChangesNothing() {
    Schools.School school = schools.newSchool();
    Schools.Person teacher = schools.person(school, "teacher");
    Api.Response signIn =
        api.post("/api/auth/token")
            .json(Api.obj("tenant", school.slug(), "email", "a\u0000@b.c", "password", "p"))
            .send();
    isCleanProblem(signIn);
    assertEquals("email", signIn.json().getJsonArray("errors").getJsonObject(0).getString("field"));

    Api.Response story =
        api.post("/api/stories")
            .token(teacher.token())
            .json(Api.obj("title", "bad\u0000title", "content", "x", "difficulty", "beginner"))
            .send();
    isCleanProblem(story);
    assertEquals("title", story.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(0, api.get("/api/stories").token(teacher.token()).send().items().size());

    // Sent as the JSON escape: a lone surrogate cannot travel as UTF-8 text.
    Api.Response user =
        api.patch("/api/users/" + teacher.id())
            .token(school.adminToken())
            .json("{\"displayName\":\"lone \\ud800 surrogate\"}")
            .send();
    isCleanProblem(user);
    assertEquals(
        "displayName", user.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    Api.Response me = api.get("/api/me").token(teacher.token()).send();
    assertEquals("Person " + teacher.email(), me.json().getString("displayName"), me::toString);
  }
}
