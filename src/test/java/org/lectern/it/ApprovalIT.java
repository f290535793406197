package org.lectern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The approval workflow over HTTP: a teacher's publish request waits for someone else's approval,
 * students see the story only after it, and every way of deciding wrongly is refused.
 */
class ApprovalIT extends ApiTestBase {

  private Schools.School school;
  private Schools.Person teacher;
  private Schools.Person student;
  private Schools.Person secondAdmin;

  @BeforeEach
  void school() {
    school = schools.newSchool();
    teacher = schools.person(school, "teacher");
    student = schools.person(school, "student");
    secondAdmin = schools.person(school, "admin");
  }

  /** A teacher's story and their request to publish it, answered 202. */
  private JsonObject requestPublication(JsonObject story) {
    Api.Response r =
        api.post("/api/stories/" + story.getString("id") + "/publish")
            .token(teacher.token())
            .send();
    assertEquals(202, r.status(), r::toString);
    assertTrue(
        r.header("Location").endsWith("/api/approvals/" + r.json().getString("id")),
        r.header("Location"));
    return r.json();
  }

  private Api.Response approve(String token, JsonObject approval) {
    return api.post("/api/approvals/" + approval.getString("id") + "/approve")
        .token(token)
        .json("{}")
        .send();
  }

  private Api.Response readAsStudent(JsonObject story) {
    return api.get("/api/stories/" + story.getString("id")).token(student.token()).send();
  }

  @Test
  void aTeachersRequestWaitsForAnAdminAndStudentsSeeTheStoryOnlyAfter() {
    JsonObject story = schools.story(teacher.token(), "Waiting room", "beginner");
    JsonObject approval = requestPublication(story);
    assertEquals("pending", approval.getString("status"));
    assertEquals("story", approval.getString("entityType"));
    assertEquals("publish", approval.getString("action"));
    assertEquals(teacher.id(), approval.getString("requestedBy"));
    assertEquals(404, readAsStudent(story).status(), "not published yet");

    List<JsonObject> pending =
        api.get("/api/approvals?status=pending").token(school.adminToken()).send().items();
    assertEquals(
        List.of(approval.getString("id")), pending.stream().map(a -> a.getString("id")).toList());
    assertEquals(
        List.of(approval.getString("id")),
        api.get("/api/approvals").token(teacher.token()).send().items().stream()
            .map(a -> a.getString("id"))
            .toList(),
        "requesters see their own requests");
    assertTrue(
        api.get("/api/approvals").token(student.token()).send().items().isEmpty(),
        "others see nothing");

    Api.Response approved = approve(school.adminToken(), approval);
    assertEquals(200, approved.status(), approved::toString);
    assertEquals("approved", approved.json().getString("status"));
    Api.Response read = readAsStudent(story);
    assertEquals(200, read.status(), read::toString);
    assertEquals("published", read.json().getString("status"));

    // Carried out once, audited with both the approver and the requester.
    List<JsonObject> published =
        api.get("/api/audit-logs?action=PUBLISH&entityId=" + story.getString("id"))
            .token(school.adminToken())
            .send()
            .items();
    assertEquals(1, published.size());
    assertEquals(approved.json().getString("decidedBy"), published.get(0).getString("actorId"));
    assertEquals(teacher.id(), published.get(0).getString("requestedBy"));
    assertEquals(approval.getString("id"), published.get(0).getString("approvalId"));
    assertEquals("draft", published.get(0).getJsonObject("oldValues").getString("status"));
  }

  /** Rewrites a pending approval's stored payload behind the application's back. */
  private static void storePayload(JsonObject approval, String json) throws Exception {
    UUID id = UUID.fromString(approval.getString("id"));
    assertEquals(
        1,
        Db.execute(
            "UPDATE approvals SET payload = '"
                + json.replace("'", "''")
                + "'::jsonb WHERE id = '"
                + id
                + "' AND status = 'pending'"));
  }

  @Test
  void theRequestStoresTheActsPayloadRecordNotMethodArguments() throws Exception {
    JsonObject story = schools.story(teacher.token(), "Named command", "beginner");
    JsonObject approval = requestPublication(story);
    assertEquals(
        Json.createObjectBuilder().add("storyId", story.getString("id")).build(),
        approval.getJsonObject("payload"));
    assertEquals(
        List.of("{\"storyId\": \"" + story.getString("id") + "\"}"),
        Db.column(
            "SELECT payload::text FROM approvals WHERE id = ?::uuid", approval.getString("id")));
  }

  @Test
  void aStoredPayloadWithFieldsTheRecordDoesNotKnowStillRuns() throws Exception {
    JsonObject story = schools.story(teacher.token(), "Extra fields", "beginner");
    JsonObject approval = requestPublication(story);
    storePayload(
        approval,
        "{\"storyId\": \""
            + story.getString("id")
            + "\", \"channel\": \"mobile\", \"options\": {\"notify\": true}}");
    Api.Response approved = approve(school.adminToken(), approval);
    assertEquals(200, approved.status(), approved::toString);
    assertEquals("mobile", approved.json().getJsonObject("payload").getString("channel"));
    assertEquals("published", readAsStudent(story).json().getString("status"));
  }

  @Test
  void aStoredPayloadMissingAFieldStillRuns() throws Exception {
    JsonObject story = schools.story(teacher.token(), "Missing fields", "beginner");
    JsonObject approval = requestPublication(story);
    // As if written by a release whose record had other fields: the missing story id is the
    // approval's own entity.
    storePayload(approval, "{\"legacy\": 1}");
    Api.Response approved = approve(school.adminToken(), approval);
    assertEquals(200, approved.status(), approved::toString);
    Api.Response read = readAsStudent(story);
    assertEquals(200, read.status(), read::toString);
    assertEquals("published", read.json().getString("status"));
    List<JsonObject> published =
        api.get("/api/audit-logs?action=PUBLISH&entityId=" + story.getString("id"))
            .token(school.adminToken())
            .send()
            .items();
    assertEquals(1, published.size());
    assertEquals(teacher.id(), published.get(0).getString("requestedBy"));
    assertEquals(approval.getString("id"), published.get(0).getString("approvalId"));
  }

  @Test
  void aStoredPayloadNamingAnotherEntityIsRefusedAndStaysPending() throws Exception {
    JsonObject story = schools.story(teacher.token(), "Mine", "beginner");
    JsonObject other = schools.story(teacher.token(), "Another", "beginner");
    JsonObject approval = requestPublication(story);
    storePayload(approval, "{\"storyId\": \"" + other.getString("id") + "\"}");
    Api.Response refused = approve(school.adminToken(), approval);
    assertEquals(409, refused.status(), refused::toString);
    assertEquals("approval.unreadable", refused.code());
    assertEquals(404, readAsStudent(story).status());
    assertEquals(404, readAsStudent(other).status());
    assertEquals(
        "pending",
        api.get("/api/approvals/" + approval.getString("id"))
            .token(teacher.token())
            .send()
            .json()
            .getString("status"));
  }

  @Test
  void nobodyApprovesTheirOwnRequestOrStory() {
    // Even a teacher who may approve stories cannot approve, or skip approval for, their own.
    Api.Response grant =
        api.put("/api/users/" + teacher.id() + "/permissions")
            .token(school.adminToken())
            .json("{\"permissions\":[{\"resource\":\"story\",\"action\":\"approve\"}]}")
            .send();
    assertEquals(200, grant.status(), grant::toString);
    JsonObject story = schools.story(teacher.token(), "My own", "beginner");
    JsonObject approval = requestPublication(story);
    Api.Response self = approve(teacher.token(), approval);
    assertEquals(403, self.status(), self::toString);
    assertEquals("approval.own-request", self.code());

    // An admin's own story also needs another admin.
    Api.Response created =
        api.post("/api/stories")
            .token(school.adminToken())
            .json(Api.obj("title", "Admin's", "content", "words here", "difficulty", "beginner"))
            .send();
    String adminStory = created.json().getString("id");
    Api.Response asked =
        api.post("/api/stories/" + adminStory + "/publish").token(school.adminToken()).send();
    assertEquals(202, asked.status(), asked::toString);
    assertEquals(403, approve(school.adminToken(), asked.json()).status());
    assertEquals(200, approve(secondAdmin.token(), asked.json()).status());
    assertEquals(
        "published",
        api.get("/api/stories/" + adminStory)
            .token(student.token())
            .send()
            .json()
            .getString("status"));
  }

  @Test
  void aDecidedRequestCannotBeDecidedAgain() {
    JsonObject approval = requestPublication(schools.story(teacher.token(), "Once", "beginner"));
    assertEquals(200, approve(school.adminToken(), approval).status());
    Api.Response again = approve(secondAdmin.token(), approval);
    assertEquals(409, again.status(), again::toString);
    assertEquals("approval.decided", again.code());
    Api.Response reject =
        api.post("/api/approvals/" + approval.getString("id") + "/reject")
            .token(secondAdmin.token())
            .json(Api.obj("reason", "too late"))
            .send();
    assertEquals(409, reject.status(), reject::toString);
    Api.Response cancel =
        api.post("/api/approvals/" + approval.getString("id") + "/cancel")
            .token(teacher.token())
            .send();
    assertEquals(409, cancel.status(), cancel::toString);
  }

  @Test
  void aStaleRequestIsRefusedAndChangesNothing() {
    JsonObject story = schools.story(teacher.token(), "Before the edit", "beginner");
    JsonObject approval = requestPublication(story);
    Api.Response edit =
        api.patch("/api/stories/" + story.getString("id"))
            .token(teacher.token())
            .json(Api.obj("content", "Quite different words now."))
            .send();
    assertEquals(200, edit.status(), edit::toString);
    Api.Response stale = approve(school.adminToken(), approval);
    assertEquals(409, stale.status(), stale::toString);
    assertEquals("approval.stale", stale.code());
    assertTrue(stale.json().getString("detail").contains("changed after"));
    assertEquals(404, readAsStudent(story).status());
    assertEquals(
        "pending",
        api.get("/api/approvals/" + approval.getString("id"))
            .token(teacher.token())
            .send()
            .json()
            .getString("status"));

    // Asking again supersedes the stale request, and the new one can be approved.
    JsonObject fresh = requestPublication(story);
    assertEquals(
        "superseded",
        api.get("/api/approvals/" + approval.getString("id"))
            .token(teacher.token())
            .send()
            .json()
            .getString("status"));
    assertEquals(200, approve(school.adminToken(), fresh).status());
    assertEquals(200, readAsStudent(story).status());
  }

  @Test
  void twoApproversRacingOnOneRequestHaveOneWinner() throws Exception {
    JsonObject story = schools.story(teacher.token(), "Raced", "beginner");
    JsonObject approval = requestPublication(story);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<Api.Response>> answers = new ArrayList<>();
    try {
      for (String token : List.of(school.adminToken(), secondAdmin.token())) {
        Callable<Api.Response> race =
            () -> {
              start.await();
              return approve(token, approval);
            };
        answers.add(pool.submit(race));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Api.Response> a : answers) {
        statuses.add(a.get().status());
      }
      statuses.sort(Integer::compare);
      assertEquals(List.of(200, 409), statuses);
    } finally {
      pool.shutdown();
    }
    assertEquals(
        1,
        api.get("/api/audit-logs?action=PUBLISH&entityId=" + story.getString("id"))
            .token(school.adminToken())
            .send()
            .items()
            .size(),
        "carried out exactly once");
    assertEquals(200, readAsStudent(story).status());
  }

  @Test
  void rejectionNeedsAReasonAndOnlyTheRequesterCancels() {
    JsonObject first = requestPublication(schools.story(teacher.token(), "Rejected", "beginner"));
    Api.Response noReason =
        api.post("/api/approvals/" + first.getString("id") + "/reject")
            .token(school.adminToken())
            .json("{}")
            .send();
    assertEquals(400, noReason.status(), noReason::toString);
    Api.Response rejected =
        api.post("/api/approvals/" + first.getString("id") + "/reject")
            .token(school.adminToken())
            .json(Api.obj("reason", "Too many typos."))
            .send();
    assertEquals(200, rejected.status(), rejected::toString);
    assertEquals("rejected", rejected.json().getString("status"));
    assertEquals("Too many typos.", rejected.json().getString("comment"));

    JsonObject second = requestPublication(schools.story(teacher.token(), "Withdrawn", "beginner"));
    Api.Response notTheirs =
        api.post("/api/approvals/" + second.getString("id") + "/cancel")
            .token(school.adminToken())
            .send();
    assertEquals(403, notTheirs.status(), notTheirs::toString);
    Api.Response cancelled =
        api.post("/api/approvals/" + second.getString("id") + "/cancel")
            .token(teacher.token())
            .send();
    assertEquals(200, cancelled.status(), cancelled::toString);
    assertEquals("cancelled", cancelled.json().getString("status"));
    assertEquals(
        List.of("CANCEL", "REQUEST_APPROVAL"),
        api
            .get("/api/audit-logs?entityType=approval&entityId=" + second.getString("id"))
            .token(school.adminToken())
            .send()
            .items()
            .stream()
            .map(e -> e.getString("action"))
            .toList());
  }

  @Test
  void whichActsNeedApprovalIsTenantConfiguration() {
    Api.Response rules = api.get("/api/approval-rules").token(teacher.token()).send();
    assertEquals(200, rules.status(), rules::toString);
    JsonObject publish = storyPublishing(rules.body());
    JsonObject lessons =
        Api.parseArray(rules.body()).getValuesAs(JsonObject.class).stream()
            .filter(r -> r.getString("entityType").equals("lesson"))
            .findFirst()
            .orElseThrow();
    assertFalse(lessons.getBoolean("required"), "lesson publishing needs no approval by default");
    assertEquals("publish", publish.getString("action"));
    assertTrue(publish.getBoolean("required"), "on by default");
    assertTrue(publish.getBoolean("isDefault"));

    Api.Response byTeacher =
        api.put("/api/approval-rules/story/publish")
            .token(teacher.token())
            .json(Api.obj("required", false))
            .send();
    assertEquals(403, byTeacher.status(), byTeacher::toString);
    assertEquals(
        404,
        api.put("/api/approval-rules/story/explode")
            .token(school.adminToken())
            .json(Api.obj("required", false))
            .send()
            .status());
    Api.Response off =
        api.put("/api/approval-rules/story/publish")
            .token(school.adminToken())
            .json(Api.obj("required", false))
            .send();
    assertEquals(200, off.status(), off::toString);
    Schools.School other = schools.newSchool();
    assertTrue(
        storyPublishing(api.get("/api/approval-rules").token(other.adminToken()).send().body())
            .getBoolean("required"),
        "another school's choice is its own");

    JsonObject story = schools.story(teacher.token(), "Straight out", "beginner");
    Api.Response direct =
        api.post("/api/stories/" + story.getString("id") + "/publish")
            .token(teacher.token())
            .send();
    assertEquals(200, direct.status(), "no approval needed any more: " + direct);
    assertEquals(200, readAsStudent(story).status());
    JsonObject changed =
        api.get("/api/audit-logs?entityType=approval-rule")
            .token(school.adminToken())
            .send()
            .items()
            .get(0);
    assertEquals("POLICY_CHANGED", changed.getString("action"));
    assertTrue(changed.getJsonObject("oldValues").getBoolean("required"));
    assertFalse(changed.getJsonObject("newValues").getBoolean("required"));
  }

  private static JsonObject storyPublishing(String rules) {
    return Api.parseArray(rules).getValuesAs(JsonObject.class).stream()
        .filter(r -> r.getString("entityType").equals("story"))
        .filter(r -> r.getString("action").equals("publish"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aManifestSetsTheRule() {
    String token = schools.token("manifest-school", "admin@manifest.test", "manifest-admin-pass");
    JsonObject rule = storyPublishing(api.get("/api/approval-rules").token(token).send().body());
    assertFalse(rule.getBoolean("required"), "manifest-school.json turns it off");
    assertFalse(rule.getBoolean("isDefault"));
  }

  @Test
  void anotherSchoolCannotSeeOrDecideRequests() {
    JsonObject story = schools.story(teacher.token(), "Ours", "beginner");
    JsonObject approval = requestPublication(story);
    Schools.School other = schools.newSchool();
    String path = "/api/approvals/" + approval.getString("id");
    assertEquals(404, api.get(path).token(other.adminToken()).send().status());
    assertEquals(404, approve(other.adminToken(), approval).status());
    assertEquals(
        404,
        api.post(path + "/reject")
            .token(other.adminToken())
            .json(Api.obj("reason", "not yours"))
            .send()
            .status());
    assertEquals(404, api.post(path + "/cancel").token(other.adminToken()).send().status());
    assertTrue(api.get("/api/approvals").token(other.adminToken()).send().items().isEmpty());
    assertEquals(
        400,
        api.get("/api/approvals?entityType=" + "x".repeat(65))
            .token(other.adminToken())
            .send()
            .status());
    assertEquals(
        400, api.get("/api/approvals?status=lost").token(other.adminToken()).send().status());
    assertEquals(
        404,
        api.post("/api/stories/" + story.getString("id") + "/publish")
            .token(other.adminToken())
            .send()
            .status());
    JsonObject after = api.get(path).token(teacher.token()).send().json();
    assertEquals("pending", after.getString("status"));
    assertEquals(approval.getJsonNumber("version"), after.getJsonNumber("version"));
  }
}
