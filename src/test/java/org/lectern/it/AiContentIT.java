package org.lectern.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AI jobs over HTTP against {@link FakeOpenAi} (the OpenAI-compatible API the deployed server is
 * pointed at) and espeak-ng: a job's lifecycle with its progress, a provider failure retried, a
 * refused request and used-up attempts failing with their error, a dead node's job claimed again,
 * the monthly quota answered 429 with its reset time, the moderation gate blocking a listed word
 * and a flagged provider answer until a reviewer approves or discards, speech stored as an audio
 * recording whose probed length follows the text's, teaching material made draft questions and
 * draft words, and every job, image and flagged item closed (404) to other schools.
 */
class AiContentIT extends ApiTestBase {

  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

  private final FakeOpenAi fake = FakeOpenAi.instance();

  private Schools.School school;
  private Schools.Person teacher;
  private String story;

  @BeforeEach
  void school() {
    fake.reset();
    school = schools.newSchool();
    teacher = schools.person(school, "teacher");
    story =
        storyWith(
            teacher,
            "The lantern",
            "Mira kept the lantern lit every night.\n\nHer brother was at sea, and the light"
                + " showed him the way home.");
  }

  @AfterEach
  void quiet() {
    fake.reset();
  }

  // ---------------------------------------------------------------- lifecycle

  @Test
  void aJobGoesFromQueuedThroughRunningToSucceededWithItsProgress() {
    fake.delay(FakeOpenAi.IMAGES, Duration.ofMillis(1500));
    Api.Response created = illustration(teacher, "Mira on the harbour wall at dusk");
    assertEquals(202, created.status(), created::toString);
    JsonObject job = created.json();
    assertEquals("queued", job.getString("status"));
    assertEquals(0, job.getInt("progress"));
    assertTrue(created.header("Location").endsWith("/api/ai-content/jobs/" + job.getString("id")));

    JsonObject running = await(teacher, job.getString("id"), j -> isStatus(j, "running"));
    assertTrue(
        running.getInt("progress") > 0 && running.getInt("progress") < 100, running::toString);
    JsonObject done = await(teacher, job.getString("id"), j -> isStatus(j, "succeeded"));
    assertEquals(100, done.getInt("progress"));
    assertEquals(1, done.getInt("attempts"));
    assertEquals("passed", done.getString("moderationStatus"));
    JsonObject result = done.getJsonObject("result");
    assertEquals("image/png", result.getString("contentType"));
    assertTrue(result.getString("description").contains("Mira on the harbour wall"));
    assertEquals(1, fake.calls(FakeOpenAi.IMAGES).size());
    assertTrue(
        fake.calls(FakeOpenAi.IMAGES).get(0).body().getString("prompt").contains("harbour wall"));

    Api.BinaryResponse image =
        api.get(result.getString("imageUrl")).token(teacher.token()).sendForBytes();
    assertEquals(200, image.status());
    assertEquals("image/png", image.header("Content-Type"));
    assertArrayEquals(PNG_MAGIC, Arrays.copyOf(image.body(), 4));
    assertEquals(result.getInt("sizeBytes"), image.body().length);

    // Reading a job costs the caller and the job: two statements.
    Api.Response read =
        api.get("/api/ai-content/jobs/" + job.getString("id")).token(teacher.token()).send();
    assertEquals(200, read.status());
    int statements = Integer.parseInt(read.header("X-Sql-Statements"));
    System.out.println("X-Sql-Statements GET /api/ai-content/jobs/{id}: " + statements);
    assertTrue(statements <= 2, () -> statements + " statements");
    Api.Response list =
        api.get("/api/ai-content/jobs?status=succeeded").token(teacher.token()).send();
    assertEquals(200, list.status());
    assertEquals(List.of(job.getString("id")), ids(list));
    assertTrue(Integer.parseInt(list.header("X-Sql-Statements")) <= 2, list::toString);

    // Another teacher of the school does not see the job, but sees the image, which passed the
    // gate, of a story teachers may read; a student, who may not read the draft story, does not.
    Schools.Person other = schools.person(school, "teacher");
    assertEquals(
        404,
        api.get("/api/ai-content/jobs/" + job.getString("id"))
            .token(other.token())
            .send()
            .status());
    assertEquals(List.of(), ids(api.get("/api/ai-content/jobs").token(other.token()).send()));
    assertEquals(
        200, api.get(result.getString("imageUrl")).token(other.token()).sendForBytes().status());
    Schools.Person student = schools.person(school, "student");
    assertEquals(
        404, api.get(result.getString("imageUrl")).token(student.token()).sendForBytes().status());
    // The admin reviews the school's jobs and sees it.
    assertEquals(
        200,
        api.get("/api/ai-content/jobs/" + job.getString("id"))
            .token(school.adminToken())
            .send()
            .status());
  }

  @Test
  void aProviderFailureIsRetriedAfterABackoffAndThenSucceeds() {
    fake.failNext(FakeOpenAi.IMAGES, 1, 500);
    String id = illustration(teacher, "A lighthouse in the storm").json().getString("id");
    JsonObject done = await(teacher, id, j -> isStatus(j, "succeeded"));
    assertEquals(2, done.getInt("attempts"));
    assertEquals(2, fake.calls(FakeOpenAi.IMAGES).size());
    assertTrue(done.isNull("errorCode"), done::toString);
  }

  @Test
  void aRefusedRequestAndUsedUpAttemptsFailWithTheirError() {
    fake.failNext(FakeOpenAi.IMAGES, 1, 400);
    String refused = illustration(teacher, "A lighthouse").json().getString("id");
    JsonObject failed = await(teacher, refused, j -> isStatus(j, "failed"));
    assertEquals("ai.provider-refused", failed.getString("errorCode"));
    assertFalse(failed.getString("error").isBlank());
    assertEquals(1, failed.getInt("attempts"));
    assertFalse(failed.isNull("finishedAt"));

    fake.failNext(FakeOpenAi.IMAGES, 3, 503);
    String exhausted = illustration(teacher, "A second lighthouse").json().getString("id");
    JsonObject gaveUp = await(teacher, exhausted, j -> isStatus(j, "failed"));
    assertEquals("ai.attempts-exhausted", gaveUp.getString("errorCode"));
    assertEquals(3, gaveUp.getInt("attempts"));
    assertTrue(gaveUp.getString("error").contains("3 attempts"), gaveUp::toString);
  }

  @Test
  void aJobLeftRunningByADeadNodeIsClaimedAgainAndFinishes() throws Exception {
    String id = UUID.randomUUID().toString();
    Db.execute(
        "INSERT INTO ai_jobs (tenant_id, id, kind, story_id, parameters, requested_by, status,"
            + " progress, attempts, max_attempts, next_run_at, lease_owner, lease_until,"
            + " started_at) VALUES ('"
            + school.id()
            + "', '"
            + id
            + "', 'illustration', '"
            + story
            + "', '{\"prompt\": \"A boat at night\", \"size\": \"256x256\"}', '"
            + teacher.id()
            + "', 'running', 30, 1, 3, now() - interval '1 second', 'dead-node',"
            + " now() - interval '1 second', now() - interval '1 minute')");
    JsonObject done = await(teacher, id, j -> isStatus(j, "succeeded"));
    assertEquals(2, done.getInt("attempts"));
    assertEquals(
        List.of("t"),
        Db.column(
                "SELECT (lease_owner IS NULL AND lease_until IS NULL)::text FROM ai_jobs WHERE id = ?::uuid",
                id)
            .stream()
            .map(s -> s.substring(0, 1))
            .toList());
    assertEquals("256x256", fake.calls(FakeOpenAi.IMAGES).get(0).body().getString("size"));
  }

  /**
   * Two real nodes: a second server ({@code java -jar target/lectern.jar}) on the same database
   * takes jobs next to the test's own; it is killed (SIGKILL) in the middle of its work, and the
   * test's node claims its jobs once their lease ends and finishes them.
   */
  @Test
  void aJobSurvivesItsNodeBeingKilledWithASecondRealNode() throws Exception {
    Path jar = Path.of("target/lectern.jar");
    Assumptions.assumeTrue(Files.exists(jar), "the runnable jar is built before the ITs");
    Path dir =
        Path.of(
            System.getProperty("lectern.it.workDir", "target/it"), "node-2-" + UUID.randomUUID());
    Files.createDirectories(dir.resolve("tenants"));
    Path log = dir.resolve("node-2.log");
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    ProcessBuilder node =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-jar",
                jar.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = node.environment();
    env.put("LECTERN_DB_URL", System.getProperty("lectern.it.db.url"));
    env.put("LECTERN_DB_USER", System.getProperty("lectern.it.db.app.user"));
    env.put("LECTERN_DB_PASSWORD", System.getProperty("lectern.it.db.app.password"));
    env.put("LECTERN_DB_OWNER_USER", System.getProperty("lectern.it.db.user"));
    env.put("LECTERN_DB_OWNER_PASSWORD", System.getProperty("lectern.it.db.password", ""));
    env.put("LECTERN_HTTP_PORT", Integer.toString(port));
    env.put("LECTERN_DATA_DIR", dir.toString());
    env.put("LECTERN_TENANTS_DIR", dir.resolve("tenants").toString());
    env.put("LECTERN_RELAUNCH", "false");
    env.put("LECTERN_AI_BASE_URL", fake.baseUrl());
    env.put("LECTERN_AI_API_KEY", fake.apiKey());
    env.put("LECTERN_AI_WORKER_NODE", "node-2");
    env.put("LECTERN_AI_WORKER_POLL_MILLIS", "200");
    env.put("LECTERN_AI_WORKER_LEASE_SECONDS", "3");
    env.put("LECTERN_AI_MAX_ATTEMPTS", "3");
    Process second = node.start();
    try {
      long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (!Files.readString(log).contains("is ready")) {
        assertTrue(second.isAlive(), () -> "node 2 stopped: " + tail(log));
        assertTrue(System.nanoTime() < until, () -> "node 2 not ready: " + tail(log));
        Thread.sleep(200);
      }
      // Slow images keep both nodes busy: this node runs two jobs at a time, node 2 the others.
      fake.delay(FakeOpenAi.IMAGES, Duration.ofSeconds(5));
      List<String> jobs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        jobs.add(illustration(teacher, "Boat number " + i).json().getString("id"));
      }
      List<String> onNode2 = List.of();
      until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (onNode2.size() < 1 && System.nanoTime() < until) {
        onNode2 =
            Db.column(
                "SELECT id::text FROM ai_jobs WHERE tenant_id = ?::uuid AND status = 'running'"
                    + " AND lease_owner = 'node-2' AND progress >= 30",
                UUID.fromString(school.id()));
        Thread.sleep(100);
      }
      assertFalse(onNode2.isEmpty(), "node 2 took no job");
      second.destroyForcibly().waitFor();
      long killedAt = System.nanoTime();
      fake.delay(FakeOpenAi.IMAGES, Duration.ZERO);
      for (String id : jobs) {
        JsonObject done = await(teacher, id, j -> isStatus(j, "succeeded"));
        if (onNode2.contains(id)) {
          assertEquals(2, done.getInt("attempts"), done::toString);
        }
      }
      // The fake still answers node 2's calls, into closed sockets, once their 5 s are up; let
      // them end here, or they would take the scripted answers of the next test.
      long left = Duration.ofSeconds(6).toNanos() - (System.nanoTime() - killedAt);
      if (left > 0) {
        Thread.sleep(left / 1_000_000);
      }
      System.out.println(
          "Two nodes: node 2 held " + onNode2.size() + " of 4 jobs when killed; all 4 succeeded");
    } finally {
      second.destroyForcibly();
    }
  }

  private static String tail(Path log) {
    try {
      String text = Files.readString(log);
      return text.substring(Math.max(0, text.length() - 3000));
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  // ---------------------------------------------------------------- quota

  @Test
  void aSchoolPastItsMonthlyQuotaGets429WithTheResetTime() {
    fake.chatAnswers((instructions, prompt) -> "{\"summary\": \"A girl keeps a lamp lit.\"}");
    assertEquals(
        403,
        api.put("/api/ai-content/quota")
            .token(teacher.token())
            .json(Api.obj("monthlyJobs", 9))
            .send()
            .status());
    Api.Response set =
        api.put("/api/ai-content/quota")
            .token(school.adminToken())
            .json(Api.obj("monthlyJobs", 2))
            .send();
    assertEquals(200, set.status(), set::toString);
    assertEquals("school", set.json().getString("source"));
    for (int i = 0; i < 2; i++) {
      assertEquals(202, summary(teacher).status());
    }
    Api.Response refused = summary(teacher);
    assertEquals(429, refused.status(), refused::toString);
    assertEquals("ai.quota-exceeded", refused.code());
    LocalDate first = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
    Instant resets = first.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    assertEquals(resets, Instant.parse(refused.json().getString("resetsAt")));
    long retryAfter = Long.parseLong(refused.header("Retry-After"));
    long expected = resets.getEpochSecond() - Instant.now().getEpochSecond();
    assertTrue(Math.abs(retryAfter - expected) < 30, () -> retryAfter + " vs " + expected);

    JsonObject quota = api.get("/api/ai-content/quota").token(teacher.token()).send().json();
    assertEquals(2, quota.getInt("used"));
    assertEquals(0, quota.getInt("remaining"));
    assertEquals(first.toString(), quota.getString("month"));
    // Another school's quota is its own.
    Schools.School other = schools.newSchool();
    Schools.Person otherTeacher = schools.person(other, "teacher");
    assertEquals(
        0,
        api.get("/api/ai-content/quota").token(otherTeacher.token()).send().json().getInt("used"));
  }

  @Test
  void concurrentRequestsNeverPassTheQuota() throws Exception {
    fake.chatAnswers((instructions, prompt) -> "{\"summary\": \"A girl keeps a lamp lit.\"}");
    assertEquals(
        200,
        api.put("/api/ai-content/quota")
            .token(school.adminToken())
            .json(Api.obj("monthlyJobs", 3))
            .send()
            .status());
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      List<Future<Api.Response>> sent = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        Callable<Api.Response> request = () -> summary(teacher);
        sent.add(pool.submit(request));
      }
      List<String> accepted = new ArrayList<>();
      int refused = 0;
      for (Future<Api.Response> f : sent) {
        Api.Response r = f.get();
        if (r.status() == 202) {
          accepted.add(r.json().getString("id"));
        } else {
          assertEquals(429, r.status(), r::toString);
          refused++;
        }
      }
      assertEquals(3, accepted.size());
      assertEquals(7, refused);
      for (String id : accepted) {
        await(teacher, id, j -> isStatus(j, "succeeded"));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(
        3, api.get("/api/ai-content/quota").token(teacher.token()).send().json().getInt("used"));
  }

  @Test
  void aQueuedJobIsCancelledAndGivesItsUnitBack() {
    // Both of the node's places are taken by slow jobs, so the third waits in the queue.
    fake.delay(FakeOpenAi.IMAGES, Duration.ofMillis(2500));
    String first = illustration(teacher, "A lighthouse").json().getString("id");
    String second = illustration(teacher, "A harbour").json().getString("id");
    await(teacher, first, j -> isStatus(j, "running"));
    await(teacher, second, j -> isStatus(j, "running"));
    String third = illustration(teacher, "A boat").json().getString("id");
    Api.Response cancelled =
        api.post("/api/ai-content/jobs/" + third + "/cancel").token(teacher.token()).send();
    assertEquals(200, cancelled.status(), cancelled::toString);
    assertEquals("cancelled", cancelled.json().getString("status"));
    assertEquals(
        2, api.get("/api/ai-content/quota").token(teacher.token()).send().json().getInt("used"));
    Api.Response again =
        api.post("/api/ai-content/jobs/" + third + "/cancel").token(teacher.token()).send();
    assertEquals(409, again.status(), again::toString);
    assertEquals("ai.job-not-queued", again.code());
    Api.Response running =
        api.post("/api/ai-content/jobs/" + first + "/cancel").token(teacher.token()).send();
    assertEquals(409, running.status(), running::toString);
    await(teacher, first, j -> isStatus(j, "succeeded"));
    await(teacher, second, j -> isStatus(j, "succeeded"));
    assertEquals("cancelled", get(teacher, third).getString("status"));
    assertEquals(2, fake.calls(FakeOpenAi.IMAGES).size());
    // Page by page, the list holds the same jobs in the same order as in one page: newest first.
    List<String> onePage =
        ids(api.get("/api/ai-content/jobs?limit=100").token(teacher.token()).send());
    List<String> byPages = new ArrayList<>();
    String cursor = null;
    do {
      Api.Response page =
          api.get("/api/ai-content/jobs?limit=1" + (cursor == null ? "" : "&cursor=" + cursor))
              .token(teacher.token())
              .send();
      byPages.addAll(ids(page));
      cursor = page.json().isNull("nextCursor") ? null : page.json().getString("nextCursor");
    } while (cursor != null);
    assertEquals(onePage, byPages);
    assertEquals(List.of(third, second, first), onePage.subList(0, 3));
  }

  // ---------------------------------------------------------------- moderation

  @Test
  void aListedWordInAPromptIsHeldForAReviewerAndItsResultTooUntilApproved() {
    String id = illustration(teacher, "A warning poster about heroin").json().getString("id");
    JsonObject held = await(teacher, id, j -> isStatus(j, "failed"));
    assertEquals("ai.prompt-blocked", held.getString("errorCode"));
    assertEquals("blocked", held.getString("moderationStatus"));
    assertEquals("input", held.getString("moderationStage"));
    assertEquals(List.of("word-list:en:heroin"), strings(held, "moderationReasons"));
    assertEquals(0, fake.calls(FakeOpenAi.IMAGES).size(), "a blocked prompt is never sent");

    assertEquals(403, api.get("/api/ai-content/flagged").token(teacher.token()).send().status());
    Api.Response queue = api.get("/api/ai-content/flagged").token(school.adminToken()).send();
    assertEquals(List.of(id), ids(queue));

    // Approved, the prompt is sent; the image's description repeats the word, so the result is
    // held in turn, visible to the requester but to no other reader, until approved too.
    Api.Response approved =
        api.post("/api/ai-content/flagged/" + id + "/approve").token(school.adminToken()).send();
    assertEquals(200, approved.status(), approved::toString);
    assertEquals("approved", approved.json().getString("moderationStatus"));
    JsonObject result = await(teacher, id, j -> isStatus(j, "succeeded"));
    assertEquals("blocked", result.getString("moderationStatus"));
    assertEquals("result", result.getString("moderationStage"));
    assertEquals(1, fake.calls(FakeOpenAi.IMAGES).size());
    String imageUrl = result.getJsonObject("result").getString("imageUrl");
    schools.publish(school, story);
    Schools.Person student = schools.person(school, "student");
    assertEquals(200, api.get(imageUrl).token(teacher.token()).sendForBytes().status());
    assertEquals(404, api.get(imageUrl).token(student.token()).sendForBytes().status());
    assertEquals(
        200,
        api.post("/api/ai-content/flagged/" + id + "/approve")
            .token(school.adminToken())
            .send()
            .status());
    assertEquals(200, api.get(imageUrl).token(student.token()).sendForBytes().status());
    assertEquals(
        409,
        api.post("/api/ai-content/flagged/" + id + "/approve")
            .token(school.adminToken())
            .send()
            .status());
    assertEquals(
        List.of(), ids(api.get("/api/ai-content/flagged").token(school.adminToken()).send()));
  }

  @Test
  void aFlaggedProviderAnswerIsKeptUnappliedUntilApprovedOrDiscarded() throws Exception {
    fake.chatAnswers(
        (instructions, prompt) ->
            "{\"questions\": [{\"stem\": \"What is the "
                + FakeOpenAi.FLAG_MARKER
                + "?\", \"answer\": \"the sea\"}, {\"stem\": \"Who is at sea?\", \"answer\":"
                + " \"her brother\"}]}");
    String kept = questions(teacher, 2).json().getString("id");
    String thrown = questions(teacher, 2).json().getString("id");
    for (String id : List.of(kept, thrown)) {
      JsonObject j = await(teacher, id, x -> isStatus(x, "succeeded"));
      assertEquals("blocked", j.getString("moderationStatus"));
      assertEquals("result", j.getString("moderationStage"));
      assertEquals(List.of("provider:violence"), strings(j, "moderationReasons"));
      assertFalse(j.getJsonObject("result").containsKey("exerciseId"), "nothing applied yet");
      assertEquals(2, j.getJsonObject("result").getJsonArray("questions").size());
    }
    assertEquals(
        Set.of(kept, thrown),
        Set.copyOf(
            ids(
                api.get("/api/ai-content/flagged?kind=teaching_material")
                    .token(school.adminToken())
                    .send())));
    assertEquals(
        List.of("0"),
        Db.column(
            "SELECT count(*) FROM questions WHERE tenant_id = ?::uuid",
            UUID.fromString(school.id())));

    JsonObject discarded =
        api.post("/api/ai-content/flagged/" + thrown + "/discard")
            .token(school.adminToken())
            .send()
            .json();
    assertEquals("discarded", discarded.getString("moderationStatus"));
    assertEquals(List.of("provider:violence"), strings(discarded, "moderationReasons"));
    assertEquals("discarded", get(teacher, thrown).getString("moderationStatus"));

    JsonObject approved =
        api.post("/api/ai-content/flagged/" + kept + "/approve")
            .token(school.adminToken())
            .send()
            .json();
    assertEquals("approved", approved.getString("moderationStatus"));
    List<String> questionIds = strings(approved.getJsonObject("result"), "questionIds");
    assertEquals(2, questionIds.size());
    JsonObject q =
        api.get("/api/questions/" + questionIds.get(0)).token(teacher.token()).send().json();
    assertTrue(q.getBoolean("draft"));
    assertEquals(
        List.of(), ids(api.get("/api/ai-content/flagged").token(school.adminToken()).send()));
    // Every act is in the audit trail.
    Api.Response trail =
        api.get("/api/audit-logs?entityType=ai-job&entityId=" + kept)
            .token(school.adminToken())
            .send();
    List<String> actions = trail.items().stream().map(e -> e.getString("action")).toList();
    assertTrue(actions.containsAll(List.of("CREATE", "SUCCEED", "APPROVE")), actions::toString);
    Api.Response thrownTrail =
        api.get("/api/audit-logs?entityType=ai-job&entityId=" + thrown)
            .token(school.adminToken())
            .send();
    assertTrue(thrownTrail.items().stream().anyMatch(e -> e.getString("action").equals("DISCARD")));
  }

  // ---------------------------------------------------------------- speech

  @Test
  void speechIsStoredAsAnAudioRecordingWhoseLengthFollowsTheText() {
    String shortStory = storyWith(teacher, "Short", "The cat sat.");
    StringBuilder paragraph = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      paragraph.append(
          "Every night Mira climbed the stairs of the old tower and lit the lantern, so that the"
              + " fishing boats could find the harbour through the dark and the rain. ");
    }
    String longStory = storyWith(teacher, "Long", paragraph.toString().strip());
    String shortJob = speech(teacher, shortStory).json().getString("id");
    String longJob = speech(teacher, longStory).json().getString("id");
    JsonObject shortDone = await(teacher, shortJob, j -> isStatus(j, "succeeded"));
    JsonObject longDone = await(teacher, longJob, j -> isStatus(j, "succeeded"));
    assertEquals("espeak-ng", shortDone.getJsonObject("result").getString("provider"));

    JsonObject shortAudio = audio(shortDone);
    JsonObject longAudio = audio(longDone);
    assertEquals("audio/wav", shortAudio.getString("contentType"));
    assertEquals(shortStory, shortAudio.getString("storyId"));
    assertEquals("draft", shortAudio.getString("status"));
    int shortSeconds = shortAudio.getInt("durationSec");
    int longSeconds = longAudio.getInt("durationSec");
    System.out.println(
        "espeak-ng: 3 words "
            + shortSeconds
            + " s, "
            + words(paragraph)
            + " words "
            + longSeconds
            + " s");
    assertTrue(shortSeconds >= 1 && shortSeconds <= 3, () -> shortSeconds + " s for three words");
    // espeak-ng speaks about 175 words a minute by default: within a third of that.
    double expected = words(paragraph) / 175.0 * 60;
    assertTrue(
        longSeconds > expected * 0.66 && longSeconds < expected * 1.5,
        () -> longSeconds + " s for " + words(paragraph) + " words, expected about " + expected);
    assertEquals(0, fake.calls(FakeOpenAi.SPEECH).size(), "speech stays on the machine");

    // Speech adds to the story: a teacher who may not edit it is refused.
    Schools.Person other = schools.person(school, "teacher");
    schools.publish(school, story);
    assertEquals(403, speech(other, story).status());
  }

  // ---------------------------------------------------------------- teaching material

  @Test
  void teachingMaterialBecomesDraftQuestionsAndDraftWords() {
    fake.chatAnswers(
        (instructions, prompt) ->
            instructions.contains("comprehension questions")
                ? "Here you are:\n```json\n{\"questions\": [{\"stem\": \"Who kept the lantern"
                    + " lit?\", \"answer\": \"Mira\"}, {\"stem\": \"Where was her brother?\","
                    + " \"answer\": \"at sea\"}]}\n```"
                : "{\"words\": [{\"word\": \"lantern\", \"definition\": \"A lamp with a frame.\","
                    + " \"partOfSpeech\": \"noun\", \"example\": \"She lit the lantern.\"},"
                    + " {\"word\": \"harbour\", \"definition\": \"A sheltered place for boats.\"}]}");
    JsonObject q =
        await(teacher, questions(teacher, 2).json().getString("id"), j -> isStatus(j, "succeeded"));
    assertEquals("passed", q.getString("moderationStatus"));
    List<String> questionIds = strings(q.getJsonObject("result"), "questionIds");
    assertEquals(2, questionIds.size());
    assertTrue(
        fake.calls(FakeOpenAi.CHAT).get(0).body().toString().contains("Mira kept the lantern lit"));
    JsonObject first =
        api.get("/api/questions/" + questionIds.get(0)).token(teacher.token()).send().json();
    assertEquals("short_answer", first.getString("type"));
    assertEquals("Who kept the lantern lit?", first.getString("stem"));
    assertTrue(first.getBoolean("draft"));

    // A draft stays out of quizzes until accepted.
    String quiz = quiz(teacher);
    Api.Response drafted =
        api.put("/api/quizzes/" + quiz + "/questions")
            .token(teacher.token())
            .json(
                Api.obj(
                    "questions", List.of(Api.obj("questionId", questionIds.get(0), "points", 1))))
            .send();
    assertEquals(409, drafted.status(), drafted::toString);
    assertEquals("question.draft", drafted.code());
    Api.Response accepted =
        api.post("/api/questions/" + questionIds.get(0) + "/accept").token(teacher.token()).send();
    assertEquals(200, accepted.status(), accepted::toString);
    assertFalse(accepted.json().getBoolean("draft"));
    assertEquals(
        200,
        api.put("/api/quizzes/" + quiz + "/questions")
            .token(teacher.token())
            .json(
                Api.obj(
                    "questions", List.of(Api.obj("questionId", questionIds.get(0), "points", 1))))
            .send()
            .status());

    Api.Response vocab =
        api.post("/api/ai-content/jobs")
            .token(teacher.token())
            .json(
                Api.obj(
                    "kind",
                    "teaching_material",
                    "storyId",
                    story,
                    "material",
                    "vocabulary",
                    "count",
                    5))
            .send();
    assertEquals(202, vocab.status(), vocab::toString);
    JsonObject v = await(teacher, vocab.json().getString("id"), j -> isStatus(j, "succeeded"));
    assertEquals(2, strings(v.getJsonObject("result"), "wordIds").size());
    List<JsonObject> words =
        api.get("/api/stories/" + story + "/vocabulary").token(teacher.token()).send().items();
    assertEquals(
        List.of("harbour", "lantern"), words.stream().map(w -> w.getString("word")).toList());
    assertTrue(words.stream().allMatch(w -> w.getBoolean("draft")));
    // Readers of the story do not see drafts.
    schools.publish(school, story);
    Schools.Person student = schools.person(school, "student");
    assertEquals(
        List.of(),
        api.get("/api/stories/" + story + "/vocabulary").token(student.token()).send().items());
    // The story's book has no vocabulary while its words are drafts.
    Api.Response book =
        api.post("/api/books").token(teacher.token()).json(Api.obj("storyId", story)).send();
    assertEquals(201, book.status(), book::toString);
    assertFalse(book.json().getBoolean("hasVocabulary"), "drafts are no word list yet");
    String lantern = words.get(1).getString("id");
    Api.Response acceptedWord =
        api.post("/api/stories/" + story + "/vocabulary/" + lantern + "/accept")
            .token(teacher.token())
            .send();
    assertEquals(200, acceptedWord.status(), acceptedWord::toString);
    assertFalse(acceptedWord.json().getBoolean("draft"));
    assertEquals(
        List.of("lantern"),
        api
            .get("/api/stories/" + story + "/vocabulary")
            .token(student.token())
            .send()
            .items()
            .stream()
            .map(w -> w.getString("word"))
            .toList());
    assertTrue(
        api.get("/api/books/" + book.json().getString("id"))
            .token(teacher.token())
            .send()
            .json()
            .getBoolean("hasVocabulary"),
        "an accepted word makes the book's word list");
  }

  @Test
  void invalidModelOutputIsRetriedAndThenFailsClearly() {
    fake.chatAnswers((instructions, prompt) -> "I cannot answer in JSON today.");
    JsonObject failed =
        await(teacher, summary(teacher).json().getString("id"), j -> isStatus(j, "failed"));
    assertEquals("ai.attempts-exhausted", failed.getString("errorCode"));
    assertTrue(failed.getString("error").contains("not the JSON asked for"), failed::toString);
    assertEquals(3, fake.calls(FakeOpenAi.CHAT).size());
  }

  // ---------------------------------------------------------------- requests and isolation

  @Test
  void requestsAreCheckedAndOtherSchoolsSeeNothing() {
    Api.Response noPrompt =
        api.post("/api/ai-content/jobs")
            .token(teacher.token())
            .json(Api.obj("kind", "illustration", "storyId", story))
            .send();
    assertEquals(400, noPrompt.status(), noPrompt::toString);
    Api.Response mixed =
        api.post("/api/ai-content/jobs")
            .token(teacher.token())
            .json(Api.obj("kind", "speech", "storyId", story, "prompt", "draw"))
            .send();
    assertEquals(400, mixed.status(), mixed::toString);
    Schools.Person student = schools.person(school, "student");
    schools.publish(school, story);
    assertEquals(403, illustration(student, "a cat").status());
    assertEquals(404, illustration(teacher, "a cat", UUID.randomUUID().toString()).status());

    String job = illustration(teacher, "A warning poster about heroin").json().getString("id");
    await(teacher, job, j -> isStatus(j, "failed"));
    String imageJob = illustration(teacher, "A quiet harbour").json().getString("id");
    String imageUrl =
        await(teacher, imageJob, j -> isStatus(j, "succeeded"))
            .getJsonObject("result")
            .getString("imageUrl");

    Schools.School other = schools.newSchool();
    for (String token : List.of(other.adminToken(), schools.person(other, "teacher").token())) {
      assertEquals(404, api.get("/api/ai-content/jobs/" + job).token(token).send().status());
      assertEquals(404, api.get(imageUrl).token(token).sendForBytes().status());
      assertEquals(
          404,
          api.post("/api/ai-content/jobs/" + imageJob + "/cancel").token(token).send().status());
      assertEquals(List.of(), ids(api.get("/api/ai-content/jobs").token(token).send()));
    }
    assertEquals(
        404,
        api.post("/api/ai-content/flagged/" + job + "/approve")
            .token(other.adminToken())
            .send()
            .status());
    assertEquals(
        404,
        api.post("/api/ai-content/flagged/" + job + "/discard")
            .token(other.adminToken())
            .send()
            .status());
    assertEquals(
        List.of(), ids(api.get("/api/ai-content/flagged").token(other.adminToken()).send()));
    assertEquals("blocked", get(teacher, job).getString("moderationStatus"));
    // A story of another school is no story to ask about.
    assertEquals(404, illustration(schools.person(other, "teacher"), "a cat", story).status());
  }

  // ---------------------------------------------------------------- helpers

  private Api.Response illustration(Schools.Person who, String prompt) {
    return illustration(who, prompt, story);
  }

  private Api.Response illustration(Schools.Person who, String prompt, String storyId) {
    return api.post("/api/ai-content/jobs")
        .token(who.token())
        .json(
            Api.obj(
                "kind", "illustration", "storyId", storyId, "prompt", prompt, "size", "256x256"))
        .send();
  }

  private Api.Response summary(Schools.Person who) {
    return api.post("/api/ai-content/jobs")
        .token(who.token())
        .json(Api.obj("kind", "teaching_material", "storyId", story, "material", "summary"))
        .send();
  }

  private Api.Response questions(Schools.Person who, int count) {
    Api.Response r =
        api.post("/api/ai-content/jobs")
            .token(who.token())
            .json(
                Api.obj(
                    "kind",
                    "teaching_material",
                    "storyId",
                    story,
                    "material",
                    "questions",
                    "count",
                    count))
            .send();
    assertEquals(202, r.status(), r::toString);
    return r;
  }

  private Api.Response speech(Schools.Person who, String storyId) {
    return api.post("/api/ai-content/jobs")
        .token(who.token())
        .json(Api.obj("kind", "speech", "storyId", storyId, "version", 1, "voiceType", "female"))
        .send();
  }

  private JsonObject audio(JsonObject job) {
    Api.Response r =
        api.get("/api/audio/" + job.getJsonObject("result").getString("audioId"))
            .token(teacher.token())
            .send();
    assertEquals(200, r.status(), r::toString);
    return r.json();
  }

  private String storyWith(Schools.Person author, String title, String content) {
    Api.Response r =
        api.post("/api/stories")
            .token(author.token())
            .json(
                Api.obj(
                    "title", title, "content", content, "difficulty", "beginner", "language", "en"))
            .send();
    assertEquals(201, r.status(), r::toString);
    return r.json().getString("id");
  }

  private String quiz(Schools.Person t) {
    String course =
        api.post("/api/courses")
            .token(t.token())
            .json(Api.obj("title", "Course", "level", "B1", "difficulty", "intermediate"))
            .send()
            .json()
            .getString("id");
    String unit =
        api.post("/api/courses/" + course + "/units")
            .token(t.token())
            .json(Api.obj("title", "Unit"))
            .send()
            .json()
            .getString("id");
    String lesson =
        api.post("/api/units/" + unit + "/lessons")
            .token(t.token())
            .json(Api.obj("title", "Lesson"))
            .send()
            .json()
            .getString("id");
    Api.Response quiz =
        api.post("/api/quizzes")
            .token(t.token())
            .json(Api.obj("lessonId", lesson, "title", "Quiz"))
            .send();
    assertEquals(201, quiz.status(), quiz::toString);
    return quiz.json().getString("id");
  }

  private JsonObject get(Schools.Person who, String id) {
    Api.Response r = api.get("/api/ai-content/jobs/" + id).token(who.token()).send();
    assertEquals(200, r.status(), r::toString);
    return r.json();
  }

  /**
   * Polls the job until {@code done} holds (at most 90 s), five times a second, which keeps a test
   * under the per-user request quota of the IT server (400 a minute); answers the job then.
   */
  private JsonObject await(Schools.Person who, String id, Predicate<JsonObject> done) {
    long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    JsonObject last = null;
    while (System.nanoTime() < until) {
      last = get(who, id);
      if (done.test(last)) {
        return last;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("job " + id + " did not get there: " + last);
  }

  private static boolean isStatus(JsonObject job, String status) {
    return job.getString("status").equals(status);
  }

  private static List<String> ids(Api.Response page) {
    assertEquals(200, page.status(), page::toString);
    List<String> out = new ArrayList<>();
    page.items().forEach(j -> out.add(j.getString("id")));
    return out;
  }

  private static List<String> strings(JsonObject o, String field) {
    return o.getJsonArray(field).getValuesAs(JsonString.class).stream()
        .map(JsonString::getString)
        .toList();
  }

  private static int words(CharSequence text) {
    return text.toString().strip().split("\\s+").length;
  }

  static {
    assertNotNull(PNG_MAGIC);
  }
}
