package org.lectern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every role's allowed and forbidden story actions, all decided by grants and the default policies:
 * students read published stories only, teachers create and edit their own, admins all.
 */
class StoryAccessIT extends ApiTestBase {

  private Schools.School school;
  private Schools.Person teacher;
  private Schools.Person otherTeacher;
  private Schools.Person student;

  @BeforeEach
  void school() {
    school = schools.newSchool();
    teacher = schools.person(school, "teacher");
    otherTeacher = schools.person(school, "teacher");
    student = schools.person(school, "student");
  }

  @Test
  void teacherCreatesADraftWithComputedWordCount() {
    Api.Response r =
        api.post("/api/stories")
            .token(teacher.token())
            .json(
                Api.obj(
                    "title",
                    "The Fox",
                    "content",
                    "A quick brown fox.\n\nIt jumps - high.",
                    "difficulty",
                    "beginner",
                    "estimatedMinutes",
                    5))
            .send();
    assertEquals(201, r.status(), r::toString);
    JsonObject s = r.json();
    assertEquals("draft", s.getString("status"));
    assertEquals(7, s.getInt("wordCount"));
    assertEquals(teacher.id(), s.getString("createdBy"));
    assertTrue(r.header("Location").endsWith("/api/stories/" + s.getString("id")));
    assertEquals("\"" + s.getJsonNumber("version").longValue() + "\"", r.header("ETag"));
  }

  @Test
  void studentCannotCreateStories() {
    Api.Response r =
        api.post("/api/stories")
            .token(student.token())
            .json(Api.obj("title", "Mine", "content", "x y", "difficulty", "beginner"))
            .send();
    assertEquals(403, r.status(), r::toString);
    assertEquals("access.denied", r.code());
  }

  @Test
  void studentSeesOnlyPublishedStories() {
    JsonObject draft = schools.story(teacher.token(), "Draft tale", "beginner");
    JsonObject published = schools.story(teacher.token(), "Published tale", "beginner");
    schools.publish(school, published.getString("id"));

    assertEquals(
        404,
        api.get("/api/stories/" + draft.getString("id")).token(student.token()).send().status());
    Api.Response ok =
        api.get("/api/stories/" + published.getString("id")).token(student.token()).send();
    assertEquals(200, ok.status(), ok::toString);
    assertEquals("published", ok.json().getString("status"));

    List<JsonObject> listed = api.get("/api/stories").token(student.token()).send().items();
    assertEquals(1, listed.size());
    assertEquals(published.getString("id"), listed.get(0).getString("id"));
    assertFalse(listed.get(0).containsKey("content"), "lists leave out the heavy content");
  }

  @Test
  void studentCannotChangeOrDeleteAPublishedStory() {
    JsonObject s = schools.story(teacher.token(), "Read only", "beginner");
    schools.publish(school, s.getString("id"));
    String path = "/api/stories/" + s.getString("id");
    assertEquals(
        403,
        api.patch(path).token(student.token()).json(Api.obj("title", "Hacked")).send().status());
    assertEquals(403, api.delete(path).token(student.token()).send().status());
    assertEquals(
        "Read only", api.get(path).token(student.token()).send().json().getString("title"));
  }

  @Test
  void teacherEditsOwnStoriesButNotOthers() {
    JsonObject mine = schools.story(teacher.token(), "Mine", "beginner");
    JsonObject theirs = schools.story(otherTeacher.token(), "Theirs", "beginner");

    Api.Response own =
        api.patch("/api/stories/" + mine.getString("id"))
            .token(teacher.token())
            .json(Api.obj("title", "Mine, edited"))
            .send();
    assertEquals(200, own.status(), own::toString);
    assertEquals("Mine, edited", own.json().getString("title"));

    Api.Response other =
        api.patch("/api/stories/" + theirs.getString("id"))
            .token(teacher.token())
            .json(Api.obj("title", "Taken over"))
            .send();
    assertEquals(403, other.status(), other::toString);
    Api.Response still =
        api.get("/api/stories/" + theirs.getString("id")).token(otherTeacher.token()).send();
    assertEquals("Theirs", still.json().getString("title"));
    assertEquals(
        403,
        api.delete("/api/stories/" + theirs.getString("id"))
            .token(teacher.token())
            .send()
            .status());
  }

  @Test
  void teacherOnlyAsksToPublishWhileAdminPublishesAlone() {
    JsonObject s = schools.story(teacher.token(), "To publish", "beginner");
    String path = "/api/stories/" + s.getString("id");
    Api.Response patched =
        api.patch(path).token(teacher.token()).json(Api.obj("status", "published")).send();
    assertEquals(400, patched.status(), "publishing is not a field edit: " + patched);

    Api.Response asked = api.post(path + "/publish").token(teacher.token()).send();
    assertEquals(202, asked.status(), asked::toString);
    assertEquals("pending", asked.json().getString("status"));
    assertEquals("draft", api.get(path).token(teacher.token()).send().json().getString("status"));

    Api.Response published = api.post(path + "/publish").token(school.adminToken()).send();
    assertEquals(200, published.status(), published::toString);
    assertEquals("published", published.json().getString("status"));
    assertEquals(
        403,
        api.post(path + "/publish").token(student.token()).send().status(),
        "a student may not even ask");
  }

  @Test
  void adminUpdatesAndDeletesAnyStory() {
    JsonObject s = schools.story(teacher.token(), "Any", "beginner");
    String path = "/api/stories/" + s.getString("id");
    Api.Response put =
        api.put(path)
            .token(school.adminToken())
            .json(
                Api.obj(
                    "title",
                    "Replaced",
                    "content",
                    "one two three",
                    "difficulty",
                    "advanced",
                    "storyType",
                    "adapted"))
            .send();
    assertEquals(200, put.status(), put::toString);
    assertEquals(3, put.json().getInt("wordCount"));
    assertEquals("advanced", put.json().getString("difficulty"));
    assertEquals(204, api.delete(path).token(school.adminToken()).send().status());
    assertEquals(404, api.get(path).token(school.adminToken()).send().status());
  }

  @Test
  void softDeletedStoriesVanishFromLists() {
    JsonObject gone = schools.story(teacher.token(), "Gone", "beginner");
    schools.story(teacher.token(), "Kept", "beginner");
    assertEquals(
        204,
        api.delete("/api/stories/" + gone.getString("id")).token(teacher.token()).send().status());
    List<JsonObject> items = api.get("/api/stories").token(school.adminToken()).send().items();
    assertEquals(1, items.size());
    assertEquals("Kept", items.get(0).getString("title"));
  }

  @Test
  void staleIfMatchIs412AndChangesNothing() {
    JsonObject s = schools.story(teacher.token(), "Versioned", "beginner");
    String path = "/api/stories/" + s.getString("id");
    String etag = api.get(path).token(teacher.token()).send().header("ETag");
    Api.Response first =
        api.patch(path)
            .token(teacher.token())
            .header("If-Match", etag)
            .json(Api.obj("title", "v1"))
            .send();
    assertEquals(200, first.status(), first::toString);
    assertTrue(!etag.equals(first.header("ETag")), "a change moves the ETag");
    Api.Response stale =
        api.patch(path)
            .token(teacher.token())
            .header("If-Match", etag)
            .json(Api.obj("title", "lost update"))
            .send();
    assertEquals(412, stale.status(), stale::toString);
    assertEquals("v1", api.get(path).token(teacher.token()).send().json().getString("title"));
  }

  @Test
  void aStudentWhoSeesFewOfManyStoriesGetsFullPagesInFewStatements() {
    List<String> published = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String id = schools.story(teacher.token(), "Open " + i, "beginner").getString("id");
      schools.publish(school, id);
      published.add(0, id);
    }
    for (int i = 0; i < 12; i++) {
      schools.story(teacher.token(), "Draft " + i, "beginner");
    }
    // The drafts are newer than every published story: a list that filtered after reading would
    // examine them first and hand out short pages.
    Api.Response first = api.get("/api/stories?limit=2").token(student.token()).send();
    assertEquals(200, first.status(), first::toString);
    assertEquals(
        published.subList(0, 2), first.items().stream().map(i -> i.getString("id")).toList());
    String cursor = first.json().getString("nextCursor");
    Api.Response second =
        api.get("/api/stories?limit=2&cursor=" + cursor).token(student.token()).send();
    assertEquals(
        published.subList(2, 3), second.items().stream().map(i -> i.getString("id")).toList());
    assertTrue(second.json().isNull("nextCursor"), second::toString);
    Api.Response exact = api.get("/api/stories?limit=3").token(student.token()).send();
    assertEquals(3, exact.items().size());
    assertTrue(exact.json().isNull("nextCursor"), "a full last page says it is the last");
    int statements = Integer.parseInt(first.header("X-Sql-Statements"));
    // The caller (tenant, user and the user's enrolments, which a rule reads as user.courses, in
    // one statement) and the page itself; no BEGIN/COMMIT either (they are not counted here).
    assertTrue(statements <= 2, () -> statements + " statements for a student's list page");
  }

  @Test
  void aRuleSqlCannotExpressStillFiltersTheListRowByRow() {
    JsonObject draft = schools.story(teacher.token(), "Hidden draft", "beginner");
    JsonObject published = schools.story(teacher.token(), "Open story", "beginner");
    schools.publish(school, published.getString("id"));
    // createdAt is ISO text in memory but a timestamp in the table: this rule has no SQL form,
    // so the list decides row by row, and must still show exactly the published story.
    Api.Response rule =
        api.post("/api/policies")
            .token(school.adminToken())
            .json(
                "{\"name\":\"no-ancient-stories\",\"resource\":\"story\",\"actions\":[\"read\"],"
                    + "\"effect\":\"deny\",\"priority\":5,\"conditions\":[{\"field\":"
                    + "\"resource.createdAt\",\"operator\":\"lt\",\"value\":\"2000-01-01\"}]}")
            .send();
    assertEquals(201, rule.status(), rule::toString);
    List<String> ids =
        api.get("/api/stories").token(student.token()).send().items().stream()
            .map(i -> i.getString("id"))
            .toList();
    assertEquals(List.of(published.getString("id")), ids);
    assertFalse(ids.contains(draft.getString("id")));
  }

  @Test
  void everyDifficultyCanBeStored() {
    // stories.difficulty was varchar(16), too short for the longest allowed value.
    JsonObject story = schools.story(teacher.token(), "Harder", "upper_intermediate");
    assertEquals("upper_intermediate", story.getString("difficulty"));
  }

  @Test
  void listsPageWithAnOpaqueCursorAndFilter() {
    Set<String> created = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      created.add(
          schools
              .story(teacher.token(), "Story " + i, i % 2 == 0 ? "beginner" : "advanced")
              .getString("id"));
    }
    Set<String> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      Api.Response page =
          api.get("/api/stories?limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
              .token(teacher.token())
              .send();
      assertEquals(200, page.status(), page::toString);
      page.items().forEach(i -> assertTrue(seen.add(i.getString("id")), "no story twice"));
      cursor = page.json().isNull("nextCursor") ? null : page.json().getString("nextCursor");
      pages++;
    } while (cursor != null && pages < 10);
    assertEquals(created, seen);
    assertEquals(3, pages);

    Api.Response advanced =
        api.get("/api/stories?difficulty=advanced").token(teacher.token()).send();
    assertEquals(2, advanced.items().size());
    assertTrue(advanced.json().isNull("nextCursor"));
    assertEquals(400, api.get("/api/stories?limit=500").token(teacher.token()).send().status());
    assertEquals(400, api.get("/api/stories?limit=ten").token(teacher.token()).send().status());
    Api.Response badFilter = api.get("/api/stories?status=lost").token(teacher.token()).send();
    assertEquals(400, badFilter.status(), badFilter::toString);
    assertTrue(badFilter.json().getJsonArray("errors").toString().contains("status"));
    assertEquals(
        400, api.get("/api/stories?cursor=garbage!").token(teacher.token()).send().status());
  }

  @Test
  void invalidBodiesAreFieldErrorsAndStoreNothing() {
    Api.Response r =
        api.post("/api/stories")
            .token(teacher.token())
            .json(
                "{\"title\":\" \",\"content\":\"x\",\"difficulty\":\"impossible\",\"chemRatio\":2,\"tittle\":\"typo\"}")
            .send();
    assertEquals(400, r.status(), r::toString);
    String errors = r.json().getJsonArray("errors").toString();
    assertTrue(errors.contains("tittle"), errors);
    assertTrue(errors.contains("difficulty"), errors);
    assertEquals(
        400, api.post("/api/stories").token(teacher.token()).json("{\"title\": ").send().status());
    Api.Response valid =
        api.post("/api/stories")
            .token(teacher.token())
            .json(
                Api.obj(
                    "title",
                    "Fine",
                    "content",
                    "x",
                    "difficulty",
                    "beginner",
                    "chemRatio",
                    jakarta.json.Json.createValue(1.5)))
            .send();
    assertEquals(400, valid.status(), valid::toString);
    assertEquals(0, api.get("/api/stories").token(teacher.token()).send().items().size());
    assertNotNull(r.json().getString("requestId"));
  }
}
