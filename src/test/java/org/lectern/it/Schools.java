package org.lectern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builders for what integration tests need: schools provisioned over the API by the platform
 * super-admin, their people, and signed-in tokens. Every test makes its own school, so no test
 * depends on another's data or order.
 */
public final class Schools {

  public static final String ROOT_EMAIL = "root@lectern.test";
  private static final AtomicInteger SEQ = new AtomicInteger();

  private final Api api;
  private String rootToken;

  public Schools(Api api) {
    this.api = api;
  }

  /** A provisioned school with its admin signed in. */
  public record School(String id, String slug, String adminToken) {}

  /** A user of a school, signed in. */
  public record Person(String id, String email, String password, String token) {}

  public String rootToken() {
    if (rootToken == null) {
      rootToken = token(null, ROOT_EMAIL, System.getProperty("lectern.it.admin.password"));
    }
    return rootToken;
  }

  public School newSchool() {
    String slug =
        "school-" + UUID.randomUUID().toString().substring(0, 8) + "-" + SEQ.incrementAndGet();
    String adminEmail = "admin@" + slug + ".test";
    String password = "admin-pass-" + slug;
    Api.Response r =
        api.post("/api/platform/tenants")
            .token(rootToken())
            .json(
                Api.obj(
                    "slug",
                    slug,
                    "name",
                    "School " + slug,
                    "admin",
                    Api.obj(
                        "email", adminEmail, "password", password, "displayName", "Admin " + slug)))
            .send();
    assertEquals(201, r.status(), () -> "provisioning failed: " + r);
    return new School(r.json().getString("id"), slug, token(slug, adminEmail, password));
  }

  /** A new user of the school with these roles, signed in. */
  public Person person(School school, String... roles) {
    return person(school, Api.obj(), roles);
  }

  /** A new user with extra profile fields ({@code readingLevel}, ...). */
  public Person person(School school, JsonObject profile, String... roles) {
    String email =
        "p"
            + SEQ.incrementAndGet()
            + "-"
            + UUID.randomUUID().toString().substring(0, 6)
            + "@"
            + school.slug()
            + ".test";
    String password = "pass-" + UUID.randomUUID();
    var body =
        jakarta.json.Json.createObjectBuilder(profile)
            .add("email", email)
            .add("displayName", "Person " + email)
            .add("password", password)
            .add("roles", jakarta.json.Json.createArrayBuilder(List.of(roles)))
            .build();
    Api.Response r = api.post("/api/users").token(school.adminToken()).json(body).send();
    assertEquals(201, r.status(), () -> "user creation failed: " + r);
    return new Person(
        r.json().getString("id"), email, password, token(school.slug(), email, password));
  }

  /** A sign-in attempt, whatever its answer. */
  public Api.Response signIn(String tenant, String email, String password) {
    return api.post("/api/auth/token")
        .json(Api.obj("tenant", tenant, "email", email, "password", password))
        .send();
  }

  public String token(String tenant, String email, String password) {
    Api.Response r = signIn(tenant, email, password);
    assertEquals(200, r.status(), () -> "sign-in failed for " + email + ": " + r);
    return r.json().getString("access_token");
  }

  /** A story created by this author; returns its JSON. */
  public JsonObject story(String token, String title, String difficulty) {
    Api.Response r =
        api.post("/api/stories")
            .token(token)
            .json(
                Api.obj(
                    "title",
                    title,
                    "content",
                    "Once upon a time there was " + title + ".",
                    "difficulty",
                    difficulty))
            .send();
    assertEquals(201, r.status(), () -> "story creation failed: " + r);
    return r.json();
  }

  /**
   * Publishes a story as the school's admin, who may act alone on a story someone else wrote (an
   * admin could approve it).
   */
  public void publish(School school, String storyId) {
    Api.Response r =
        api.post("/api/stories/" + storyId + "/publish").token(school.adminToken()).send();
    assertEquals(200, r.status(), () -> "publishing failed: " + r);
  }
}
