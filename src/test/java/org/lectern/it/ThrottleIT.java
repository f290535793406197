package org.lectern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Sign-in throttling and request quotas. The IT server trusts {@code X-Forwarded-For}, so each test
 * plays its clients from addresses of its own; its quota is {@code lectern.rate.user-per-minute} =
 * 400 (arquillian.xml): low enough to reach here, high enough that the platform root account, which
 * every IT class shares, never reaches it.
 */
class ThrottleIT extends ApiTestBase {

  private static final int USER_PER_MINUTE = 400;
  private static final int ADDRESS_FAILURES_PER_MINUTE = 30;
  private static final int ACCOUNT_FAILURES_PER_HOUR = 20; // arquillian.xml

  private static String newAddress() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
  }

  private Api.Response signIn(String address, String tenant, String email, String password) {
    return api.post("/api/auth/token")
        .header("X-Forwarded-For", address)
        .json(Api.obj("tenant", tenant, "email", email, "password", password))
        .send();
  }

  private static void assertRateLimited(Api.Response r, int limit) {
    assertEquals(429, r.status(), r::toString);
    assertEquals("auth.too-many-attempts", r.code());
    long retry = Long.parseLong(r.header("Retry-After"));
    assertTrue(retry >= 1, r::toString);
    assertEquals(Integer.toString(limit), r.header("RateLimit-Limit"));
    assertEquals("0", r.header("RateLimit-Remaining"));
    assertEquals(Long.toString(retry), r.header("RateLimit-Reset"));
  }

  private static String pairKey(String slug, String email, String address) throws Exception {
    byte[] d =
        MessageDigest.getInstance("SHA-256")
            .digest((slug + "|" + email + "|" + address).getBytes(StandardCharsets.UTF_8));
    return "signin:pair:" + Base64.getUrlEncoder().withoutPadding().encodeToString(d);
  }

  @Test
  void anAttackersFailuresDoNotLockTheOwnerOutFromElsewhere() throws Exception {
    Schools.School school = schools.newSchool();
    Schools.Person owner = schools.person(school, "student");
    String attacker = newAddress();
    for (int i = 0; i < 5; i++) {
      assertEquals(
          401, signIn(attacker, school.slug(), owner.email(), "wrong-password-1").status());
    }
    // The attacker's address now waits, even with the right password ...
    assertRateLimited(signIn(attacker, school.slug(), owner.email(), owner.password()), 5);
    // ... and the owner, from their own address, is not affected.
    Api.Response own = signIn(newAddress(), school.slug(), owner.email(), owner.password());
    assertEquals(200, own.status(), own::toString);

    // The counter is in the database, where every node reads it.
    List<String> count =
        Db.column(
            "SELECT count FROM rate_limits WHERE key = ? AND blocked_until > now()",
            pairKey(school.slug(), owner.email(), attacker));
    assertEquals(List.of("5"), count);
  }

  @Test
  void guessingFromManyAddressesLeavesTheOwnerOnlyTheAddressesTheyUse() {
    Schools.School school = schools.newSchool();
    Schools.Person owner = schools.person(school, "student");
    Schools.Person classmate = schools.person(school, "student");
    String home = newAddress();
    assertEquals(200, signIn(home, school.slug(), owner.email(), owner.password()).status());

    for (int i = 0; i < ACCOUNT_FAILURES_PER_HOUR; i++) {
      Api.Response r = signIn(newAddress(), school.slug(), owner.email(), "guess-" + i);
      assertEquals(401, r.status(), r::toString);
    }

    Api.Response fromElsewhere =
        signIn(newAddress(), school.slug(), owner.email(), owner.password());
    assertRateLimited(fromElsewhere, ACCOUNT_FAILURES_PER_HOUR);
    assertTrue(
        fromElsewhere.json().getString("detail").contains("address it has used before"),
        fromElsewhere::toString);
    assertEquals(
        200,
        signIn(home, school.slug(), owner.email(), owner.password()).status(),
        "the owner's own address still signs in");
    assertEquals(
        200,
        signIn(newAddress(), school.slug(), classmate.email(), classmate.password()).status(),
        "other accounts are not affected");
  }

  @Test
  void sprayingManyAccountsFromOneAddressIsStopped() throws Exception {
    Schools.School school = schools.newSchool();
    Schools.Person p = schools.person(school, "teacher");
    String sprayer = newAddress();
    for (int i = 0; i < ADDRESS_FAILURES_PER_MINUTE; i++) {
      Api.Response r = signIn(sprayer, school.slug(), "guess" + i + "@x.test", "Summer2024!");
      assertEquals(401, r.status(), r::toString);
    }
    Api.Response stopped = signIn(sprayer, school.slug(), p.email(), p.password());
    assertRateLimited(stopped, ADDRESS_FAILURES_PER_MINUTE);
    assertTrue(Long.parseLong(stopped.header("Retry-After")) <= 60, stopped::toString);
    // Unknown schools count too, so the sprayer cannot move to names that exist nowhere.
    assertEquals(429, signIn(sprayer, "no-such-school", "a@x.test", "Summer2024!").status());
    assertEquals(200, signIn(newAddress(), school.slug(), p.email(), p.password()).status());

    assertEquals(
        List.of(Integer.toString(ADDRESS_FAILURES_PER_MINUTE)),
        Db.column(
            "SELECT count FROM rate_limits WHERE key = ? AND expires_at > now()",
            "signin:address:" + sprayer));
  }

  @Test
  void aRightPasswordClearsOnlyItsOwnAddressFailures() throws Exception {
    Schools.School school = schools.newSchool();
    Schools.Person p = schools.person(school, "student");
    String home = newAddress();
    for (int i = 0; i < 3; i++) {
      assertEquals(401, signIn(home, school.slug(), p.email(), "typo-password-1").status());
    }
    assertEquals(200, signIn(home, school.slug(), p.email(), p.password()).status());
    assertTrue(
        Db.column(
                "SELECT key FROM rate_limits WHERE key = ?",
                pairKey(school.slug(), p.email(), home))
            .isEmpty(),
        "the owner's own typos are forgotten once they sign in");
  }

  @Test
  void aUserPastTheirQuotaGets429WithTheRateLimitFields() throws Exception {
    Schools.School school = schools.newSchool();
    Schools.Person p = schools.person(school, "student");
    Api.Response last = null;
    // A minute boundary may reset the count once on the way, hence up to two minutes' worth.
    for (int i = 0; i < 2 * USER_PER_MINUTE + 2; i++) {
      last = api.get("/api/me").token(p.token()).send();
      if (last.status() != 200) {
        break;
      }
      assertNotNull(last.header("X-Request-Id"));
    }
    assertEquals(429, last.status(), last::toString);
    assertEquals("rate.user-quota", last.code());
    assertTrue(last.contentType().startsWith("application/problem+json"));
    long retry = Long.parseLong(last.header("Retry-After"));
    assertTrue(retry >= 1 && retry <= 60, last::toString);
    assertEquals(Integer.toString(USER_PER_MINUTE), last.header("RateLimit-Limit"));
    assertEquals("0", last.header("RateLimit-Remaining"));
    assertEquals(Long.toString(retry), last.header("RateLimit-Reset"));
    // Another user of the same school is not held up by this one.
    assertEquals(200, api.get("/api/me").token(school.adminToken()).send().status());

    // Each node merges its counts into the table every second (the IT server's sync interval).
    String like = "quota:user:" + p.id() + ":%";
    List<String> rows = List.of();
    for (int i = 0; i < 50 && rows.isEmpty(); i++) {
      Thread.sleep(200);
      rows = Db.column("SELECT count FROM rate_limits WHERE key LIKE ?", like);
    }
    assertFalse(rows.isEmpty(), "the user's count reaches the shared table");
  }
}
