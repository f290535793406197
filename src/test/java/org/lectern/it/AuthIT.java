package org.lectern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Sign-in, tokens, and what happens to them when accounts change. */
class AuthIT extends ApiTestBase {

  private static JsonObject claims(String token) {
    String payload =
        new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    return Json.createReader(new StringReader(payload)).readObject();
  }

  @Test
  void tokenCarriesTheMicroProfileJwtClaims() {
    Schools.School school = schools.newSchool();
    Schools.Person teacher = schools.person(school, "teacher");
    Api.Response r = schools.signIn(school.slug(), teacher.email(), teacher.password());
    assertEquals(200, r.status());
    assertEquals("Bearer", r.json().getString("token_type"));
    assertTrue(r.json().getInt("expires_in") > 0);
    JsonObject c = claims(r.json().getString("access_token"));
    assertEquals("lectern", c.getString("iss"));
    assertEquals(teacher.id(), c.getString("sub"));
    assertEquals(teacher.email(), c.getString("upn"));
    assertEquals(school.id(), c.getString("tenant"));
    assertEquals("[\"teacher\"]", c.getJsonArray("groups").toString());
    assertNotNull(c.get("aud"));
    assertNotNull(c.getString("jti"));
    assertTrue(c.getJsonNumber("exp").longValue() > c.getJsonNumber("iat").longValue());
  }

  @Test
  void wrongTenantEmailOrPasswordAllLookTheSame() {
    Schools.School school = schools.newSchool();
    Schools.Person p = schools.person(school, "student");
    Api.Response badPassword = schools.signIn(school.slug(), p.email(), "wrong-password-1");
    Api.Response badEmail = schools.signIn(school.slug(), "nobody@x.test", p.password());
    Api.Response badTenant = schools.signIn("no-such-school", p.email(), p.password());
    for (Api.Response r : new Api.Response[] {badPassword, badEmail, badTenant}) {
      assertEquals(401, r.status(), r::toString);
      assertEquals("auth.invalid-credentials", r.code());
      assertEquals(badPassword.json().getString("detail"), r.json().getString("detail"));
    }
  }

  @Test
  void repeatedFailuresAreSlowedDown() {
    Schools.School school = schools.newSchool();
    Schools.Person p = schools.person(school, "student");
    JsonObject wrong =
        Api.obj("tenant", school.slug(), "email", p.email(), "password", "wrong-password-1");
    // From an address of its own: the IT server trusts X-Forwarded-For (arquillian.xml).
    String address = "192.0.2." + (1 + new java.util.Random().nextInt(254));
    for (int i = 0; i < 5; i++) {
      assertEquals(
          401,
          api.post("/api/auth/token")
              .header("X-Forwarded-For", address)
              .json(wrong)
              .send()
              .status());
    }
    Api.Response throttled =
        api.post("/api/auth/token")
            .header("X-Forwarded-For", address)
            .json(Api.obj("tenant", school.slug(), "email", p.email(), "password", p.password()))
            .send();
    assertEquals(429, throttled.status(), throttled::toString);
    assertNotNull(throttled.header("Retry-After"));
  }

  @Test
  void deactivatedUsersTokenStopsWorkingAtOnce() {
    Schools.School school = schools.newSchool();
    Schools.Person teacher = schools.person(school, "teacher");
    assertEquals(200, api.get("/api/me").token(teacher.token()).send().status());
    assertEquals(
        204, api.delete("/api/users/" + teacher.id()).token(school.adminToken()).send().status());
    Api.Response r = api.get("/api/me").token(teacher.token()).send();
    assertEquals(401, r.status(), r::toString);
    assertEquals(401, schools.signIn(school.slug(), teacher.email(), teacher.password()).status());
  }

  @Test
  void missingOrForgedTokensAre401ProblemDocuments() throws Exception {
    Api.Response none = api.get("/api/stories").send();
    assertEquals(401, none.status());
    assertTrue(none.contentType().startsWith("application/problem+json"));

    Schools.School school = schools.newSchool();
    String real = school.adminToken();
    String[] parts = real.split("\\.");
    var kpg = KeyPairGenerator.getInstance("RSA");
    kpg.initialize(2048);
    Signature sig = Signature.getInstance("SHA256withRSA");
    sig.initSign(kpg.generateKeyPair().getPrivate());
    sig.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    String forged =
        parts[0]
            + "."
            + parts[1]
            + "."
            + Base64.getUrlEncoder().withoutPadding().encodeToString(sig.sign());
    Api.Response r = api.get("/api/me").token(forged).header("X-Request-Id", "forged-1").send();
    assertEquals(401, r.status(), r::toString);
    assertEquals("forged-1", r.header("X-Request-Id"), "even the container's own 401 has the id");
    assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
    assertEquals(401, api.get("/api/me").token("not.a.token").send().status());
  }

  @Test
  void meDescribesTheCaller() {
    Schools.School school = schools.newSchool();
    Schools.Person s =
        schools.person(school, Api.obj("readingLevel", "beginner", "gradeLevel", "3"), "student");
    Api.Response r = api.get("/api/me").token(s.token()).send();
    assertEquals(200, r.status());
    assertEquals(s.email(), r.json().getString("email"));
    assertEquals("beginner", r.json().getJsonObject("profile").getString("readingLevel"));
    assertEquals(school.slug(), r.json().getJsonObject("tenant").getString("slug"));
    assertTrue(!r.body().contains("password"), "no password material in /api/me");
  }

  @Test
  void platformAccountsSignInWithoutATenant() {
    Api.Response me = api.get("/api/me").token(schools.rootToken()).send();
    assertEquals(200, me.status(), me::toString);
    assertTrue(me.json().getBoolean("platform"));
    assertTrue(me.json().getJsonArray("roles").toString().contains("super_admin"));
  }
}
