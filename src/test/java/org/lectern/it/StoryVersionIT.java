package org.lectern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lectern.it.Schools.Person;
import org.lectern.it.Schools.School;

/**
 * Story versions, chunks, cloze settings, tags and search over HTTP: every text change is a new
 * version, readers keep the published one until the next is approved.
 */
class StoryVersionIT extends ApiTestBase {

  private static final String TEXT =
      "Había una vez un gato.\n\nThe cat was very hungry.\n\n(hungry = hambriento)";

  private JsonObject create(Person teacher, String title, String content) {
    Api.Response r =
        api.post("/api/stories")
            .token(teacher.token())
            .json(
                Api.obj(
                    "title", title, "content", content, "difficulty", "beginner", "language", "es"))
            .send();
    assertEquals(201, r.status(), r::toString);
    return r.json();
  }

  @Test
  void textIsVersionedChunkedAndReadersKeepThePublishedVersion() {
    School school = schools.newSchool();
    Person teacher = schools.person(school, "teacher");
    Person student = schools.person(school, "student");
    JsonObject story = create(teacher, "El gato", TEXT);
    String id = story.getString("id");
    assertEquals(1, story.getInt("shownVersion"));
    assertEquals(3, story.getJsonArray("chunks").size());
    assertEquals(
        "Había una vez un gato.", story.getJsonArray("chunks").getJsonObject(0).getString("text"));

    // Mark the English chunk as chem and the note as explain: a new version, chem ratio computed.
    Api.Response chem =
        api.patch("/api/stories/" + id + "/chunks/2")
            .token(teacher.token())
            .json(Api.obj("type", "chem"))
            .send();
    assertEquals(200, chem.status(), chem::toString);
    Api.Response explain =
        api.patch("/api/stories/" + id + "/chunks/3")
            .token(teacher.token())
            .json(Api.obj("type", "explain"))
            .send();
    assertEquals(3, explain.json().getInt("shownVersion"));
    // 5 words normal, 5 chem, the explain chunk does not count: 5 / 10.
    assertEquals(
        "0.5",
        explain
            .json()
            .getJsonNumber("chemRatio")
            .bigDecimalValue()
            .stripTrailingZeros()
            .toPlainString());
    assertEquals(10, explain.json().getInt("wordCount"));

    // Publishing goes through approval (the teacher is the author); the admin approves.
    Api.Response asked = api.post("/api/stories/" + id + "/publish").token(teacher.token()).send();
    assertEquals(202, asked.status(), asked::toString);
    String approval = asked.json().getString("id");
    assertEquals(404, api.get("/api/stories/" + id).token(student.token()).send().status());
    assertEquals(
        200,
        api.post("/api/approvals/" + approval + "/approve")
            .token(school.adminToken())
            .json(Api.obj())
            .send()
            .status());
    JsonObject read = api.get("/api/stories/" + id).token(student.token()).send().json();
    assertEquals(3, read.getInt("shownVersion"));
    assertFalse(
        read.containsKey("latestVersion") && !read.isNull("latestVersion"),
        "readers do not see draft numbers");

    // The teacher rewrites the story: students still read version 3.
    Api.Response edited =
        api.patch("/api/stories/" + id)
            .token(teacher.token())
            .json(
                Api.obj(
                    "content",
                    "Había una vez un perro.\n\nThe cat was very hungry.\n\n(hungry = hambriento)"))
            .send();
    assertEquals(200, edited.status(), edited::toString);
    assertEquals(4, edited.json().getInt("shownVersion"));
    assertEquals(
        "chem",
        edited.json().getJsonArray("chunks").getJsonObject(1).getString("type"),
        "unchanged chunks keep their type");
    JsonObject studentView = api.get("/api/stories/" + id).token(student.token()).send().json();
    assertEquals(3, studentView.getInt("shownVersion"));
    assertTrue(studentView.getString("content").contains("gato"));
    assertEquals(
        404, api.get("/api/stories/" + id + "?version=4").token(student.token()).send().status());
    assertEquals(
        403, api.get("/api/stories/" + id + "/versions").token(student.token()).send().status());

    // Versions, a diff, and restoring an old one as a new version.
    JsonObject versions =
        api.get("/api/stories/" + id + "/versions").token(teacher.token()).send().json();
    assertEquals(
        List.of(4, 3, 2, 1),
        versions.getJsonArray("items").getValuesAs(JsonObject.class).stream()
            .map(v -> v.getInt("number"))
            .toList());
    assertTrue(versions.getJsonArray("items").getJsonObject(1).getBoolean("isPublished"));
    assertEquals(List.of(4, 3, 2, 1), pagedNumbers(teacher, "/api/stories/" + id + "/versions"));
    assertEquals(
        400,
        api.get("/api/stories/" + id + "/versions?cursor=3")
            .token(teacher.token())
            .send()
            .status());
    JsonObject diff =
        api.get("/api/stories/" + id + "/versions/4/diff?from=3")
            .token(teacher.token())
            .send()
            .json();
    assertEquals(1, diff.getInt("added"));
    assertEquals(1, diff.getInt("removed"));
    assertEquals(2, diff.getInt("unchanged"));
    Api.Response restored =
        api.post("/api/stories/" + id + "/versions/1/restore").token(teacher.token()).send();
    assertEquals(200, restored.status(), restored::toString);
    assertEquals(5, restored.json().getInt("shownVersion"));
    JsonObject v5 =
        api.get("/api/stories/" + id + "/versions/5").token(teacher.token()).send().json();
    assertEquals(1, v5.getInt("basedOn"));
    assertEquals(TEXT, v5.getString("content"));

    // Publishing again moves readers on; at most one version is published.
    assertEquals(
        200,
        api.post("/api/stories/" + id + "/publish").token(school.adminToken()).send().status());
    assertEquals(
        5,
        api.get("/api/stories/" + id).token(student.token()).send().json().getInt("shownVersion"));
    long published =
        api.get("/api/stories/" + id + "/versions").token(teacher.token()).send().items().stream()
            .filter(v -> v.getBoolean("isPublished"))
            .count();
    assertEquals(1, published);
  }

  @Test
  void clozeSettingsAreValidatedPerVersion() {
    School school = schools.newSchool();
    Person teacher = schools.person(school, "teacher");
    String id = create(teacher, "Cloze", "One two three.").getString("id");
    Api.Response ok =
        api.put("/api/stories/" + id + "/versions/1/cloze")
            .token(teacher.token())
            .json(
                Api.obj(
                    "settings",
                    Json.createArrayBuilder()
                        .add(
                            Api.obj(
                                "partOfSpeech",
                                "noun",
                                "ratio",
                                Json.createValue(new java.math.BigDecimal("0.3"))))
                        .add(
                            Api.obj(
                                "partOfSpeech",
                                "verb",
                                "ratio",
                                Json.createValue(new java.math.BigDecimal("0.25"))))
                        .build()))
            .send();
    assertEquals(200, ok.status(), ok::toString);
    for (JsonObject bad :
        List.of(
            Api.obj(
                "partOfSpeech", "noun", "ratio", Json.createValue(new java.math.BigDecimal("1.5"))),
            Api.obj(
                "partOfSpeech",
                "noun",
                "ratio",
                Json.createValue(new java.math.BigDecimal("-0.1"))),
            Api.obj(
                "partOfSpeech",
                "gerundive",
                "ratio",
                Json.createValue(new java.math.BigDecimal("0.5"))))) {
      Api.Response r =
          api.put("/api/stories/" + id + "/versions/1/cloze")
              .token(teacher.token())
              .json(Api.obj("settings", Json.createArrayBuilder().add(bad).build()))
              .send();
      assertEquals(400, r.status(), r::toString);
      assertEquals("application/problem+json", r.contentType());
    }
    Api.Response twice =
        api.put("/api/stories/" + id + "/versions/1/cloze")
            .token(teacher.token())
            .json(
                Api.obj(
                    "settings",
                    Json.createArrayBuilder()
                        .add(
                            Api.obj(
                                "partOfSpeech",
                                "noun",
                                "ratio",
                                Json.createValue(new java.math.BigDecimal("0.3"))))
                        .add(
                            Api.obj(
                                "partOfSpeech",
                                "noun",
                                "ratio",
                                Json.createValue(new java.math.BigDecimal("0.4"))))
                        .build()))
            .send();
    assertEquals(400, twice.status());
    List<JsonObject> settings =
        Api.parseArray(
                api.get("/api/stories/" + id + "/versions/1/cloze")
                    .token(teacher.token())
                    .send()
                    .body())
            .getValuesAs(JsonObject.class);
    assertEquals(
        List.of("noun", "verb"),
        settings.stream().map(s -> s.getString("partOfSpeech")).toList(),
        "bad input changed nothing");
    // A new version starts with the settings of the one it came from.
    api.patch("/api/stories/" + id)
        .token(teacher.token())
        .json(Api.obj("content", "One two four."))
        .send();
    assertEquals(
        2,
        Api.parseArray(
                api.get("/api/stories/" + id + "/versions/2/cloze")
                    .token(teacher.token())
                    .send()
                    .body())
            .size());
  }

  @Test
  void tagsFilterListsAndSearchRanksInTheStorysLanguage() {
    School school = schools.newSchool();
    Person teacher = schools.person(school, "teacher");
    String running =
        api.post("/api/stories")
            .token(teacher.token())
            .json(
                Api.obj(
                    "title",
                    "The runners",
                    "content",
                    "They were running and running in the park.",
                    "difficulty",
                    "beginner"))
            .send()
            .json()
            .getString("id");
    String walking =
        api.post("/api/stories")
            .token(teacher.token())
            .json(
                Api.obj(
                    "title",
                    "A walk",
                    "content",
                    "She walked; someone ran past once.",
                    "difficulty",
                    "beginner"))
            .send()
            .json()
            .getString("id");
    String spanish =
        create(teacher, "Los corredores", "Corrían y corrían por el parque.").getString("id");

    Api.Response tagged =
        api.put("/api/stories/" + running + "/tags")
            .token(teacher.token())
            .json(Api.obj("tags", Json.createArrayBuilder(List.of("Sport", "outdoors")).build()))
            .send();
    assertEquals(200, tagged.status(), tagged::toString);
    assertEquals(
        List.of("outdoors", "Sport"),
        tagged.json().getJsonArray("tags").getValuesAs(jakarta.json.JsonString.class).stream()
            .map(jakarta.json.JsonString::getString)
            .toList());
    assertEquals(
        List.of(running),
        api.get("/api/stories?tag=sport").token(teacher.token()).send().items().stream()
            .map(s -> s.getString("id"))
            .toList());
    assertFalse(
        api.get("/api/stories").token(teacher.token()).send().items().get(0).containsKey("content"),
        "lists leave the text out");
    assertEquals(2, api.get("/api/tags").token(teacher.token()).send().items().size());
    assertEquals(
        List.of("outdoors", "Sport"),
        paged(teacher, "/api/tags").stream().map(t -> t.getString("name")).toList());

    // English stemming: "runs" finds running; the story that says it twice in its text ranks first.
    List<String> found =
        api.get("/api/stories?q=runs").token(teacher.token()).send().items().stream()
            .map(s -> s.getString("id"))
            .toList();
    assertEquals(running, found.get(0));
    assertEquals(
        found,
        paged(teacher, "/api/stories?q=runs").stream().map(x -> x.getString("id")).toList(),
        "search pages one by one in the same order");
    assertEquals(
        400,
        api.get(
                "/api/stories?q=runs&cursor="
                    + api.get("/api/tags?limit=1")
                        .token(teacher.token())
                        .send()
                        .json()
                        .getString("nextCursor"))
            .token(teacher.token())
            .send()
            .status(),
        "another list's cursor");
    assertFalse(found.contains(spanish));
    assertFalse(found.contains(walking), "ran is not run to PostgreSQL's English stemmer");
    // Spanish stemming for the Spanish story.
    assertEquals(
        List.of(spanish),
        api.get("/api/stories?q=parque").token(teacher.token()).send().items().stream()
            .map(s -> s.getString("id"))
            .toList());
    Api.Response bad = api.get("/api/stories?q=").token(teacher.token()).send();
    assertEquals(400, bad.status());
  }

  /** Every item of a list, read one per page by following {@code nextCursor}. */
  private List<JsonObject> paged(Person who, String path) {
    List<JsonObject> all = new java.util.ArrayList<>();
    String cursor = null;
    for (int pages = 0; pages < 20; pages++) {
      Api.Response page =
          api.get(
                  path
                      + (path.contains("?") ? "&" : "?")
                      + "limit=1"
                      + (cursor == null ? "" : "&cursor=" + cursor))
              .token(who.token())
              .send();
      assertEquals(200, page.status(), page::toString);
      all.addAll(page.items());
      if (page.json().isNull("nextCursor")) {
        return all;
      }
      cursor = page.json().getString("nextCursor");
    }
    throw new AssertionError("more pages than expected for " + path);
  }

  private List<Integer> pagedNumbers(Person who, String path) {
    return paged(who, path).stream().map(v -> v.getInt("number")).toList();
  }
}
