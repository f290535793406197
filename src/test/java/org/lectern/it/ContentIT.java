package org.lectern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lectern.it.Schools.Person;
import org.lectern.it.Schools.School;

/**
 * Courses, units and lessons over HTTP: a teacher builds a course, reorders it, enrols students;
 * students read what they are enrolled in and nothing else; soft delete, restore and purge.
 */
class ContentIT extends ApiTestBase {

  private JsonObject course(String token, String title) {
    Api.Response r =
        api.post("/api/courses")
            .token(token)
            .json(Api.obj("title", title, "level", "A2", "difficulty", "elementary"))
            .send();
    assertEquals(201, r.status(), r::toString);
    return r.json();
  }

  private String unit(String token, String courseId, String title) {
    Api.Response r =
        api.post("/api/courses/" + courseId + "/units")
            .token(token)
            .json(Api.obj("title", title))
            .send();
    assertEquals(201, r.status(), r::toString);
    return r.json().getString("id");
  }

  private String lesson(String token, String unitId, String title) {
    Api.Response r =
        api.post("/api/units/" + unitId + "/lessons")
            .token(token)
            .json(Api.obj("title", title, "description", "About " + title, "estimatedMinutes", 15))
            .send();
    assertEquals(201, r.status(), r::toString);
    return r.json().getString("id");
  }

  private void publishCourse(String token, String courseId) {
    Api.Response r =
        api.patch("/api/courses/" + courseId)
            .token(token)
            .json(Api.obj("status", "published"))
            .send();
    assertEquals(200, r.status(), r::toString);
  }

  private void publishLesson(String token, String lessonId) {
    Api.Response r = api.post("/api/lessons/" + lessonId + "/publish").token(token).send();
    assertEquals(200, r.status(), r::toString);
  }

  private List<String> titles(JsonObject unitOrCourse, String key) {
    return unitOrCourse.getJsonArray(key).getValuesAs(JsonObject.class).stream()
        .map(o -> o.getString("title"))
        .toList();
  }

  @Test
  void aTeacherBuildsAndReordersACourse() {
    School school = schools.newSchool();
    Person teacher = schools.person(school, "teacher");
    JsonObject course = course(teacher.token(), "Spanish for travellers");
    String id = course.getString("id");
    String u1 = unit(teacher.token(), id, "Arriving");
    String u2 = unit(teacher.token(), id, "Eating out");
    // A unit inserted at position 1 pushes the others down.
    Api.Response first =
        api.post("/api/courses/" + id + "/units")
            .token(teacher.token())
            .json(Api.obj("title", "Basics", "position", 1))
            .send();
    assertEquals(201, first.status(), first::toString);
    String u0 = first.json().getString("id");
    String l1 = lesson(teacher.token(), u1, "At the airport");
    String l2 = lesson(teacher.token(), u1, "At the hotel");
    String l3 = lesson(teacher.token(), u1, "Taking a taxi");

    JsonObject unitView = api.get("/api/units/" + u1).token(teacher.token()).send().json();
    assertEquals(3, unitView.getJsonArray("lessons").size());
    JsonObject full = api.get("/api/courses/" + id).token(teacher.token()).send().json();
    assertEquals(List.of("Basics", "Arriving", "Eating out"), titles(full, "units"));
    JsonObject arriving = full.getJsonArray("units").getJsonObject(1);
    assertEquals(
        List.of("At the airport", "At the hotel", "Taking a taxi"), titles(arriving, "lessons"));
    assertEquals(
        List.of(1, 2, 3),
        arriving.getJsonArray("lessons").getValuesAs(JsonObject.class).stream()
            .map(l -> l.getInt("position"))
            .toList());

    // Reordering is one request naming every item once.
    Api.Response reordered =
        api.put("/api/units/" + u1 + "/lesson-order")
            .token(teacher.token())
            .json(Api.obj("ids", Json.createArrayBuilder(List.of(l3, l1, l2)).build()))
            .send();
    assertEquals(200, reordered.status(), reordered::toString);
    assertEquals(
        List.of("Taking a taxi", "At the airport", "At the hotel"),
        titles(reordered.json(), "lessons"));
    Api.Response dup =
        api.put("/api/units/" + u1 + "/lesson-order")
            .token(teacher.token())
            .json(Api.obj("ids", Json.createArrayBuilder(List.of(l3, l3, l2)).build()))
            .send();
    assertEquals(400, dup.status());
    assertEquals("order.invalid", dup.code());
    Api.Response units =
        api.put("/api/courses/" + id + "/unit-order")
            .token(teacher.token())
            .json(Api.obj("ids", Json.createArrayBuilder(List.of(u2, u1, u0)).build()))
            .send();
    assertEquals(200, units.status(), units::toString);
    assertEquals(List.of("Eating out", "Arriving", "Basics"), titles(units.json(), "units"));
    // The refused reorder changed nothing.
    JsonObject after = api.get("/api/courses/" + id).token(teacher.token()).send().json();
    assertEquals(
        List.of("Taking a taxi", "At the airport", "At the hotel"),
        titles(after.getJsonArray("units").getJsonObject(1), "lessons"));

    // Moving a lesson to another unit closes the gap it leaves.
    Api.Response moved =
        api.patch("/api/lessons/" + l1)
            .token(teacher.token())
            .json(Api.obj("unitId", u2, "position", 1))
            .send();
    assertEquals(200, moved.status(), moved::toString);
    JsonObject afterMove = api.get("/api/courses/" + id).token(teacher.token()).send().json();
    assertEquals(
        List.of("At the airport"),
        titles(afterMove.getJsonArray("units").getJsonObject(0), "lessons"));
    JsonObject arrivingNow = afterMove.getJsonArray("units").getJsonObject(1);
    assertEquals(List.of("Taking a taxi", "At the hotel"), titles(arrivingNow, "lessons"));
    assertEquals(
        List.of(1, 2),
        arrivingNow.getJsonArray("lessons").getValuesAs(JsonObject.class).stream()
            .map(l -> l.getInt("position"))
            .toList());
  }

  @Test
  void prerequisitesMustExistInTheSchoolAndNeverCycle() {
    School school = schools.newSchool();
    Person teacher = schools.person(school, "teacher");
    String id = course(teacher.token(), "Grammar").getString("id");
    String unit = unit(teacher.token(), id, "Verbs");
    String a = lesson(teacher.token(), unit, "Present");
    String b = lesson(teacher.token(), unit, "Past");
    String c = lesson(teacher.token(), unit, "Future");
    assertEquals(
        200,
        api.patch("/api/lessons/" + b)
            .token(teacher.token())
            .json(Api.obj("prerequisites", Json.createArrayBuilder(List.of(a)).build()))
            .send()
            .status());
    assertEquals(
        200,
        api.patch("/api/lessons/" + c)
            .token(teacher.token())
            .json(Api.obj("prerequisites", Json.createArrayBuilder(List.of(b)).build()))
            .send()
            .status());
    Api.Response cycle =
        api.patch("/api/lessons/" + a)
            .token(teacher.token())
            .json(Api.obj("prerequisites", Json.createArrayBuilder(List.of(c)).build()))
            .send();
    assertEquals(409, cycle.status(), cycle::toString);
    assertEquals("lesson.prerequisite-cycle", cycle.code());
    assertTrue(
        api.get("/api/lessons/" + a)
            .token(teacher.token())
            .send()
            .json()
            .getJsonArray("prerequisites")
            .isEmpty(),
        "the refused change changed nothing");

    School other = schools.newSchool();
    Person stranger = schools.person(other, "teacher");
    String foreignCourse = course(stranger.token(), "Elsewhere").getString("id");
    String foreign = lesson(stranger.token(), unit(stranger.token(), foreignCourse, "U"), "Theirs");
    Api.Response cross =
        api.patch("/api/lessons/" + a)
            .token(teacher.token())
            .json(Api.obj("prerequisites", Json.createArrayBuilder(List.of(foreign)).build()))
            .send();
    assertEquals(400, cross.status(), cross::toString);
  }

  @Test
  void studentsReadWhatTheyAreEnrolledInAndNothingElse() {
    School school = schools.newSchool();
    Person teacher = schools.person(school, "teacher");
    Person enrolled = schools.person(school, "student");
    Person outsider = schools.person(school, "student");
    String id = course(teacher.token(), "French").getString("id");
    String unit = unit(teacher.token(), id, "Greetings");
    String published = lesson(teacher.token(), unit, "Bonjour");
    String draft = lesson(teacher.token(), unit, "Au revoir");
    publishLesson(teacher.token(), published);
    JsonObject story = schools.story(teacher.token(), "Une histoire", "beginner");
    String storyId = story.getString("id");
    assertEquals(
        200,
        api.patch("/api/stories/" + storyId)
            .token(teacher.token())
            .json(Api.obj("lessonId", published))
            .send()
            .status());
    schools.publish(school, storyId);

    // Draft course: nobody but staff sees it, enrolled or not.
    Api.Response enrol =
        api.post("/api/courses/" + id + "/enrollments")
            .token(teacher.token())
            .json(Api.obj("userId", enrolled.id()))
            .send();
    assertEquals(201, enrol.status(), enrol::toString);
    String location = java.net.URI.create(enrol.header("Location")).getPath();
    assertEquals(
        enrolled.id(), api.get(location).token(teacher.token()).send().json().getString("userId"));
    assertEquals(404, api.get("/api/courses/" + id).token(enrolled.token()).send().status());
    publishCourse(teacher.token(), id);

    JsonObject seen = api.get("/api/courses/" + id).token(enrolled.token()).send().json();
    assertEquals(
        List.of("Bonjour"),
        titles(seen.getJsonArray("units").getJsonObject(0), "lessons"),
        "published lessons only");
    assertEquals(200, api.get("/api/lessons/" + published).token(enrolled.token()).send().status());
    assertEquals(404, api.get("/api/lessons/" + draft).token(enrolled.token()).send().status());
    JsonObject lessonView =
        api.get("/api/lessons/" + published).token(enrolled.token()).send().json();
    assertEquals(1, lessonView.getJsonArray("stories").size());
    assertEquals(200, api.get("/api/stories/" + storyId).token(enrolled.token()).send().status());

    // Not enrolled: the course, its lessons and its stories do not exist for them.
    assertEquals(404, api.get("/api/courses/" + id).token(outsider.token()).send().status());
    assertEquals(404, api.get("/api/lessons/" + published).token(outsider.token()).send().status());
    assertEquals(404, api.get("/api/stories/" + storyId).token(outsider.token()).send().status());
    assertTrue(api.get("/api/courses").token(outsider.token()).send().items().isEmpty());
    assertTrue(
        api.get("/api/stories").token(outsider.token()).send().items().stream()
            .noneMatch(s -> s.getString("id").equals(storyId)));
    // Students cannot enrol themselves: not in a course they cannot see (404), nor in one they
    // can (403).
    assertEquals(
        404,
        api.post("/api/courses/" + id + "/enrollments")
            .token(outsider.token())
            .json(Api.obj("userId", outsider.id()))
            .send()
            .status());
    assertEquals(
        403,
        api.post("/api/courses/" + id + "/enrollments")
            .token(enrolled.token())
            .json(Api.obj("userId", outsider.id()))
            .send()
            .status());
  }

  @Test
  void aCourseOpenToTheSchoolIsReadByEveryStudent() {
    School school = schools.newSchool();
    Person teacher = schools.person(school, "teacher");
    Person student = schools.person(school, "student");
    String id = course(teacher.token(), "Open course").getString("id");
    String lessonId = lesson(teacher.token(), unit(teacher.token(), id, "U"), "L");
    publishLesson(teacher.token(), lessonId);
    publishCourse(teacher.token(), id);
    assertEquals(404, api.get("/api/lessons/" + lessonId).token(student.token()).send().status());
    assertEquals(
        200,
        api.patch("/api/courses/" + id)
            .token(teacher.token())
            .json(Api.obj("audience", "school"))
            .send()
            .status());
    assertEquals(200, api.get("/api/lessons/" + lessonId).token(student.token()).send().status());
    assertEquals(1, api.get("/api/courses").token(student.token()).send().items().size());
  }

  @Test
  void onlyTheAuthorAndAdminsChangeACourse() {
    School school = schools.newSchool();
    Person author = schools.person(school, "teacher");
    Person colleague = schools.person(school, "teacher");
    Person student = schools.person(school, "student");
    String id = course(author.token(), "Mine").getString("id");
    String unitId = unit(author.token(), id, "U");
    assertEquals(
        403,
        api.patch("/api/courses/" + id)
            .token(colleague.token())
            .json(Api.obj("title", "Theirs"))
            .send()
            .status());
    assertEquals(
        403,
        api.post("/api/units/" + unitId + "/lessons")
            .token(colleague.token())
            .json(Api.obj("title", "Sneaky"))
            .send()
            .status());
    assertEquals(
        403,
        api.post("/api/courses")
            .token(student.token())
            .json(Api.obj("title", "x", "level", "A1", "difficulty", "beginner"))
            .send()
            .status());
    assertEquals(404, api.delete("/api/courses/" + id).token(student.token()).send().status());
    assertEquals(
        200,
        api.patch("/api/courses/" + id)
            .token(school.adminToken())
            .json(Api.obj("title", "Renamed"))
            .send()
            .status());
  }

  @Test
  void softDeleteHidesRestoreBringsBackPurgeIsForAdmins() {
    School school = schools.newSchool();
    Person teacher = schools.person(school, "teacher");
    String id = course(teacher.token(), "Doomed").getString("id");
    String unitId = unit(teacher.token(), id, "U");
    String lessonId = lesson(teacher.token(), unitId, "L");

    assertEquals(
        204, api.delete("/api/lessons/" + lessonId).token(teacher.token()).send().status());
    assertEquals(404, api.get("/api/lessons/" + lessonId).token(teacher.token()).send().status());
    assertTrue(
        api.get("/api/courses/" + id)
            .token(teacher.token())
            .send()
            .json()
            .getJsonArray("units")
            .getJsonObject(0)
            .getJsonArray("lessons")
            .isEmpty());
    assertEquals(
        403,
        api.post("/api/lessons/" + lessonId + "/restore").token(teacher.token()).send().status(),
        "restoring is the admin's right");
    assertEquals(
        200,
        api.post("/api/lessons/" + lessonId + "/restore")
            .token(school.adminToken())
            .send()
            .status());
    assertEquals(200, api.get("/api/lessons/" + lessonId).token(teacher.token()).send().status());

    assertEquals(204, api.delete("/api/courses/" + id).token(teacher.token()).send().status());
    assertEquals(404, api.get("/api/courses/" + id).token(teacher.token()).send().status());
    assertEquals(404, api.get("/api/lessons/" + lessonId).token(teacher.token()).send().status());
    assertTrue(api.get("/api/courses").token(teacher.token()).send().items().isEmpty());
    assertEquals(
        403,
        api.delete("/api/courses/" + id + "?permanent=true")
            .token(teacher.token())
            .send()
            .status());
    assertEquals(
        200,
        api.post("/api/courses/" + id + "/restore").token(school.adminToken()).send().status());
    assertEquals(200, api.get("/api/lessons/" + lessonId).token(teacher.token()).send().status());

    assertEquals(
        204,
        api.delete("/api/courses/" + id + "?permanent=true")
            .token(school.adminToken())
            .send()
            .status());
    assertEquals(
        404,
        api.post("/api/courses/" + id + "/restore").token(school.adminToken()).send().status());
    assertEquals(
        404, api.get("/api/lessons/" + lessonId).token(school.adminToken()).send().status());
    JsonObject log =
        api.get("/api/audit-logs?entityType=course&entityId=" + id)
            .token(school.adminToken())
            .send()
            .json();
    List<String> actions = new ArrayList<>();
    log.getJsonArray("items")
        .getValuesAs(JsonObject.class)
        .forEach(e -> actions.add(e.getString("action")));
    assertTrue(
        actions.containsAll(List.of("CREATE", "DELETE", "RESTORE", "PURGE")), actions::toString);
  }

  @Test
  void aCourseLoadsInAFixedNumberOfStatementsHoweverBigItIs() {
    School school = schools.newSchool();
    Person teacher = schools.person(school, "teacher");
    String small = course(teacher.token(), "Small").getString("id");
    lesson(teacher.token(), unit(teacher.token(), small, "U"), "L");
    String big = course(teacher.token(), "Big").getString("id");
    for (int u = 0; u < 10; u++) {
      String unitId = unit(teacher.token(), big, "Unit " + u);
      for (int l = 0; l < 10; l++) {
        lesson(teacher.token(), unitId, "Lesson " + u + "." + l);
      }
    }
    Api.Response smallAnswer = api.get("/api/courses/" + small).token(teacher.token()).send();
    Api.Response bigAnswer = api.get("/api/courses/" + big).token(teacher.token()).send();
    assertEquals(200, bigAnswer.status());
    assertEquals(10, bigAnswer.json().getJsonArray("units").size());
    assertEquals(
        100,
        bigAnswer.json().getJsonArray("units").getValuesAs(JsonObject.class).stream()
            .mapToInt(u -> u.getJsonArray("lessons").size())
            .sum());
    String statements = bigAnswer.header("X-Sql-Statements");
    assertNotNull(statements, "the ITs run with lectern.diagnostics.sql-count=true");
    assertEquals(smallAnswer.header("X-Sql-Statements"), statements, "no query per unit or lesson");
    // The count covers the whole request, the caller's token check included.
    // The caller (one statement), the course, its units and its lessons.
    assertTrue(Integer.parseInt(statements) <= 4, () -> statements + " statements");
  }

  @Test
  void aSchoolCanPutLessonPublishingUnderApproval() {
    School school = schools.newSchool();
    Person teacher = schools.person(school, "teacher");
    String id = course(teacher.token(), "Reviewed").getString("id");
    String lessonId = lesson(teacher.token(), unit(teacher.token(), id, "U"), "Checked lesson");
    Api.Response rule =
        api.put("/api/approval-rules/lesson/publish")
            .token(school.adminToken())
            .json(Api.obj("required", true))
            .send();
    assertEquals(200, rule.status(), rule::toString);
    Api.Response asked =
        api.post("/api/lessons/" + lessonId + "/publish").token(teacher.token()).send();
    assertEquals(202, asked.status(), asked::toString);
    assertEquals(
        "draft",
        api.get("/api/lessons/" + lessonId)
            .token(teacher.token())
            .send()
            .json()
            .getString("status"));
    Api.Response approved =
        api.post("/api/approvals/" + asked.json().getString("id") + "/approve")
            .token(school.adminToken())
            .json("{}")
            .send();
    assertEquals(200, approved.status(), approved::toString);
    JsonObject lesson = api.get("/api/lessons/" + lessonId).token(teacher.token()).send().json();
    assertEquals("published", lesson.getString("status"));
    String adminId = api.get("/api/me").token(school.adminToken()).send().json().getString("id");
    assertEquals(adminId, lesson.getString("approvedBy"), "the approver let it through");
  }

  @Test
  void aStoryInALessonCostsOnlyTheLessonAndCourseLookupsMore() {
    School school = schools.newSchool();
    Person teacher = schools.person(school, "teacher");
    String id = course(teacher.token(), "Counted").getString("id");
    String lessonId = lesson(teacher.token(), unit(teacher.token(), id, "U"), "L");
    String alone = schools.story(teacher.token(), "Alone", "beginner").getString("id");
    String placed = schools.story(teacher.token(), "Placed", "beginner").getString("id");
    api.patch("/api/stories/" + placed)
        .token(teacher.token())
        .json(Api.obj("lessonId", lessonId))
        .send();
    int aloneCount =
        Integer.parseInt(
            api.get("/api/stories/" + alone)
                .token(teacher.token())
                .send()
                .header("X-Sql-Statements"));
    int placedCount =
        Integer.parseInt(
            api.get("/api/stories/" + placed)
                .token(teacher.token())
                .send()
                .header("X-Sql-Statements"));
    // The lesson, the course and the reader's enrollments are read once per request, not at each
    // of the three access checks a read makes (which cost 22 statements against 10 before).
    assertTrue(placedCount <= aloneCount + 4, () -> aloneCount + " vs " + placedCount);
  }

  @Test
  void lessonsAreFoundByFullTextSearch() {
    School school = schools.newSchool();
    Person teacher = schools.person(school, "teacher");
    String id = course(teacher.token(), "Cooking").getString("id");
    String unitId = unit(teacher.token(), id, "U");
    String hit = lesson(teacher.token(), unitId, "Baking bread");
    lesson(teacher.token(), unitId, "Boiling eggs");
    List<JsonObject> found = api.get("/api/lessons?q=bakes").token(teacher.token()).send().items();
    assertEquals(List.of(hit), found.stream().map(l -> l.getString("id")).toList(), "stemmed");
  }
}
