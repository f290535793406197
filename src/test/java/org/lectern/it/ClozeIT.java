package org.lectern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cloze exercises over HTTP: made by a teacher from a story version's text, reproducible from a
 * seed, stored in the school's question bank, and for no one who may not read the story.
 */
class ClozeIT extends ApiTestBase {

  private static final String TEXT =
      """
      The young girl carried a small lantern through the dark garden. She heard a strange sound \
      near the old wooden gate, and she stopped.

      A grey fox looked at her from the tall grass. Its bright eyes shone in the yellow light, \
      and the girl smiled at the quiet animal.

      Then the fox turned slowly and ran into the deep forest behind the house.""";

  private Schools.School school;
  private Schools.Person teacher;
  private String storyId;

  @BeforeEach
  void anEnglishStoryWithClozeSettings() {
    school = schools.newSchool();
    teacher = schools.person(school, "teacher");
    storyId = story(teacher.token(), "The lantern", TEXT, "en");
    settings(storyId, 1, "noun", "0.5", "adjective", "0.4", "verb", "0.3");
  }

  private String story(String token, String title, String content, String language) {
    Api.Response r =
        api.post("/api/stories")
            .token(token)
            .json(
                Api.obj(
                    "title",
                    title,
                    "content",
                    content,
                    "difficulty",
                    "beginner",
                    "language",
                    language))
            .send();
    assertEquals(201, r.status(), r::toString);
    return r.json().getString("id");
  }

  private void settings(String story, int version, String... partAndRatio) {
    var list = Json.createArrayBuilder();
    for (int i = 0; i < partAndRatio.length; i += 2) {
      list.add(
          Api.obj(
              "partOfSpeech",
              partAndRatio[i],
              "ratio",
              Json.createValue(new BigDecimal(partAndRatio[i + 1]))));
    }
    Api.Response r =
        api.put("/api/stories/" + story + "/versions/" + version + "/cloze")
            .token(teacher.token())
            .json(Api.obj("settings", list.build()))
            .send();
    assertEquals(200, r.status(), r::toString);
  }

  private Api.Response cloze(String token, String story, int version, Object... body) {
    return api.post("/api/stories/" + story + "/versions/" + version + "/cloze-exercise")
        .token(token)
        .json(Api.obj(body))
        .send();
  }

  private static JsonValue seed(long seed) {
    return Json.createValue(seed);
  }

  /** The parts of an exercise the seed decides: stems, contents and keys, in order. */
  private static List<String> questions(JsonObject exercise) {
    return exercise.getJsonArray("questions").stream()
        .map(JsonValue::asJsonObject)
        .map(
            q ->
                q.getInt("position")
                    + "|"
                    + q.getInt("chunk")
                    + "|"
                    + q.getString("stem")
                    + "|"
                    + q.getJsonObject("content")
                    + "|"
                    + q.getJsonObject("answerKey"))
        .toList();
  }

  @Test
  void theSameSeedMakesTheSameExerciseAndAnotherSeedAnother() throws Exception {
    Api.Response first = cloze(teacher.token(), storyId, 1, "seed", seed(20_251_120L));
    assertEquals(201, first.status(), first::toString);
    JsonObject a = first.json();
    assertEquals(
        "/api/exercises/" + a.getString("id"),
        first.header("Location").replaceFirst("^https?://[^/]+", ""));
    assertEquals("cloze", a.getString("kind"));
    assertEquals(storyId, a.getString("storyId"));
    assertEquals(1, a.getInt("storyVersion"));
    assertEquals(20_251_120L, a.getJsonNumber("seed").longValueExact());
    assertEquals("opennlp-en", a.getString("tagger"));
    assertTrue(a.isNull("note"));
    assertEquals("The lantern (cloze, version 1)", a.getString("title"));
    assertEquals(teacher.id(), a.getString("createdBy"));

    // Nouns, adjectives and verbs at their ratios, half up, of what the tagger found.
    int total = 0;
    for (JsonValue v : a.getJsonArray("partsOfSpeech")) {
      JsonObject c = v.asJsonObject();
      int words = c.getInt("words");
      BigDecimal ratio = c.getJsonNumber("ratio").bigDecimalValue();
      int expected =
          ratio
              .multiply(BigDecimal.valueOf(words))
              .setScale(0, java.math.RoundingMode.HALF_UP)
              .intValue();
      assertEquals(expected, c.getInt("blanks"), c::toString);
      assertTrue(words > 0, () -> "the tagger found no " + c.getString("partOfSpeech"));
      total += c.getInt("blanks");
    }
    assertEquals(
        List.of("noun", "verb", "adjective"),
        a.getJsonArray("partsOfSpeech").stream()
            .map(v -> v.asJsonObject().getString("partOfSpeech"))
            .toList());
    assertEquals(total, a.getInt("blanks"));

    // One fill_blank question per chunk with blanks; its key is what Grading reads.
    int keyed = 0;
    for (JsonValue v : a.getJsonArray("questions")) {
      JsonObject q = v.asJsonObject();
      assertEquals("fill_blank", q.getString("type"));
      int n = q.getJsonObject("content").getInt("blanks");
      JsonObject key = q.getJsonObject("answerKey");
      assertEquals(n, key.getJsonArray("blanks").size());
      assertEquals(
          Json.createObjectBuilder()
              .add("caseSensitive", false)
              .add("diacriticsSensitive", true)
              .build(),
          key.getJsonObject("matching"));
      String stem = q.getString("stem");
      for (int k = 1; k <= n; k++) {
        String answer =
            key.getJsonArray("blanks").getJsonObject(k - 1).getJsonArray("accepted").getString(0);
        assertTrue(stem.contains("___(" + k + ")___"), stem);
        stem = stem.replace("___(" + k + ")___", answer);
      }
      assertTrue(TEXT.contains(stem), () -> "the stem with its answers is the chunk: " + q);
      keyed += n;
    }
    assertEquals(total, keyed);

    // An exercise of the question bank like any other.
    Api.Response bank =
        api.get("/api/exercises/" + a.getString("id")).token(teacher.token()).send();
    assertEquals(200, bank.status(), bank::toString);
    assertEquals("cloze", bank.json().getString("kind"));
    assertEquals(storyId, bank.json().getString("storyId"));
    assertEquals(1, bank.json().getInt("storyVersion"));
    assertEquals(
        a.getJsonArray("questions").stream()
            .map(q -> q.asJsonObject().getString("stem") + "|" + q.asJsonObject().get("answerKey"))
            .toList(),
        bank.json().getJsonArray("questions").stream()
            .map(q -> q.asJsonObject().getString("stem") + "|" + q.asJsonObject().get("answerKey"))
            .toList());

    Api.Response again = cloze(teacher.token(), storyId, 1, "seed", seed(20_251_120L));
    assertEquals(201, again.status(), again::toString);
    JsonObject b = again.json();
    assertNotEquals(a.getString("id"), b.getString("id"), "a new exercise");
    assertEquals(questions(a), questions(b), "the same stems and keys in the same order");
    assertEquals(a.getJsonArray("partsOfSpeech"), b.getJsonArray("partsOfSpeech"));

    JsonObject other = cloze(teacher.token(), storyId, 1, "seed", seed(7)).json();
    assertNotEquals(questions(a), questions(other), "another seed, other blanks");
    assertEquals(a.getInt("blanks"), other.getInt("blanks"), "as many, as the ratios say");

    // Stored in the question bank as the schema has it.
    assertEquals(
        List.of("cloze|" + storyId + "|1|20251120"),
        Db.column(
            "SELECT kind || '|' || story_id || '|' || story_version || '|' || seed FROM exercises"
                + " WHERE id = ?::uuid",
            a.getString("id")));
    assertEquals(
        questions(a).size(),
        Db.column(
                "SELECT type FROM questions WHERE exercise_id = ?::uuid AND type = 'fill_blank'",
                a.getString("id"))
            .size());
    assertEquals(
        List.of("CREATE|exercise"),
        Db.column(
            "SELECT action || '|' || entity_type FROM audit_logs WHERE entity_id = ?::uuid",
            a.getString("id")));
  }

  @Test
  void aTitleOfOnesOwnAndTheVersionsOwnSettings() {
    Api.Response r =
        cloze(teacher.token(), storyId, 1, "seed", seed(1), "title", "Gaps in the garden");
    assertEquals(201, r.status(), r::toString);
    assertEquals("Gaps in the garden", r.json().getString("title"));

    settings(storyId, 1, "determiner", "1");
    JsonObject dets = cloze(teacher.token(), storyId, 1, "seed", seed(1)).json();
    assertEquals(1, dets.getJsonArray("partsOfSpeech").size());
    for (JsonValue v : dets.getJsonArray("questions")) {
      for (JsonValue b : v.asJsonObject().getJsonObject("answerKey").getJsonArray("blanks")) {
        String word = b.asJsonObject().getJsonArray("accepted").getString(0).toLowerCase();
        assertTrue(List.of("the", "a", "its").contains(word), word);
      }
    }

    settings(storyId, 1);
    Api.Response none = cloze(teacher.token(), storyId, 1, "seed", seed(1));
    assertEquals(409, none.status(), none::toString);
    assertEquals("cloze.no-settings", none.code());
  }

  @Test
  void aLanguageWithoutATaggerNeedsTheTeachersWords() {
    String french =
        story(
            teacher.token(),
            "La lanterne",
            "La fille porte une lanterne dans le jardin.\n\nLe renard regarde la lanterne.",
            "fr");
    Api.Response refused = cloze(teacher.token(), french, 1, "seed", seed(3));
    assertEquals(409, refused.status(), refused::toString);
    assertEquals("cloze.words-required", refused.code());
    assertTrue(refused.json().getString("detail").contains("'fr'"), refused::toString);

    Api.Response marked =
        cloze(
            teacher.token(),
            french,
            1,
            "seed",
            seed(3),
            "words",
            List.of("lanterne", "Jardin", "chat"));
    assertEquals(201, marked.status(), marked::toString);
    JsonObject e = marked.json();
    assertEquals("teacher-marked", e.getString("tagger"));
    assertTrue(e.getString("note").contains("no part-of-speech tagger for 'fr'"), e::toString);
    assertTrue(e.getString("note").contains("Not in the text: chat."), e::toString);
    assertEquals(List.of(), e.getJsonArray("partsOfSpeech"));
    assertEquals(3, e.getInt("blanks"));
    assertEquals(
        List.of(
            "La fille porte une ___(1)___ dans le ___(2)___.", "Le renard regarde la ___(1)___."),
        e.getJsonArray("questions").stream().map(q -> q.asJsonObject().getString("stem")).toList());

    Api.Response nothing =
        cloze(teacher.token(), french, 1, "seed", seed(3), "words", List.of("chat"));
    assertEquals(409, nothing.status(), nothing::toString);
    assertEquals("cloze.no-blanks", nothing.code());
  }

  @Test
  void onlyWhoMayReadTheStoryAndMakeExercisesMakesOne() {
    Schools.Person student = schools.person(school, "student");
    Api.Response draft = cloze(student.token(), storyId, 1, "seed", seed(1));
    assertEquals(404, draft.status(), "a draft the student may not read: " + draft);
    assertEquals("story.not-found", draft.code());

    schools.publish(school, storyId);
    Api.Response published = cloze(student.token(), storyId, 1, "seed", seed(1));
    assertEquals(403, published.status(), "a reader without exercise:create: " + published);

    // Another teacher reads the published version, but not the author's next draft.
    Api.Response edited =
        api.patch("/api/stories/" + storyId)
            .token(teacher.token())
            .json(Api.obj("content", TEXT + "\n\nThe end."))
            .send();
    assertEquals(200, edited.status(), edited::toString);
    Schools.Person colleague = schools.person(school, "teacher");
    assertEquals(201, cloze(colleague.token(), storyId, 1, "seed", seed(1)).status());
    Api.Response unseen = cloze(colleague.token(), storyId, 2, "seed", seed(1));
    assertEquals(404, unseen.status(), unseen::toString);
    assertEquals("story-version.not-found", unseen.code());
    Api.Response own = cloze(teacher.token(), storyId, 2, "seed", seed(1));
    assertEquals(201, own.status(), "the author uses the draft: " + own);
    assertEquals(2, own.json().getInt("storyVersion"));
    assertEquals(404, cloze(teacher.token(), storyId, 3, "seed", seed(1)).status());

    Schools.School other = schools.newSchool();
    Schools.Person outsider = schools.person(other, "teacher");
    for (String token : List.of(other.adminToken(), outsider.token())) {
      Api.Response r = cloze(token, storyId, 1, "seed", seed(1));
      assertEquals(404, r.status(), "another school's story: " + r);
      assertEquals("story.not-found", r.code());
    }
    assertEquals(
        404, cloze(teacher.token(), UUID.randomUUID().toString(), 1, "seed", seed(1)).status());
  }

  @Test
  void theRequestIsChecked() {
    assertEquals(400, cloze(teacher.token(), storyId, 1).status(), "no seed");
    assertEquals(400, cloze(teacher.token(), storyId, 1, "seed", seed(-1)).status());
    assertEquals(
        400, cloze(teacher.token(), storyId, 1, "seed", seed(9_007_199_254_740_992L)).status());
    assertEquals(400, cloze(teacher.token(), storyId, 1, "seed", seed(1), "title", " x").status());
    assertEquals(
        400,
        cloze(teacher.token(), storyId, 1, "seed", seed(1), "words", List.of("x".repeat(101)))
            .status());
    assertEquals(
        400,
        api.post("/api/stories/" + storyId + "/versions/zero/cloze-exercise")
            .token(teacher.token())
            .json(Api.obj("seed", seed(1)))
            .send()
            .status());
  }
}
