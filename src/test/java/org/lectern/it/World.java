package org.lectern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lectern.media.AudioSamples;

/**
 * A school holding one real object of every kind a path parameter of {@code openapi.yaml} names,
 * made over the API as its admin and a teacher, for the attack suite: the victim whose ids another
 * school sends, and the attacker's own objects to send malformed bodies to. A path parameter of a
 * kind this class cannot make fails the suite, naming it, so a new kind of object gets a factory.
 */
final class World {

  final Schools.School school;
  final Schools.Person teacher;
  final Schools.Person student;

  /**
   * Object ids by kind: user, role, policy, story, course, unit, lesson, tag, audio, approval,
   * classroom, assignment, submission, vocabulary, discussion, post, exercise, question, quiz,
   * attempt, book, bookSubmission, aiJob, aiImage.
   */
  final Map<String, String> ids = new LinkedHashMap<>();

  private final Api api;
  private final Schools schools;
  private final Map<String, Pool> pools = new LinkedHashMap<>();

  World(Api api, Schools schools) {
    this.api = api;
    this.schools = schools;
    school = schools.newSchool();
    teacher = schools.person(school, "teacher");
    student = schools.person(school, "student");
    String t = teacher.token();
    ids.put("tenant", school.id());
    ids.put("user", student.id());
    ids.put("teacher", teacher.id());
    ids.put(
        "course",
        created(
            api.post("/api/courses")
                .token(t)
                .json(Api.obj("title", "Course", "level", "B1", "difficulty", "intermediate"))));
    ids.put(
        "unit",
        created(
            api.post("/api/courses/" + ids.get("course") + "/units")
                .token(t)
                .json(Api.obj("title", "Unit"))));
    ids.put(
        "lesson",
        created(
            api.post("/api/units/" + ids.get("unit") + "/lessons")
                .token(t)
                .json(Api.obj("title", "Lesson"))));
    ids.put("story", schools.story(t, "A story", "beginner").getString("id"));
    ids.put(
        "audio",
        created(
            api.post("/api/stories/" + ids.get("story") + "/audio?voiceType=child")
                .token(t)
                .bytes(AudioSamples.wav(1, 8000), "audio/wav")));
    ids.put("tag", created(api.post("/api/tags").token(t).json(Api.obj("name", "tagged"))));
    ids.put(
        "storyWord",
        created(
            api.post("/api/stories/" + ids.get("story") + "/vocabulary")
                .token(t)
                .json(Api.obj("word", "lantern", "definition", "A lamp."))));
    Api.Response tagged =
        api.put("/api/stories/" + ids.get("story") + "/tags")
            .token(t)
            .json(Api.obj("tags", List.of("tagged")))
            .send();
    assertEquals(200, tagged.status(), tagged::toString);
    Api.Response enrolled =
        api.post("/api/courses/" + ids.get("course") + "/enrollments")
            .token(t)
            .json(Api.obj("userId", student.id()))
            .send();
    assertEquals(201, enrolled.status(), enrolled::toString);
    ids.put(
        "role",
        created(
            api.post("/api/roles")
                .token(school.adminToken())
                .json(named(example("POST", "/api/roles")))));
    ids.put(
        "policy",
        created(
            api.post("/api/policies")
                .token(school.adminToken())
                .json(named(example("POST", "/api/policies")))));
    // A classroom with a published assignment; the student joins afterwards and so gets their
    // submission as a late joiner (the draft story is no student's to read when it is assigned).
    ids.put(
        "classroom",
        created(api.post("/api/classrooms").token(t).json(Api.obj("name", "Class 1A"))));
    ids.put(
        "assignment",
        created(
            api.post("/api/assignments")
                .token(t)
                .json(
                    Api.obj(
                        "classroomId",
                        ids.get("classroom"),
                        "title",
                        "Read it",
                        "points",
                        10,
                        "target",
                        Api.obj("type", "story", "id", ids.get("story"))))));
    Api.Response published =
        api.post("/api/assignments/" + ids.get("assignment") + "/publish").token(t).send();
    assertEquals(200, published.status(), published::toString);
    Api.Response joined =
        api.post("/api/classrooms/" + ids.get("classroom") + "/students")
            .token(t)
            .json(Api.obj("userId", student.id()))
            .send();
    assertEquals(201, joined.status(), joined::toString);
    Api.Response submissions =
        api.get("/api/assignments/" + ids.get("assignment") + "/submissions").token(t).send();
    assertEquals(200, submissions.status(), submissions::toString);
    ids.put("submission", submissions.items().get(0).getString("id"));
    Api.Response approval =
        api.post("/api/stories/" + ids.get("story") + "/publish").token(t).send();
    assertEquals(202, approval.status(), approval::toString);
    ids.put("approval", approval.json().getString("id"));
    ids.put(
        "vocabulary",
        created(api.post("/api/vocabulary").token(student.token()).json(Api.obj("word", "moon"))));
    ids.put(
        "discussion",
        created(
            api.post("/api/discussions")
                .token(t)
                .json(
                    Api.obj(
                        "classroomId",
                        ids.get("classroom"),
                        "storyId",
                        ids.get("story"),
                        "title",
                        "Why the lantern?"))));
    ids.put(
        "post",
        created(
            api.post("/api/discussions/" + ids.get("discussion") + "/posts")
                .token(student.token())
                .json(Api.obj("body", "For her brother."))));
    // The question bank, a published quiz of the lesson, and an attempt at it (by the admin, who
    // may both edit the lesson and take quizzes).
    ids.put(
        "exercise",
        created(api.post("/api/exercises").token(t).json(Api.obj("title", "Exercise"))));
    ids.put(
        "question",
        created(
            api.post("/api/questions")
                .token(t)
                .json(
                    Api.obj(
                        "exerciseId",
                        ids.get("exercise"),
                        "type",
                        "short_answer",
                        "stem",
                        "Why the lantern?",
                        "accepted",
                        List.of("for her brother")))));
    ids.put(
        "quiz",
        created(
            api.post("/api/quizzes")
                .token(t)
                .json(Api.obj("lessonId", ids.get("lesson"), "title", "Quiz"))));
    Api.Response quizQuestions =
        api.put("/api/quizzes/" + ids.get("quiz") + "/questions")
            .token(t)
            .json(
                Api.obj(
                    "questions", List.of(Api.obj("questionId", ids.get("question"), "points", 1))))
            .send();
    assertEquals(200, quizQuestions.status(), quizQuestions::toString);
    Api.Response quizPublished =
        api.post("/api/quizzes/" + ids.get("quiz") + "/publish").token(t).send();
    assertEquals(200, quizPublished.status(), quizPublished::toString);
    ids.put(
        "attempt",
        created(
            api.post("/api/quizzes/" + ids.get("quiz") + "/attempts").token(school.adminToken())));
    // A book of the teacher's story, and its submission to the publishing workflow.
    ids.put(
        "book",
        created(api.post("/api/books").token(t).json(Api.obj("storyId", ids.get("story")))));
    ids.put(
        "bookSubmission",
        created(
            api.post("/api/publishing/submissions")
                .token(t)
                .json(Api.obj("bookId", ids.get("book")))));
    // An AI job that made an illustration (against the run's FakeOpenAi), and its image.
    Api.Response job =
        api.post("/api/ai-content/jobs")
            .token(t)
            .json(
                Api.obj(
                    "kind",
                    "illustration",
                    "storyId",
                    ids.get("story"),
                    "prompt",
                    "A lighthouse",
                    "size",
                    "256x256"))
            .send();
    assertEquals(202, job.status(), job::toString);
    ids.put("aiJob", job.json().getString("id"));
    ids.put("aiImage", imageOf(t, ids.get("aiJob")));
  }

  /** Waits for an illustration job to succeed; answers its image's id. */
  private String imageOf(String token, String jobId) {
    for (int i = 0; i < 600; i++) {
      Api.Response r = api.get("/api/ai-content/jobs/" + jobId).token(token).send();
      assertEquals(200, r.status(), r::toString);
      if (r.json().getString("status").equals("succeeded")) {
        return r.json().getJsonObject("result").getString("imageId");
      }
      if (r.json().getString("status").equals("failed")) {
        throw new AssertionError("the AI job failed: " + r);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("the AI job did not finish");
  }

  private static JsonObject example(String method, String template) {
    return Operations.all().stream()
        .filter(o -> o.method().equals(method) && o.template().equals(template))
        .findFirst()
        .orElseThrow()
        .example();
  }

  /** The example with a name no default of a new school has. */
  private static JsonObject named(JsonObject example) {
    return jakarta.json.Json.createObjectBuilder(example)
        .add("name", "attack-" + java.util.UUID.randomUUID().toString().substring(0, 8))
        .build();
  }

  private static String created(Api.Call call) {
    Api.Response r = call.send();
    assertEquals(201, r.status(), r::toString);
    return r.json().getString("id");
  }

  /** The kind of object a path's {@code {id}} names, from its collection. */
  static String kindOf(String template) {
    String[] parts = template.split("/");
    String collection =
        template.startsWith("/api/platform/")
            ? "tenants"
            : parts[2].equals("ai-content") ? "ai-content/" + parts[3] : parts[2];
    return switch (collection) {
      case "users" -> "user";
      case "roles" -> "role";
      case "policies" -> "policy";
      case "stories" -> "story";
      case "courses" -> "course";
      case "units" -> "unit";
      case "lessons" -> "lesson";
      case "tags" -> "tag";
      case "audio" -> "audio";
      case "approvals" -> "approval";
      case "tenants" -> "tenant";
      case "classrooms" -> "classroom";
      case "assignments" -> "assignment";
      case "submissions" -> "submission";
      case "vocabulary" -> "vocabulary";
      case "discussions" -> "discussion";
      case "exercises" -> "exercise";
      case "questions" -> "question";
      case "quizzes" -> "quiz";
      case "attempts" -> "attempt";
      case "books" -> "book";
      case "publishing" -> "bookSubmission";
      case "ai-content/jobs", "ai-content/flagged" -> "aiJob";
      case "ai-content/images" -> "aiImage";
      default ->
          throw new AssertionError(
              "no factory in World for the objects of " + template + ": add one");
    };
  }

  /** The kind of object an id-valued body or query field names. */
  static String kindOfField(String template, String field) {
    return switch (field) {
      case "lessonId", "prerequisites" -> "lesson";
      case "userId", "userIds", "studentIds" -> "user";
      case "courseId" -> "course";
      case "classroomId" -> "classroom";
      case "unitId" -> "unit";
      case "storyId", "entityId" -> "story";
      case "parentId" -> "post";
      case "exerciseId" -> "exercise";
      case "bookId" -> "book";
      // Choices and items are parts of a question; any id stands in for them.
      case "questionId", "choiceIds", "order" -> "question";
      case "recordedBy" -> "teacher";
      case "ids" ->
          template.endsWith("/unit-order")
              ? "unit"
              : template.endsWith("/lesson-order") ? "lesson" : fail(template, field);
      default -> fail(template, field);
    };
  }

  private static String fail(String template, String field) {
    throw new AssertionError(
        "no factory in World for the id field "
            + field
            + " of "
            + template
            + ": add one to World.kindOfField");
  }

  /** The template with this school's objects in its path parameters. */
  String path(String template) {
    String kind = template.contains("{id}") ? kindOf(template) : null;
    return template
        .replace("{id}", kind == null ? "" : ids.get(kind))
        .replace("{userId}", ids.get("user"))
        .replace("{wordId}", ids.get("storyWord"))
        .replace("{postId}", ids.get("post"))
        .replace("{questionId}", ids.get("question"))
        .replace("{number}", "1")
        .replace("{order}", "1")
        .replace("{entityType}", "story")
        .replace("{action}", "publish");
  }

  /**
   * Tokens of fresh users with this role, each used at most 100 times, so that a long walk of the
   * document stays under the per-user request quota ({@code lectern.rate.user-per-minute}).
   */
  String token(String role) {
    return pools.computeIfAbsent(role, r -> new Pool()).next(role);
  }

  private final class Pool {
    private String token;
    private int uses;

    String next(String role) {
      if (token == null || ++uses > 100) {
        token = schools.person(school, role).token();
        uses = 1;
      }
      return token;
    }
  }

  /** Every id of this school's objects, to look for in another school's answers. */
  Collection<String> allIds() {
    return new ArrayList<>(ids.values());
  }

  /**
   * A fingerprint of every row of this school in every tenant-scoped table (and its tenant row), in
   * one query: equal fingerprints mean nothing of the school changed.
   */
  Map<String, String> snapshot() throws SQLException {
    try (Connection c = Db.connect()) {
      List<String> tables = new ArrayList<>();
      try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT table_name FROM information_schema.columns WHERE column_name = 'tenant_id'"
                      + " AND table_schema = current_schema() ORDER BY table_name");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      StringBuilder sql =
          new StringBuilder(
              "SELECT 'tenants', md5(string_agg(t::text, '|')) FROM tenants t WHERE id = ?::uuid");
      for (String table : tables) {
        sql.append(" UNION ALL SELECT '")
            .append(table)
            .append(
                "', count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '')")
            .append(" FROM ")
            .append(table)
            .append(" t WHERE tenant_id = ?::uuid");
      }
      Map<String, String> out = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        for (int i = 1; i <= tables.size() + 1; i++) {
          ps.setString(i, school.id());
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getString(1), rs.getString(2));
          }
        }
      }
      return out;
    }
  }
}
