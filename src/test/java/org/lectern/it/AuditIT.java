package org.lectern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit trail over HTTP: one correct entry per audited act, none for a change that rolls back,
 * secrets kept out, tampering in SQL found by verify, one unbroken chain under concurrent writers,
 * and each tenant's trail visible only to its admins and the platform.
 */
class AuditIT extends ApiTestBase {

  private Schools.School school;
  private Schools.Person teacher;

  @BeforeEach
  void school() {
    school = schools.newSchool();
    teacher = schools.person(school, "teacher");
  }

  private List<JsonObject> entries(String token, String query) {
    Api.Response r = api.get("/api/audit-logs" + query).token(token).send();
    assertEquals(200, r.status(), r::toString);
    return r.items();
  }

  private List<JsonObject> entriesOf(String type, String id) {
    return entries(school.adminToken(), "?entityType=" + type + "&entityId=" + id);
  }

  private JsonObject verify(String token) {
    Api.Response r = api.get("/api/audit-logs/verify").token(token).send();
    assertEquals(200, r.status(), r::toString);
    return r.json();
  }

  @Test
  void everyStoryActLeavesExactlyOneEntryWithWhatChanged() {
    JsonObject story = schools.story(teacher.token(), "First title", "beginner");
    String id = story.getString("id");
    Api.Response patched =
        api.patch("/api/stories/" + id)
            .token(teacher.token())
            .header("X-Request-Id", "audit-it-patch-1")
            .json(Api.obj("title", "Second title"))
            .send();
    assertEquals(200, patched.status(), patched::toString);
    assertEquals(204, api.delete("/api/stories/" + id).token(school.adminToken()).send().status());
    Api.Response restored =
        api.post("/api/stories/" + id + "/restore").token(school.adminToken()).send();
    assertEquals(200, restored.status(), restored::toString);

    List<JsonObject> log = entriesOf("story", id);
    assertEquals(
        List.of("RESTORE", "DELETE", "UPDATE", "CREATE"),
        log.stream().map(e -> e.getString("action")).toList(),
        "newest first, one entry per act");

    JsonObject created = log.get(3);
    assertEquals(teacher.id(), created.getString("actorId"));
    assertEquals("user", created.getString("actorKind"));
    assertTrue(created.isNull("oldValues"));
    assertEquals("First title", created.getJsonObject("newValues").getString("title"));

    JsonObject update = log.get(2);
    assertEquals(teacher.id(), update.getString("actorId"));
    assertEquals("audit-it-patch-1", update.getString("requestId"));
    assertNotNull(update.getString("clientAddress"));
    assertEquals("First title", update.getJsonObject("oldValues").getString("title"));
    assertEquals("Second title", update.getJsonObject("newValues").getString("title"));
    assertFalse(
        update.getJsonObject("newValues").containsKey("content"),
        "an update records only the fields that changed");

    JsonObject deleted = log.get(1);
    String adminId = api.get("/api/me").token(school.adminToken()).send().json().getString("id");
    assertEquals(adminId, deleted.getString("actorId"));
    assertTrue(deleted.getJsonObject("oldValues").isNull("deletedAt"));
    assertFalse(deleted.getJsonObject("newValues").isNull("deletedAt"));
    assertTrue(log.get(0).getJsonObject("newValues").isNull("deletedAt"));
  }

  @Test
  void secretsNeverEnterTheTrail() {
    String newPassword = "a-brand-new-secret-" + System.nanoTime();
    Api.Response changed =
        api.patch("/api/users/" + teacher.id())
            .token(school.adminToken())
            .json(Api.obj("password", newPassword))
            .send();
    assertEquals(200, changed.status(), changed::toString);

    Api.Response wrong = schools.signIn(school.slug(), teacher.email(), "not-the-password-1");
    assertEquals(401, wrong.status());
    String token = schools.token(school.slug(), teacher.email(), newPassword);

    List<JsonObject> log = entriesOf("user", teacher.id());
    List<String> actions = log.stream().map(e -> e.getString("action")).toList();
    assertEquals(List.of("LOGIN", "LOGIN_FAILED", "UPDATE", "LOGIN", "CREATE"), actions);
    JsonObject update = log.get(2);
    assertEquals("***", update.getJsonObject("oldValues").getString("passwordHash"));
    assertEquals("***", update.getJsonObject("newValues").getString("passwordHash"));
    assertEquals("***", log.get(4).getJsonObject("newValues").getString("passwordHash"));
    JsonObject failed = log.get(1);
    assertEquals("anonymous", failed.getString("actorKind"));
    assertEquals(teacher.email(), failed.getJsonObject("newValues").getString("email"));
    assertEquals(teacher.id(), log.get(0).getString("actorId"), "a sign-in is the user's act");

    String whole = api.get("/api/audit-logs?limit=100").token(school.adminToken()).send().body();
    assertFalse(whole.contains(newPassword));
    assertFalse(whole.contains("not-the-password-1"));
    assertFalse(whole.contains(teacher.password()));
    assertFalse(whole.contains("PBKDF2"), "no password hash");
    assertFalse(whole.contains(token), "no token");
  }

  @Test
  void roleAndPolicyChangesAreAuditedWithBeforeAndAfter() {
    Api.Response roles =
        api.put("/api/users/" + teacher.id() + "/roles")
            .token(school.adminToken())
            .json("{\"roles\":[\"teacher\",\"student\"]}")
            .send();
    assertEquals(200, roles.status(), roles::toString);
    JsonObject granted = entriesOf("user", teacher.id()).get(0);
    assertEquals("ROLE_GRANTED", granted.getString("action"));
    assertEquals("[\"teacher\"]", granted.getJsonObject("oldValues").get("roles").toString());
    assertEquals(
        "[\"student\",\"teacher\"]", granted.getJsonObject("newValues").get("roles").toString());

    Api.Response policy =
        api.post("/api/policies")
            .token(school.adminToken())
            .json(
                "{\"name\":\"audit-it\",\"resource\":\"story\",\"actions\":[\"read\"],"
                    + "\"effect\":\"deny\",\"priority\":5,\"conditions\":"
                    + "[{\"field\":\"resource.difficulty\",\"operator\":\"eq\",\"value\":\"advanced\"}]}")
            .send();
    assertEquals(201, policy.status(), policy::toString);
    String policyId = policy.json().getString("id");
    Api.Response changed =
        api.put("/api/policies/" + policyId)
            .token(school.adminToken())
            .json(
                "{\"name\":\"audit-it\",\"resource\":\"story\",\"actions\":[\"read\"],"
                    + "\"effect\":\"deny\",\"priority\":7,\"conditions\":"
                    + "[{\"field\":\"resource.difficulty\",\"operator\":\"eq\",\"value\":\"advanced\"}]}")
            .send();
    assertEquals(200, changed.status(), changed::toString);
    List<JsonObject> log = entriesOf("policy", policyId);
    assertEquals(
        List.of("POLICY_CHANGED", "CREATE"), log.stream().map(e -> e.getString("action")).toList());
    assertEquals(5, log.get(0).getJsonObject("oldValues").getInt("priority"));
    assertEquals(7, log.get(0).getJsonObject("newValues").getInt("priority"));
  }

  @Test
  void aChangeThatRollsBackLeavesNoEntry() throws SQLException {
    JsonObject story = schools.story(teacher.token(), "Stays as it is", "beginner");
    String id = story.getString("id");
    int before = entriesOf("story", id).size();
    // A deferred constraint trigger fails this story's update at commit, after the audit entry
    // was written in the same transaction.
    Db.execute(
        "CREATE FUNCTION audit_it_refuse() RETURNS trigger LANGUAGE plpgsql AS"
            + " $$ BEGIN RAISE EXCEPTION 'refused at commit'; END $$",
        "CREATE CONSTRAINT TRIGGER audit_it_refuse AFTER UPDATE ON stories"
            + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.id = '"
            + id
            + "') EXECUTE FUNCTION audit_it_refuse()");
    try {
      Api.Response r =
          api.patch("/api/stories/" + id)
              .token(teacher.token())
              .json(Api.obj("title", "Never saved"))
              .send();
      assertEquals(500, r.status(), r::toString);
    } finally {
      Db.execute("DROP TRIGGER audit_it_refuse ON stories", "DROP FUNCTION audit_it_refuse()");
    }
    Api.Response now = api.get("/api/stories/" + id).token(teacher.token()).send();
    assertEquals("Stays as it is", now.json().getString("title"));
    assertEquals(before, entriesOf("story", id).size(), "the entry rolled back with the change");
    assertTrue(verify(school.adminToken()).getBoolean("intact"));
  }

  @Test
  void anEntryThatCannotBeWrittenRollsTheChangeBack() throws SQLException {
    JsonObject story = schools.story(teacher.token(), "Unchanged", "beginner");
    String id = story.getString("id");
    Db.execute(
        "ALTER TABLE audit_logs ADD CONSTRAINT audit_it_refuse CHECK (entity_id <> '"
            + id
            + "') NOT VALID");
    try {
      Api.Response r =
          api.patch("/api/stories/" + id)
              .token(teacher.token())
              .json(Api.obj("title", "Not without its audit entry"))
              .send();
      assertEquals(500, r.status(), r::toString);
      assertFalse(r.body().contains("audit_it_refuse"), "no SQL in answers");
    } finally {
      Db.execute("ALTER TABLE audit_logs DROP CONSTRAINT audit_it_refuse");
    }
    assertEquals(
        "Unchanged",
        api.get("/api/stories/" + id).token(teacher.token()).send().json().getString("title"));
  }

  @Test
  void postgresRefusesToChangeOrDeleteEntries() throws SQLException {
    schools.story(teacher.token(), "Something to log", "beginner");
    assertThrows(
        SQLException.class,
        () ->
            Db.execute(
                "UPDATE audit_logs SET action = 'DELETE' WHERE tenant_id = '" + school.id() + "'"));
    assertThrows(
        SQLException.class,
        () -> Db.execute("DELETE FROM audit_logs WHERE tenant_id = '" + school.id() + "'"));
    assertTrue(verify(school.adminToken()).getBoolean("intact"));
  }

  /**
   * Tampering done as the superuser, with the append-only triggers switched off for the session.
   */
  private static void tamper(String... sql) throws SQLException {
    String[] all = new String[sql.length + 1];
    all[0] = "SET LOCAL session_replication_role = replica";
    System.arraycopy(sql, 0, all, 1, sql.length);
    Db.execute(all);
  }

  private String seqOf(String action, String entityId) throws SQLException {
    return Db.column(
            "SELECT seq FROM audit_logs WHERE tenant_id = CAST(? AS uuid) AND action = ?"
                + " AND entity_id = CAST(? AS uuid)",
            school.id(),
            action,
            entityId)
        .get(0);
  }

  @Test
  void verifyFindsAnEntryAlteredInSql() throws SQLException {
    JsonObject story = schools.story(teacher.token(), "Honest title", "beginner");
    String id = story.getString("id");
    api.patch("/api/stories/" + id).token(teacher.token()).json(Api.obj("title", "Later")).send();
    JsonObject clean = verify(school.adminToken());
    assertTrue(clean.getBoolean("intact"), clean::toString);
    assertTrue(clean.getInt("entriesChecked") >= 3);

    String seq = seqOf("CREATE", id);
    tamper(
        "UPDATE audit_logs SET actor_id = NULL WHERE tenant_id = '"
            + school.id()
            + "' AND seq = "
            + seq);
    JsonObject report = verify(school.adminToken());
    assertFalse(report.getBoolean("intact"), report::toString);
    JsonObject first = report.getJsonArray("breaks").getJsonObject(0);
    assertEquals(Long.parseLong(seq), first.getJsonNumber("seq").longValue());
    assertEquals("altered", first.getString("problem"));
  }

  @Test
  void verifyFindsADeletedEntry() throws SQLException {
    JsonObject story = schools.story(teacher.token(), "One", "beginner");
    String id = story.getString("id");
    api.patch("/api/stories/" + id).token(teacher.token()).json(Api.obj("title", "Two")).send();
    schools.story(teacher.token(), "Three", "beginner");
    String seq = seqOf("UPDATE", id);
    tamper("DELETE FROM audit_logs WHERE tenant_id = '" + school.id() + "' AND seq = " + seq);
    JsonObject report = verify(school.adminToken());
    assertFalse(report.getBoolean("intact"), report::toString);
    JsonObject first = report.getJsonArray("breaks").getJsonObject(0);
    assertEquals(Long.parseLong(seq) + 1, first.getJsonNumber("seq").longValue());
    assertEquals("missing", first.getString("problem"));
  }

  @Test
  void verifyFindsReorderedAndTruncatedEntries() throws SQLException {
    JsonObject story = schools.story(teacher.token(), "A", "beginner");
    api.patch("/api/stories/" + story.getString("id"))
        .token(teacher.token())
        .json(Api.obj("title", "B"))
        .send();
    String createSeq = seqOf("CREATE", story.getString("id"));
    String updateSeq = seqOf("UPDATE", story.getString("id"));
    String t = "tenant_id = '" + school.id() + "'";
    tamper(
        "UPDATE audit_logs SET seq = -1 WHERE " + t + " AND seq = " + createSeq,
        "UPDATE audit_logs SET seq = " + createSeq + " WHERE " + t + " AND seq = " + updateSeq,
        "UPDATE audit_logs SET seq = " + updateSeq + " WHERE " + t + " AND seq = -1");
    JsonObject reordered = verify(school.adminToken());
    assertFalse(reordered.getBoolean("intact"), reordered::toString);
    assertEquals(
        Long.parseLong(createSeq),
        reordered.getJsonArray("breaks").getJsonObject(0).getJsonNumber("seq").longValue());

    Schools.School other = schools.newSchool();
    schools.story(schools.person(other, "teacher").token(), "Last words", "beginner");
    tamper(
        "DELETE FROM audit_logs WHERE tenant_id = '"
            + other.id()
            + "' AND seq = (SELECT max(seq) FROM audit_logs WHERE tenant_id = '"
            + other.id()
            + "')");
    JsonObject truncated = verify(other.adminToken());
    assertFalse(truncated.getBoolean("intact"), truncated::toString);
    assertEquals("missing", truncated.getJsonArray("breaks").getJsonObject(0).getString("problem"));
  }

  @Test
  void concurrentWritersInOneTenantKeepOneChain() throws Exception {
    int writers = 12;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<Api.Response>> answers = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        int n = i;
        answers.add(
            pool.submit(
                () ->
                    api.post("/api/stories")
                        .token(teacher.token())
                        .json(
                            Api.obj(
                                "title", "Race " + n, "content", "x y z", "difficulty", "beginner"))
                        .send()));
      }
      for (Future<Api.Response> a : answers) {
        assertEquals(201, a.get().status(), () -> "a concurrent create failed");
      }
    } finally {
      pool.shutdown();
    }
    JsonObject report = verify(school.adminToken());
    assertTrue(report.getBoolean("intact"), report::toString);
    List<String> seqs =
        Db.column(
            "SELECT seq FROM audit_logs WHERE tenant_id = CAST(? AS uuid) ORDER BY seq",
            school.id());
    assertEquals(report.getInt("entriesChecked"), seqs.size());
    for (int i = 0; i < seqs.size(); i++) {
      assertEquals(i + 1, Integer.parseInt(seqs.get(i)), "no gaps, no duplicates");
    }
    assertEquals(seqs.size(), report.getJsonNumber("headSeq").intValue());
  }

  @Test
  void eachTenantSeesOnlyItsOwnTrail() {
    JsonObject story = schools.story(teacher.token(), "A's story", "beginner");
    Schools.School other = schools.newSchool();
    Schools.Person student = schools.person(school, "student");

    List<JsonObject> theirs = entries(other.adminToken(), "?limit=100");
    Set<String> seen = new HashSet<>();
    theirs.forEach(e -> seen.add(e.isNull("entityId") ? "" : e.getString("entityId")));
    assertFalse(seen.contains(story.getString("id")));
    assertFalse(seen.contains(teacher.id()));
    assertTrue(
        entries(other.adminToken(), "?entityType=story&entityId=" + story.getString("id"))
            .isEmpty());
    assertEquals(403, api.get("/api/audit-logs").token(student.token()).send().status());
    assertEquals(403, api.get("/api/audit-logs/verify").token(teacher.token()).send().status());

    // The platform sees the tenant's trail when it names the tenant, and its own acts otherwise.
    Api.Response inTenant =
        api.get("/api/audit-logs?entityType=story&entityId=" + story.getString("id"))
            .token(schools.rootToken())
            .header("X-Tenant-Id", school.slug())
            .send();
    assertEquals(200, inTenant.status(), inTenant::toString);
    assertEquals(1, inTenant.items().size());
  }

  @Test
  void aSuperAdminActingInASchoolIsRecordedAsSuch() {
    JsonObject story = schools.story(teacher.token(), "Fixed by support", "beginner");
    Api.Response r =
        api.patch("/api/stories/" + story.getString("id"))
            .token(schools.rootToken())
            .header("X-Tenant-Id", school.slug())
            .json(Api.obj("difficulty", "elementary"))
            .send();
    assertEquals(200, r.status(), r::toString);
    JsonObject entry = entriesOf("story", story.getString("id")).get(0);
    assertEquals("UPDATE", entry.getString("action"));
    assertEquals("platform", entry.getString("actorKind"));
    assertEquals(Schools.ROOT_EMAIL, entry.getString("actorEmail"));
    assertEquals("elementary", entry.getJsonObject("newValues").getString("difficulty"));
  }

  @Test
  void platformActsAreInThePlatformsChain() {
    String root = schools.rootToken();
    assertEquals(
        200,
        api.post("/api/platform/tenants/" + school.id() + "/suspend").token(root).send().status());
    assertEquals(
        200,
        api.post("/api/platform/tenants/" + school.id() + "/reactivate")
            .token(root)
            .send()
            .status());
    List<JsonObject> log = entries(root, "?entityType=tenant&entityId=" + school.id());
    assertEquals(
        List.of("REACTIVATE", "SUSPEND", "CREATE"),
        log.stream().map(e -> e.getString("action")).toList());
    assertEquals("platform", log.get(1).getString("actorKind"));
    assertEquals("active", log.get(1).getJsonObject("oldValues").getString("status"));
    assertEquals("suspended", log.get(1).getJsonObject("newValues").getString("status"));
    JsonObject platform = verify(root);
    assertEquals("platform", platform.getString("chain"));
    assertTrue(platform.getBoolean("intact"), platform::toString);
    // The school's own admins do not see platform acts.
    assertTrue(entries(school.adminToken(), "?entityType=tenant").isEmpty());
  }

  @Test
  void badFiltersAreRefusedClearly() {
    for (String q :
        List.of("?action=EXPLODE", "?from=yesterday", "?entityId=42", "?limit=0", "?cursor=zz!")) {
      Api.Response r = api.get("/api/audit-logs" + q).token(school.adminToken()).send();
      assertEquals(400, r.status(), () -> q + " gave " + r);
      assertEquals("application/problem+json", r.contentType());
    }
    Api.Response byAction =
        api.get("/api/audit-logs?action=CREATE&userId=" + teacher.id())
            .token(school.adminToken())
            .send();
    assertEquals(200, byAction.status());
    assertTrue(byAction.items().isEmpty(), "the teacher has created nothing yet");
  }

  @Test
  void pagesAreNewestFirstWithACursor() {
    for (int i = 0; i < 5; i++) {
      schools.story(teacher.token(), "Paged " + i, "beginner");
    }
    List<Long> seqs = new ArrayList<>();
    String cursor = null;
    do {
      Api.Response page =
          api.get(
                  "/api/audit-logs?entityType=story&limit=2"
                      + (cursor == null ? "" : "&cursor=" + cursor))
              .token(school.adminToken())
              .send();
      page.items().forEach(e -> seqs.add(e.getJsonNumber("seq").longValue()));
      cursor = page.json().isNull("nextCursor") ? null : page.json().getString("nextCursor");
    } while (cursor != null);
    assertEquals(5, seqs.size());
    for (int i = 1; i < seqs.size(); i++) {
      assertTrue(seqs.get(i) < seqs.get(i - 1), "newest first");
    }
  }
}
