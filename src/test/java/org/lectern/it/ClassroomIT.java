package org.lectern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Classrooms and assignments over HTTP: a class is made and joined by code, work is assigned,
 * turned in (late, too), returned with a grade, reopened and turned in again; every forbidden
 * transition is refused with the state unchanged; other classrooms' and schools' students get 404;
 * a changed code stops the old one; the overview and lists cost a fixed number of statements.
 */
class ClassroomIT extends ApiTestBase {

  /** One school with a teacher, a classroom and a published story to assign. */
  private final class Class {
    final Schools.School school = schools.newSchool();
    final Schools.Person teacher = schools.person(school, "teacher");
    final JsonObject classroom;
    final String story;

    Class() {
      classroom =
          created(
              api.post("/api/classrooms")
                  .token(teacher.token())
                  .json(
                      Api.obj(
                          "name",
                          "Class 5B",
                          "subject",
                          "English",
                          "gradeLevel",
                          "5",
                          "term",
                          "2025-26")));
      story = schools.story(teacher.token(), "The Water Cycle", "beginner").getString("id");
      schools.publish(school, story);
    }

    String id() {
      return classroom.getString("id");
    }

    String code() {
      return classroom.getString("classCode");
    }

    /** A student of the school who joined with the code. */
    Schools.Person student() {
      Schools.Person s = schools.person(school, "student");
      Api.Response r = join(s, code());
      assertEquals(200, r.status(), r::toString);
      return s;
    }

    /** A published assignment of the story; {@code dueAt} may be null. */
    JsonObject assignment(Instant dueAt) {
      JsonObject a =
          created(
              api.post("/api/assignments")
                  .token(teacher.token())
                  .json(
                      Api.obj(
                          "classroomId",
                          id(),
                          "title",
                          "Read The Water Cycle",
                          "instructions",
                          "Read it twice.",
                          "target",
                          Api.obj("type", "story", "id", story),
                          "dueAt",
                          dueAt == null ? null : dueAt.toString(),
                          "points",
                          10)));
      Api.Response p =
          api.post("/api/assignments/" + a.getString("id") + "/publish")
              .token(teacher.token())
              .send();
      assertEquals(200, p.status(), p::toString);
      return p.json();
    }

    JsonObject submissionOf(Schools.Person student, JsonObject assignment) {
      Api.Response r =
          api.get("/api/assignments/" + assignment.getString("id") + "/submission")
              .token(student.token())
              .send();
      assertEquals(200, r.status(), r::toString);
      return r.json();
    }
  }

  private Api.Response join(Schools.Person who, String code) {
    return api.post("/api/classrooms/join")
        .token(who.token())
        .json(Api.obj("classCode", code))
        .send();
  }

  private static JsonObject created(Api.Call call) {
    Api.Response r = call.send();
    assertEquals(201, r.status(), r::toString);
    return r.json();
  }

  private Api.Response act(String token, String submission, String action, JsonObject body) {
    Api.Call c = api.post("/api/submissions/" + submission + "/" + action).token(token);
    if (body != null) {
      c = c.json(body);
    }
    return c.send();
  }

  private JsonObject ok(Api.Response r) {
    assertEquals(200, r.status(), r::toString);
    return r.json();
  }

  private static int statements(Api.Response r) {
    return Integer.parseInt(r.header("X-Sql-Statements"));
  }

  // ------------------------------------------------------------------ classes and codes

  @Test
  void aTeacherMakesAClassAndStudentsJoinByCodeOnceHowEverTheyTypeIt() {
    Class c = new Class();
    assertTrue(c.code().matches("^[A-HJKMNP-Z2-9]{6,8}$"), c.code());
    assertEquals(
        List.of(c.teacher.id()),
        c.classroom.getJsonArray("teacherIds").getValuesAs(jakarta.json.JsonString.class).stream()
            .map(jakarta.json.JsonString::getString)
            .toList());
    Schools.Person sam = schools.person(c.school, "student");
    String typed =
        c.code().toLowerCase().substring(0, 3) + "-" + c.code().substring(3).toLowerCase();
    JsonObject joined = ok(join(sam, typed));
    assertEquals(c.id(), joined.getString("id"));
    assertTrue(joined.isNull("classCode"), "students do not get the code back");
    ok(join(sam, c.code()));
    Api.Response students =
        api.get("/api/classrooms/" + c.id() + "/students").token(c.teacher.token()).send();
    assertEquals(200, students.status(), students::toString);
    assertEquals(1, students.items().size(), "joining twice is one enrollment");
    assertEquals("code", students.items().get(0).getString("joinedVia"));
    assertEquals(sam.email(), students.items().get(0).getString("email"));

    Api.Response mine = api.get("/api/classrooms").token(sam.token()).send();
    assertEquals(List.of(c.id()), mine.items().stream().map(i -> i.getString("id")).toList());
    assertEquals(
        403,
        api.get("/api/classrooms/" + c.id() + "/students").token(sam.token()).send().status(),
        "classmates are for teachers to list");
  }

  @Test
  void aChangedCodeStopsTheOldOneAtOnce() {
    Class c = new Class();
    JsonObject changed =
        ok(api.post("/api/classrooms/" + c.id() + "/code").token(c.teacher.token()).send());
    String fresh = changed.getString("classCode");
    assertNotEquals(c.code(), fresh);
    Schools.Person sam = schools.person(c.school, "student");
    Api.Response old = join(sam, c.code());
    assertEquals(404, old.status(), old::toString);
    assertEquals("classroom.not-found", old.code());
    ok(join(sam, fresh));
  }

  @Test
  void aCodeOfAnotherSchoolIs404LikeAWrongOne() {
    Class c = new Class();
    Schools.School other = schools.newSchool();
    Schools.Person stranger = schools.person(other, "student");
    Api.Response r = join(stranger, c.code());
    assertEquals(404, r.status(), r::toString);
    assertEquals("classroom.not-found", r.code());
    Api.Response students =
        api.get("/api/classrooms/" + c.id() + "/students").token(c.teacher.token()).send();
    assertEquals(0, students.items().size());
  }

  @Test
  void wrongCodesAreThrottledPerUserWithRetryAfter() {
    Class c = new Class();
    Schools.Person guesser = schools.person(c.school, "student");
    String address = "203.0.113." + (1 + (int) (Math.random() * 250));
    for (int i = 0; i < 5; i++) {
      Api.Response r =
          api.post("/api/classrooms/join")
              .token(guesser.token())
              .header("X-Forwarded-For", address)
              .json(Api.obj("classCode", "ZZZZZ" + (2 + i)))
              .send();
      assertEquals(404, r.status(), r::toString);
    }
    Api.Response blocked =
        api.post("/api/classrooms/join")
            .token(guesser.token())
            .header("X-Forwarded-For", address)
            .json(Api.obj("classCode", c.code()))
            .send();
    assertEquals(429, blocked.status(), "even the right code waits: " + blocked);
    assertEquals("classroom.too-many-attempts", blocked.code());
    assertNotNull(blocked.header("Retry-After"));
    // Others in the school are not slowed down.
    ok(join(schools.person(c.school, "student"), c.code()));
  }

  @Test
  void oneAddressGuessingWithManyAccountsIsStoppedForTheMinute() {
    Class c = new Class();
    String address = "198.51.100." + (1 + (int) (Math.random() * 250));
    // 12 accounts × 5 wrong codes: each stays under its own limit, the address reaches 60.
    for (int u = 0; u < 12; u++) {
      Schools.Person p = schools.person(c.school, "student");
      for (int i = 0; i < 5; i++) {
        Api.Response r =
            api.post("/api/classrooms/join")
                .token(p.token())
                .header("X-Forwarded-For", address)
                .json(Api.obj("classCode", "ZZZZ" + (2 + u % 8) + (2 + i)))
                .send();
        assertEquals(404, r.status(), r::toString);
      }
    }
    Api.Response blocked =
        api.post("/api/classrooms/join")
            .token(schools.person(c.school, "student").token())
            .header("X-Forwarded-For", address)
            .json(Api.obj("classCode", c.code()))
            .send();
    assertEquals(429, blocked.status(), blocked::toString);
    assertEquals("classroom.too-many-attempts", blocked.code());
    assertNotNull(blocked.header("Retry-After"));
  }

  @Test
  void anArchivedClassIsHiddenFromStudentsTakesNoWorkAndComesBackWithItsCode() {
    Class c = new Class();
    Schools.Person sam = c.student();
    JsonObject archived =
        ok(
            api.patch("/api/classrooms/" + c.id())
                .token(c.teacher.token())
                .json(Api.obj("archived", true))
                .send());
    assertTrue(archived.getBoolean("archived"));
    assertEquals(404, api.get("/api/classrooms/" + c.id()).token(sam.token()).send().status());
    assertEquals(404, join(schools.person(c.school, "student"), c.code()).status());
    Api.Response work =
        api.post("/api/assignments")
            .token(c.teacher.token())
            .json(
                Api.obj(
                    "classroomId",
                    c.id(),
                    "title",
                    "x",
                    "target",
                    Api.obj("type", "story", "id", c.story)))
            .send();
    assertEquals(409, work.status(), work::toString);
    assertEquals("classroom.archived", work.code());
    JsonObject back =
        ok(
            api.patch("/api/classrooms/" + c.id())
                .token(c.teacher.token())
                .json(Api.obj("archived", false))
                .send());
    assertFalse(back.getBoolean("archived"));
    assertEquals(c.code(), back.getString("classCode"), "its code was free, so it keeps it");
    assertEquals(200, api.get("/api/classrooms/" + c.id()).token(sam.token()).send().status());
  }

  @Test
  void coTeachersHaveTheSameRightsAndMustBeStaff() {
    Class c = new Class();
    Schools.Person co = schools.person(c.school, "teacher");
    Schools.Person sam = c.student();
    assertEquals(
        404,
        api.get("/api/classrooms/" + c.id()).token(co.token()).send().status(),
        "another teacher's class is not theirs to see");
    Api.Response refused =
        api.put("/api/classrooms/" + c.id() + "/teachers")
            .token(c.teacher.token())
            .json(Api.obj("userIds", List.of(c.teacher.id(), sam.id())))
            .send();
    assertEquals(400, refused.status(), refused::toString);
    JsonObject both =
        ok(
            api.put("/api/classrooms/" + c.id() + "/teachers")
                .token(c.teacher.token())
                .json(Api.obj("userIds", List.of(c.teacher.id(), co.id())))
                .send());
    assertEquals(2, both.getJsonArray("teacherIds").size());
    JsonObject a = c.assignment(null);
    JsonObject sub = c.submissionOf(sam, a);
    ok(act(sam.token(), sub.getString("id"), "turn-in", Api.obj("text", "done")));
    JsonObject graded =
        ok(act(co.token(), sub.getString("id"), "return", Api.obj("grade", 9, "feedback", "Yes")));
    assertEquals("returned", graded.getString("state"));
  }

  @Test
  void aManifestDeclaresAClassroomWithItsTeacherStudentsAndCode() {
    String teacher =
        schools.token("manifest-school", "teacher@manifest.test", "manifest-teacher-pass");
    String student =
        schools.token("manifest-school", "student@manifest.test", "manifest-student-pass");
    Api.Response taught = api.get("/api/classrooms").token(teacher).send();
    JsonObject c =
        taught.items().stream()
            .filter(i -> i.getString("name").equals("Manifest Class"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(taught.toString()));
    assertEquals("PAGE42", c.getString("classCode"));
    Api.Response mine = api.get("/api/classrooms").token(student).send();
    assertTrue(
        mine.items().stream().anyMatch(i -> i.getString("id").equals(c.getString("id"))),
        mine::toString);
  }

  // ------------------------------------------------------------------ assignments

  @Test
  void workStudentsCannotReadIsRefusedWithAClear409() {
    Class c = new Class();
    c.student();
    String draft = schools.story(c.teacher.token(), "Not yet", "beginner").getString("id");
    Api.Response r =
        api.post("/api/assignments")
            .token(c.teacher.token())
            .json(
                Api.obj(
                    "classroomId",
                    c.id(),
                    "title",
                    "Too early",
                    "target",
                    Api.obj("type", "story", "id", draft)))
            .send();
    assertEquals(409, r.status(), r::toString);
    assertEquals("assignment.target-unreadable", r.code());
    assertTrue(r.json().getString("detail").contains("1 of the students"), r::toString);
  }

  @Test
  void theWholeFlowFromAssignmentToASecondTurnIn() {
    Class c = new Class();
    Schools.Person sam = c.student();
    JsonObject draft =
        created(
            api.post("/api/assignments")
                .token(c.teacher.token())
                .json(
                    Api.obj(
                        "classroomId",
                        c.id(),
                        "title",
                        "Read",
                        "target",
                        Api.obj("type", "story", "id", c.story),
                        "points",
                        10,
                        "dueAt",
                        Instant.now().plus(2, ChronoUnit.DAYS).toString())));
    assertEquals("draft", draft.getString("status"));
    assertEquals("The Water Cycle", draft.getJsonObject("target").getString("title"));
    String id = draft.getString("id");
    assertEquals(
        404,
        api.get("/api/assignments/" + id).token(sam.token()).send().status(),
        "drafts are the teachers'");
    JsonObject published =
        ok(api.post("/api/assignments/" + id + "/publish").token(c.teacher.token()).send());
    assertEquals("published", published.getString("status"));
    assertEquals(
        409,
        api.post("/api/assignments/" + id + "/publish").token(c.teacher.token()).send().status());
    assertEquals(200, api.get("/api/assignments/" + id).token(sam.token()).send().status());

    JsonObject sub = c.submissionOf(sam, published);
    assertEquals("assigned", sub.getString("state"));
    String s = sub.getString("id");
    ok(act(sam.token(), s, "start", null));
    JsonObject turnedIn =
        ok(
            act(
                sam.token(),
                s,
                "turn-in",
                Api.obj(
                    "text",
                    "Clouds are drops.",
                    "attachments",
                    List.of(Api.obj("url", "https://docs.example.org/d/1", "title", "notes")))));
    assertEquals("turned_in", turnedIn.getString("state"));
    assertFalse(turnedIn.getBoolean("late"));
    Api.Response over = act(c.teacher.token(), s, "return", Api.obj("grade", 11));
    assertEquals(400, over.status(), "a grade above the points: " + over);
    JsonObject returned =
        ok(
            act(
                c.teacher.token(),
                s,
                "return",
                Api.obj("grade", jakarta.json.Json.createValue(8.5), "feedback", "Good")));
    assertEquals("returned", returned.getString("state"));
    assertEquals(8.5, returned.getJsonNumber("grade").doubleValue());
    assertEquals("Good", returned.getString("feedback"));
    JsonObject reopened = ok(act(sam.token(), s, "reopen", null));
    assertEquals("in_progress", reopened.getString("state"));
    JsonObject again = ok(act(sam.token(), s, "turn-in", Api.obj("text", "Better now.")));
    assertEquals("turned_in", again.getString("state"));
    assertEquals("Better now.", again.getString("text"));
    assertEquals(1, again.getJsonArray("attachments").size(), "attachments not sent stay");

    Api.Response teacherList =
        api.get("/api/assignments/" + id + "/submissions").token(c.teacher.token()).send();
    assertEquals(1, teacherList.items().size());
    // Every transition is in the audit trail, in order.
    Api.Response log =
        api.get("/api/audit-logs?entityType=submission&entityId=" + s)
            .token(c.school.adminToken())
            .send();
    assertEquals(200, log.status(), log::toString);
    assertEquals(
        List.of("TURN_IN", "REOPEN", "RETURN", "TURN_IN", "START"),
        log.items().stream().map(e -> e.getString("action")).toList());
  }

  @Test
  void aTurnInAfterTheDueTimeIsLate() {
    Class c = new Class();
    Schools.Person sam = c.student();
    JsonObject a = c.assignment(Instant.now().minus(1, ChronoUnit.HOURS));
    JsonObject sub = c.submissionOf(sam, a);
    JsonObject late = ok(act(sam.token(), sub.getString("id"), "turn-in", Api.obj()));
    assertTrue(late.getBoolean("late"));
    JsonObject overview =
        ok(api.get("/api/classrooms/" + c.id() + "/overview").token(c.teacher.token()).send());
    JsonObject cell =
        overview.getJsonArray("students").getJsonObject(0).getJsonArray("cells").getJsonObject(0);
    assertTrue(cell.getBoolean("late"));
    assertFalse(cell.getBoolean("overdue"), "turned in, if late, is not overdue");
  }

  @Test
  void everyForbiddenTransitionIsRefusedAndChangesNothing() {
    Class c = new Class();
    Schools.Person sam = c.student();
    JsonObject a = c.assignment(null);
    String s = c.submissionOf(sam, a).getString("id");
    String teacher = c.teacher.token();
    // assigned: return and reopen are refused.
    refused(teacher, s, "return", Api.obj("grade", 5), "assigned");
    refused(teacher, s, "reopen", null, "assigned");
    ok(act(sam.token(), s, "start", null));
    // in_progress: start, return, reopen.
    refused(sam.token(), s, "start", null, "in_progress");
    refused(teacher, s, "return", Api.obj(), "in_progress");
    refused(teacher, s, "reopen", null, "in_progress");
    ok(act(sam.token(), s, "turn-in", Api.obj()));
    // turned_in: start, turn-in.
    refused(sam.token(), s, "start", null, "turned_in");
    refused(sam.token(), s, "turn-in", Api.obj(), "turned_in");
    ok(act(teacher, s, "return", Api.obj()));
    // returned: start, turn-in, return.
    refused(sam.token(), s, "start", null, "returned");
    refused(sam.token(), s, "turn-in", Api.obj(), "returned");
    refused(teacher, s, "return", Api.obj(), "returned");
    ok(act(teacher, s, "excuse", null));
    // excused: start, turn-in, return, excuse.
    refused(sam.token(), s, "start", null, "excused");
    refused(sam.token(), s, "turn-in", Api.obj(), "excused");
    refused(teacher, s, "return", Api.obj(), "excused");
    refused(teacher, s, "excuse", null, "excused");
    // Students do not grade their own work.
    Api.Response self = act(sam.token(), s, "excuse", null);
    assertEquals(403, self.status(), self::toString);
  }

  private void refused(String token, String s, String action, JsonObject body, String state) {
    JsonObject before = ok(api.get("/api/submissions/" + s).token(token).send());
    Api.Response r = act(token, s, action, body);
    assertEquals(409, r.status(), () -> action + " from " + state + ": " + r);
    assertEquals("submission.invalid-transition", r.code());
    String detail = r.json().getString("detail");
    assertTrue(detail.contains(state) && detail.contains(action), detail);
    JsonObject after = ok(api.get("/api/submissions/" + s).token(token).send());
    assertEquals(state, after.getString("state"));
    assertEquals(before, after, "a refused " + action + " changed the submission");
  }

  @Test
  void concurrentTransitionsLeaveExactlyOneWinner() throws Exception {
    Class c = new Class();
    Schools.Person sam = c.student();
    String s = c.submissionOf(sam, c.assignment(null)).getString("id");
    ok(act(sam.token(), s, "turn-in", Api.obj()));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Api.Response>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int grade = i;
        calls.add(() -> act(c.teacher.token(), s, "return", Api.obj("grade", grade)));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Api.Response> f : pool.invokeAll(calls)) {
        statuses.add(f.get().status());
      }
      assertEquals(1, statuses.stream().filter(x -> x == 200).count(), statuses::toString);
      assertEquals(7, statuses.stream().filter(x -> x == 409).count(), statuses::toString);
    } finally {
      pool.shutdown();
    }
    Api.Response log =
        api.get("/api/audit-logs?entityType=submission&action=RETURN&entityId=" + s)
            .token(c.school.adminToken())
            .send();
    assertEquals(1, log.items().size(), "one return in the audit trail");
  }

  @Test
  void staleEditsDraftRulesOpeningTimesAndRemovalsAreHonoured() {
    Class c = new Class();
    Schools.Person sam = c.student();
    // A stale If-Match is 412 and changes nothing.
    Api.Response stale =
        api.patch("/api/classrooms/" + c.id())
            .token(c.teacher.token())
            .header("If-Match", "\"" + (c.classroom.getInt("version") + 5) + "\"")
            .json(Api.obj("name", "Renamed"))
            .send();
    assertEquals(412, stale.status(), stale::toString);
    // Work that opens tomorrow cannot be started or turned in yet.
    JsonObject later =
        created(
            api.post("/api/assignments")
                .token(c.teacher.token())
                .json(
                    Api.obj(
                        "classroomId",
                        c.id(),
                        "title",
                        "Tomorrow",
                        "target",
                        Api.obj("type", "story", "id", c.story),
                        "opensAt",
                        Instant.now().plus(1, ChronoUnit.DAYS).toString(),
                        "dueAt",
                        Instant.now().plus(2, ChronoUnit.DAYS).toString())));
    Api.Response backwards =
        api.patch("/api/assignments/" + later.getString("id"))
            .token(c.teacher.token())
            .json(Api.obj("dueAt", Instant.now().toString()))
            .send();
    assertEquals(400, backwards.status(), "due before it opens: " + backwards);
    ok(
        api.post("/api/assignments/" + later.getString("id") + "/publish")
            .token(c.teacher.token())
            .send());
    String s = c.submissionOf(sam, later).getString("id");
    Api.Response early = act(sam.token(), s, "turn-in", Api.obj());
    assertEquals(409, early.status(), early::toString);
    assertEquals("assignment.not-open", early.code());
    // Published work keeps its target.
    Api.Response retarget =
        api.patch("/api/assignments/" + later.getString("id"))
            .token(c.teacher.token())
            .json(Api.obj("target", Api.obj("type", "story", "id", c.story)))
            .send();
    assertEquals(409, retarget.status(), retarget::toString);
    assertEquals("assignment.published", retarget.code());
    // A removed student no longer sees the classroom or their work in it.
    assertEquals(
        204,
        api.delete("/api/classrooms/" + c.id() + "/students/" + sam.id())
            .token(c.teacher.token())
            .send()
            .status());
    assertEquals(404, api.get("/api/classrooms/" + c.id()).token(sam.token()).send().status());
    assertEquals(404, api.get("/api/submissions/" + s).token(sam.token()).send().status());
    assertEquals(
        404,
        api.delete("/api/classrooms/" + c.id() + "/students/" + sam.id())
            .token(c.teacher.token())
            .send()
            .status(),
        "not in it any more");
    // A deleted classroom takes its work with it and frees its code.
    assertEquals(
        204, api.delete("/api/classrooms/" + c.id()).token(c.teacher.token()).send().status());
    assertEquals(
        404,
        api.get("/api/assignments/" + later.getString("id"))
            .token(c.teacher.token())
            .send()
            .status());
    assertEquals(404, join(schools.person(c.school, "student"), c.code()).status());
  }

  @Test
  void aRuleSqlCannotSayIsDecidedRowByRowWithTheSamePages() {
    Class c = new Class();
    for (int i = 0; i < 2; i++) {
      created(api.post("/api/classrooms").token(c.teacher.token()).json(Api.obj("name", "C" + i)));
    }
    Schools.Person outsider = schools.person(c.school, "student");
    assertEquals(0, api.get("/api/classrooms").token(outsider.token()).send().items().size());
    // Compares two resource attributes: no SQL for it, so the list decides row by row.
    Api.Response policy =
        api.post("/api/policies")
            .token(c.school.adminToken())
            .json(
                Api.obj(
                    "name",
                    "every-classroom-is-open",
                    "resource",
                    "classroom",
                    "actions",
                    List.of("read"),
                    "effect",
                    "allow",
                    "conditions",
                    jakarta.json.Json.createArrayBuilder()
                        .add(
                            Api.obj(
                                "field",
                                "resource.createdBy",
                                "operator",
                                "ne",
                                "value",
                                "resource.id"))
                        .build()))
            .send();
    assertEquals(201, policy.status(), policy::toString);
    Api.Response first = api.get("/api/classrooms?limit=2").token(outsider.token()).send();
    assertEquals(2, first.items().size(), first::toString);
    String cursor = first.json().getString("nextCursor");
    Api.Response second =
        api.get("/api/classrooms?limit=2&cursor=" + cursor).token(outsider.token()).send();
    assertEquals(1, second.items().size(), second::toString);
    assertTrue(second.json().isNull("nextCursor"));
    assertTrue(
        first.items().stream().allMatch(i -> i.isNull("classCode")), "reading is not managing");
  }

  @Test
  void aSparseListUnderARuleSqlCannotSayPagesOnPastTheScanLimit() throws Exception {
    Class c = new Class();
    // 1,100 newer classrooms the outsider may not see, and the class itself, archived, older.
    Db.execute(
        "UPDATE classrooms SET archived_at = now(), created_at = now() - interval '1 day'"
            + " WHERE tenant_id = '"
            + c.school.id()
            + "' AND id = '"
            + c.id()
            + "'",
        "INSERT INTO classrooms (tenant_id, id, name, class_code, created_by, created_at)"
            + " SELECT '"
            + c.school.id()
            + "', gen_random_uuid(), 'Filler ' || i,"
            + " 'Z' || translate(lpad(i::text, 5, 'Y'), '01', 'AB'), '"
            + c.teacher.id()
            + "',"
            + " now() - make_interval(secs => i) FROM generate_series(1, 1100) AS i");
    Schools.Person outsider = schools.person(c.school, "student");
    // Archived classrooms are open to all; comparing two resource attributes has no SQL.
    Api.Response policy =
        api.post("/api/policies")
            .token(c.school.adminToken())
            .json(
                Api.obj(
                    "name",
                    "archived-classrooms-are-open",
                    "resource",
                    "classroom",
                    "actions",
                    List.of("read"),
                    "effect",
                    "allow",
                    "conditions",
                    jakarta.json.Json.createArrayBuilder()
                        .add(
                            Api.obj(
                                "field",
                                "resource.createdBy",
                                "operator",
                                "ne",
                                "value",
                                "resource.id"))
                        .add(Api.obj("field", "resource.archived", "operator", "eq", "value", true))
                        .build()))
            .send();
    assertEquals(201, policy.status(), policy::toString);
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Api.Response page =
          api.get("/api/classrooms?limit=5" + (cursor == null ? "" : "&cursor=" + cursor))
              .token(outsider.token())
              .send();
      assertEquals(200, page.status(), page::toString);
      page.items().forEach(i -> seen.add(i.getString("id")));
      cursor = page.json().isNull("nextCursor") ? null : page.json().getString("nextCursor");
      pages++;
    } while (cursor != null && pages < 5);
    assertEquals(List.of(c.id()), seen, "the one visible classroom, past 1,100 hidden ones");
    assertEquals(2, pages, "a short first page after 1,000 rows, then the rest");
  }

  // ------------------------------------------------------------------ isolation

  @Test
  void studentsOfAnotherClassroomOrSchoolGet404Everywhere() {
    Class c = new Class();
    Schools.Person sam = c.student();
    JsonObject a = c.assignment(null);
    String s = c.submissionOf(sam, a).getString("id");
    // A student of another classroom of the same school, and one of another school.
    Schools.Person otherTeacher = schools.person(c.school, "teacher");
    JsonObject next =
        created(
            api.post("/api/classrooms").token(otherTeacher.token()).json(Api.obj("name", "4A")));
    Schools.Person classmateElsewhere = schools.person(c.school, "student");
    Api.Response added =
        api.post("/api/classrooms/" + next.getString("id") + "/students")
            .token(otherTeacher.token())
            .json(Api.obj("userId", classmateElsewhere.id()))
            .send();
    assertEquals(201, added.status(), added::toString);
    Schools.Person stranger = new Class().student();
    for (Schools.Person p : List.of(classmateElsewhere, stranger)) {
      for (String path :
          List.of(
              "/api/classrooms/" + c.id(),
              "/api/assignments/" + a.getString("id"),
              "/api/assignments/" + a.getString("id") + "/submission",
              "/api/assignments/" + a.getString("id") + "/submissions",
              "/api/submissions/" + s)) {
        Api.Response r = api.get(path).token(p.token()).send();
        assertEquals(404, r.status(), () -> path + ": " + r);
      }
      for (String action : List.of("start", "turn-in", "reopen")) {
        Api.Response r = act(p.token(), s, action, action.equals("turn-in") ? Api.obj() : null);
        assertEquals(404, r.status(), () -> action + ": " + r);
      }
      Api.Response list = api.get("/api/assignments").token(p.token()).send();
      assertFalse(list.body().contains(a.getString("id")), list::toString);
    }
    assertEquals("assigned", c.submissionOf(sam, a).getString("state"), "nothing changed");
    // Work for chosen students is theirs alone.
    Schools.Person sue = c.student();
    JsonObject chosen =
        created(
            api.post("/api/assignments")
                .token(c.teacher.token())
                .json(
                    Api.obj(
                        "classroomId",
                        c.id(),
                        "title",
                        "Only Sue",
                        "target",
                        Api.obj("type", "story", "id", c.story),
                        "studentIds",
                        List.of(sue.id()))));
    ok(
        api.post("/api/assignments/" + chosen.getString("id") + "/publish")
            .token(c.teacher.token())
            .send());
    assertEquals(
        404,
        api.get("/api/assignments/" + chosen.getString("id")).token(sam.token()).send().status());
    assertEquals(
        200,
        api.get("/api/assignments/" + chosen.getString("id")).token(sue.token()).send().status());
    Api.Response samsList =
        api.get("/api/assignments?classroomId=" + c.id()).token(sam.token()).send();
    assertEquals(
        List.of(a.getString("id")), samsList.items().stream().map(i -> i.getString("id")).toList());
  }

  // ------------------------------------------------------------------ cost

  @Test
  void theOverviewAndListsCostAFixedNumberOfStatements() {
    Class c = new Class();
    List<Schools.Person> students = new ArrayList<>(List.of(c.student(), c.student()));
    JsonObject a = c.assignment(Instant.now().minus(1, ChronoUnit.HOURS));
    c.assignment(Instant.now().plus(1, ChronoUnit.DAYS));
    Api.Response small =
        api.get("/api/classrooms/" + c.id() + "/overview").token(c.teacher.token()).send();
    assertEquals(200, small.status(), small::toString);
    for (int i = 0; i < 6; i++) {
      students.add(c.student());
    }
    c.assignment(null);
    ok(
        act(
            students.get(0).token(),
            c.submissionOf(students.get(0), a).getString("id"),
            "turn-in",
            Api.obj()));
    Api.Response large =
        api.get("/api/classrooms/" + c.id() + "/overview").token(c.teacher.token()).send();
    JsonObject overview = ok(large);
    assertEquals(8, overview.getJsonArray("students").size());
    assertEquals(3, overview.getJsonArray("assignments").size());
    // The assignment due an hour ago is overdue for the 7 who did not turn it in.
    assertEquals(7, overview.getInt("overdue"), overview::toString);
    System.out.println(
        "X-Sql-Statements overview: 2 students × 2 assignments "
            + statements(small)
            + ", 8 × 3 "
            + statements(large));
    assertEquals(statements(small), statements(large), "the overview grows no queries");
    assertTrue(statements(large) <= 6, () -> statements(large) + " statements for the overview");

    Schools.Person sam = students.get(1);
    Map<String, Api.Response> lists =
        Map.of(
            "teacher classrooms", api.get("/api/classrooms").token(c.teacher.token()).send(),
            "student classrooms", api.get("/api/classrooms").token(sam.token()).send(),
            "teacher assignments",
                api.get("/api/assignments?classroomId=" + c.id()).token(c.teacher.token()).send(),
            "student assignments", api.get("/api/assignments").token(sam.token()).send(),
            "admin assignments", api.get("/api/assignments").token(c.school.adminToken()).send());
    lists.forEach(
        (name, r) -> {
          assertEquals(200, r.status(), r::toString);
          System.out.println("X-Sql-Statements " + name + ": " + statements(r));
          assertTrue(statements(r) <= 2, () -> name + ": " + statements(r) + " statements");
        });
    assertEquals(3, lists.get("student assignments").items().size());
    // A student's list is their to-do list: each item carries their own submission.
    assertTrue(
        lists.get("student assignments").items().stream()
            .allMatch(i -> i.getJsonObject("submission").getString("state").equals("assigned")),
        () -> lists.get("student assignments").toString());
    assertTrue(
        lists.get("teacher assignments").items().stream().allMatch(i -> i.isNull("submission")));
    Api.Response done =
        api.get("/api/assignments/" + a.getString("id")).token(students.get(0).token()).send();
    assertEquals("turned_in", done.json().getJsonObject("submission").getString("state"));
    Api.Response dueSoon =
        api.get(
                "/api/assignments?classroomId="
                    + c.id()
                    + "&status=published&dueBefore="
                    + Instant.now().plus(1, ChronoUnit.HOURS))
            .token(sam.token())
            .send();
    assertEquals(
        List.of(a.getString("id")),
        dueSoon.items().stream().map(i -> i.getString("id")).toList(),
        dueSoon::toString);
    Api.Response one = api.get("/api/classrooms/" + c.id()).token(sam.token()).send();
    Api.Response work = api.get("/api/assignments/" + a.getString("id")).token(sam.token()).send();
    System.out.println(
        "X-Sql-Statements classroom: " + statements(one) + ", assignment: " + statements(work));
    assertTrue(statements(one) <= 3, () -> statements(one) + " statements for a classroom");
    Api.Response subs =
        api.get("/api/assignments/" + a.getString("id") + "/submissions")
            .token(c.teacher.token())
            .send();
    assertEquals(8, subs.items().size());
    System.out.println("X-Sql-Statements submissions list: " + statements(subs));
    assertTrue(statements(subs) <= 4, () -> statements(subs) + " statements for submissions");
    assertEquals(
        "turned_in",
        subs.items().stream()
            .filter(i -> i.getString("studentId").equals(students.get(0).id()))
            .findFirst()
            .orElseThrow()
            .getString("state"));
  }
}
