package org.lectern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
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
import org.lectern.media.AudioSamples;

/**
 * Books and the publishing workflow over HTTP: every move of the state machine allowed and refused
 * by its permission, 409 naming the allowed moves, comments for sending back and rejecting, the
 * history and audit of every move, the four-eyes last step through the approval workflow, exact
 * ratings under 32 concurrent raters, counters that lose no update, search and filters with a
 * bounded statement count, ABAC on {@code accessType}, and 404 across schools.
 */
class PublishingIT extends ApiTestBase {

  private Schools.School school;
  private Schools.Person writer;
  private Schools.Person student;
  private Schools.Person storyReviewer;
  private Schools.Person formatReviewer;
  private Schools.Person contentReviewer;
  private Schools.Person publisher;

  @BeforeEach
  void aSchoolWithReviewers() {
    school = schools.newSchool();
    role("story-reviewer", "review-story");
    role("format-reviewer", "review-format");
    role("content-reviewer", "review-content");
    role("publisher", "publish");
    writer = schools.person(school, "teacher");
    student = schools.person(school, "student");
    storyReviewer = schools.person(school, "story-reviewer");
    formatReviewer = schools.person(school, "format-reviewer");
    contentReviewer = schools.person(school, "content-reviewer");
    publisher = schools.person(school, "publisher");
  }

  // ------------------------------------------------------------------ helpers

  private void role(String name, String action) {
    Api.Response r =
        api.post("/api/roles")
            .token(school.adminToken())
            .json(
                Api.obj(
                    "name",
                    name,
                    "grants",
                    List.of(Api.obj("resource", "publishing", "action", action))))
            .send();
    assertEquals(201, r.status(), r::toString);
  }

  private String story(String title, String text) {
    Api.Response r =
        api.post("/api/stories")
            .token(writer.token())
            .json(Api.obj("title", title, "content", text, "difficulty", "beginner"))
            .send();
    assertEquals(201, r.status(), r::toString);
    String id = r.json().getString("id");
    schools.publish(school, id);
    return id;
  }

  private JsonObject book(String storyId, JsonObject extra) {
    var body = jakarta.json.Json.createObjectBuilder(extra).add("storyId", storyId).build();
    Api.Response r = api.post("/api/books").token(writer.token()).json(body).send();
    assertEquals(201, r.status(), r::toString);
    return r.json();
  }

  private String submit(String bookId) {
    Api.Response r =
        api.post("/api/publishing/submissions")
            .token(writer.token())
            .json(Api.obj("bookId", bookId))
            .send();
    assertEquals(201, r.status(), r::toString);
    assertEquals("draft", r.json().getString("stage"));
    return r.json().getString("id");
  }

  private Api.Response move(String token, String submission, String to, String comment) {
    return api.post("/api/publishing/submissions/" + submission + "/transitions")
        .token(token)
        .json(Api.obj("to", to, "comment", comment))
        .send();
  }

  private JsonObject moved(String token, String submission, String to, String comment) {
    Api.Response r = move(token, submission, to, comment);
    assertEquals(200, r.status(), r::toString);
    assertEquals(to, r.json().getString("stage"));
    return r.json();
  }

  private void refused(int status, String token, String submission, String to, String comment) {
    Api.Response r = move(token, submission, to, comment);
    assertEquals(status, r.status(), () -> to + ": " + r);
  }

  /** A book of a new story taken through every stage by the school's admin; published. */
  private JsonObject publishedBook(String title, String text, JsonObject extra) {
    JsonObject b = book(story(title, text), extra);
    String s = submit(b.getString("id"));
    moved(writer.token(), s, "pending", null);
    String admin = school.adminToken();
    for (String to :
        List.of("story_review", "story_approved", "format_review", "content_review", "approved")) {
      moved(admin, s, to, null);
    }
    // The admin could approve it and did not write it: published at once.
    moved(admin, s, "published", null);
    return bookAs(writer.token(), b.getString("id")).json();
  }

  private Api.Response bookAs(String token, String id) {
    return api.get("/api/books/" + id).token(token).send();
  }

  private static int statements(Api.Response r) {
    return Integer.parseInt(r.header("X-Sql-Statements"));
  }

  private static List<String> ids(List<JsonObject> items) {
    return items.stream().map(o -> o.getString("id")).toList();
  }

  private static <T> List<T> concurrently(List<Callable<T>> work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(work.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> c : work) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return c.call();
                }));
      }
      start.countDown();
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  // ------------------------------------------------------------------ the workflow

  @Test
  void aSubmissionMovesOnlyAsTheMachineAndThePermissionsSay() {
    String storyId = story("The lantern", "Mira keeps the lantern lit for her brother.");
    JsonObject b = book(storyId, Api.obj("gradeLevel", List.of("5")));
    String bookId = b.getString("id");
    assertEquals("draft", b.getString("publishingStatus"));
    assertEquals(404, bookAs(student.token(), bookId).status(), "a draft is not the students'");
    assertEquals(200, bookAs(storyReviewer.token(), bookId).status(), "reviewers see drafts");

    String s = submit(bookId);
    Api.Response again =
        api.post("/api/publishing/submissions")
            .token(writer.token())
            .json(Api.obj("bookId", bookId))
            .send();
    assertEquals(409, again.status(), "one open submission per book");
    assertEquals("submission.open", again.code());

    // A move the machine does not have: 409 naming the moves there are.
    Api.Response invalid = move(writer.token(), s, "published", null);
    assertEquals(409, invalid.status(), invalid::toString);
    assertEquals("submission.invalid-transition", invalid.code());
    assertTrue(
        invalid.json().getString("detail").contains("allowed: pending, archived"),
        invalid::toString);

    // draft -> pending: the writer's, with publishing:submit.
    refused(403, storyReviewer.token(), s, "pending", null);
    refused(404, student.token(), s, "pending", null);
    JsonObject pending = moved(writer.token(), s, "pending", null);
    assertFalse(pending.isNull("submittedAt"));

    // pending -> story_review: publishing:review-story.
    refused(403, writer.token(), s, "story_review", null);
    refused(403, formatReviewer.token(), s, "story_review", null);
    JsonObject inReview = moved(storyReviewer.token(), s, "story_review", null);
    assertEquals(
        List.of("story_approved", "needs_revision", "rejected"),
        inReview.getJsonArray("allowed").getValuesAs(jakarta.json.JsonString.class).stream()
            .map(jakarta.json.JsonString::getString)
            .toList());

    // Sending back needs a comment; the writer resubmits.
    Api.Response noComment = move(storyReviewer.token(), s, "needs_revision", "  ");
    assertEquals(400, noComment.status(), noComment::toString);
    assertEquals("submission.comment-required", noComment.code());
    JsonObject back = moved(storyReviewer.token(), s, "needs_revision", "Shorten part two.");
    assertEquals("Shorten part two.", back.getString("lastComment"));
    refused(403, storyReviewer.token(), s, "pending", null);
    moved(writer.token(), s, "pending", null);
    moved(storyReviewer.token(), s, "story_review", null);
    moved(storyReviewer.token(), s, "story_approved", null);

    // Format review, content review: each its own permission.
    refused(403, storyReviewer.token(), s, "format_review", null);
    refused(409, formatReviewer.token(), s, "content_review", null);
    moved(formatReviewer.token(), s, "format_review", null);
    refused(403, contentReviewer.token(), s, "content_review", null);
    moved(formatReviewer.token(), s, "content_review", null);
    refused(403, formatReviewer.token(), s, "approved", null);
    moved(contentReviewer.token(), s, "approved", null);
    assertEquals("in_review", bookAs(writer.token(), bookId).json().getString("publishingStatus"));

    // The last step needs someone else's approval: the publisher may only ask.
    refused(403, contentReviewer.token(), s, "published", null);
    Api.Response asked = move(publisher.token(), s, "published", null);
    assertEquals(202, asked.status(), asked::toString);
    String approval = asked.json().getString("id");
    assertEquals("publishing", asked.json().getString("entityType"));
    assertEquals(
        "approved",
        api.get("/api/publishing/submissions/" + s)
            .token(writer.token())
            .send()
            .json()
            .getString("stage"));
    Api.Response own =
        api.post("/api/approvals/" + approval + "/approve")
            .token(publisher.token())
            .json("{}")
            .send();
    assertEquals(403, own.status(), "nobody approves their own request: " + own);
    assertEquals("approval.own-request", own.code());
    Api.Response byWriter =
        api.post("/api/approvals/" + approval + "/approve").token(writer.token()).json("{}").send();
    assertEquals(404, byWriter.status(), "the writer may not decide it: " + byWriter);
    Api.Response approved =
        api.post("/api/approvals/" + approval + "/approve")
            .token(school.adminToken())
            .json("{}")
            .send();
    assertEquals(200, approved.status(), approved::toString);

    JsonObject published = bookAs(student.token(), bookId).json();
    assertEquals("published", published.getString("publishingStatus"));
    assertFalse(published.isNull("publishedAt"));
    assertTrue(ids(api.get("/api/books").token(student.token()).send().items()).contains(bookId));

    // The history: every move, in order, who and why; the last one approved for the publisher.
    Api.Response history =
        api.get("/api/publishing/submissions/" + s + "/history").token(writer.token()).send();
    assertEquals(200, history.status(), history::toString);
    List<JsonObject> moves = history.items();
    assertEquals(
        List.of(
            "draft>pending",
            "pending>story_review",
            "story_review>needs_revision",
            "needs_revision>pending",
            "pending>story_review",
            "story_review>story_approved",
            "story_approved>format_review",
            "format_review>content_review",
            "content_review>approved",
            "approved>published"),
        moves.stream().map(m -> m.getString("fromStage") + ">" + m.getString("toStage")).toList());
    assertEquals("Shorten part two.", moves.get(2).getString("comment"));
    assertEquals(storyReviewer.id(), moves.get(1).getString("actorId"));
    JsonObject last = moves.get(9);
    assertEquals(publisher.id(), last.getString("requestedBy"));
    assertFalse(last.getString("actorId").equals(publisher.id()));

    // Every move is in the audit trail (and the submission's making).
    Api.Response audit =
        api.get("/api/audit-logs?entityType=book-submission&entityId=" + s + "&limit=100")
            .token(school.adminToken())
            .send();
    assertEquals(200, audit.status(), audit::toString);
    List<String> actions = audit.items().stream().map(e -> e.getString("action")).toList();
    assertEquals(11, actions.size(), actions::toString);
    assertEquals(1, actions.stream().filter("PUBLISH"::equals).count(), actions::toString);
    assertEquals(9, actions.stream().filter("UPDATE"::equals).count(), actions::toString);

    // Published is final but for archiving, which withdraws the book.
    Api.Response afterPublished = move(writer.token(), s, "pending", null);
    assertEquals(409, afterPublished.status());
    assertTrue(afterPublished.json().getString("detail").contains("allowed: archived"));
    refused(403, writer.token(), s, "archived", null);
    moved(school.adminToken(), s, "archived", null);
    assertEquals(404, bookAs(student.token(), bookId).status(), "archived: withdrawn");
    assertEquals("archived", bookAs(writer.token(), bookId).json().getString("publishingStatus"));
  }

  @Test
  void rejectingNeedsACommentEndsTheSubmissionAndNobodyReviewsTheirOwn() {
    JsonObject b = book(story("Ocean songs", "Whales sing under the sea."), Api.obj());
    String s = submit(b.getString("id"));
    moved(writer.token(), s, "pending", null);
    Api.Response bare = move(storyReviewer.token(), s, "rejected", null);
    assertEquals(400, bare.status(), bare::toString);
    assertEquals("submission.comment-required", bare.code());
    moved(storyReviewer.token(), s, "rejected", "Not for this school.");
    Api.Response after = move(school.adminToken(), s, "archived", null);
    assertEquals(409, after.status());
    assertTrue(after.json().getString("detail").contains("final"), after::toString);
    assertEquals(
        "rejected", bookAs(writer.token(), b.getString("id")).json().getString("publishingStatus"));

    // A resubmission is a new submission of the same book; a writer never reviews their own.
    Api.Response grant =
        api.put("/api/users/" + writer.id() + "/permissions")
            .token(school.adminToken())
            .json(
                Api.obj(
                    "permissions",
                    List.of(Api.obj("resource", "publishing", "action", "review-story"))))
            .send();
    assertEquals(200, grant.status(), grant::toString);
    String again = submit(b.getString("id"));
    moved(writer.token(), again, "pending", null);
    Api.Response ownReview = move(writer.token(), again, "story_review", null);
    assertEquals(403, ownReview.status(), ownReview::toString);
    assertEquals("submission.own-review", ownReview.code());

    // The queue: reviewers see every submission of a stage, writers their own, others none.
    Api.Response queue =
        api.get("/api/publishing/submissions?stage=pending").token(storyReviewer.token()).send();
    assertEquals(200, queue.status(), queue::toString);
    assertEquals(List.of(again), ids(queue.items()));
    assertEquals(
        2, api.get("/api/publishing/submissions").token(writer.token()).send().items().size());
    assertEquals(
        0, api.get("/api/publishing/submissions").token(student.token()).send().items().size());
    assertEquals(
        404,
        api.get("/api/publishing/submissions/" + again).token(student.token()).send().status());
  }

  // ------------------------------------------------------------------ ratings and counters

  @Test
  void ratingsStayExactUnder32ConcurrentRaters() throws Exception {
    String bookId = publishedBook("Stars", "The stars came out.", Api.obj()).getString("id");
    List<Schools.Person> raters = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      raters.add(schools.person(school, "student"));
    }
    int[] ratings = new int[32];
    for (int i = 0; i < 32; i++) {
      ratings[i] = i % 5 + 1;
    }
    rateConcurrently(bookId, raters, ratings);
    JsonObject b = bookAs(student.token(), bookId).json();
    assertEquals(32, b.getInt("totalRatings"));
    assertEquals(average(ratings), b.getJsonNumber("avgRating").bigDecimalValue());

    // Everyone changes their mind at once: still one rating each, the sum exact.
    for (int i = 0; i < 32; i++) {
      ratings[i] = 5 - i % 3;
    }
    rateConcurrently(bookId, raters, ratings);
    b = bookAs(student.token(), bookId).json();
    assertEquals(32, b.getInt("totalRatings"));
    assertEquals(average(ratings), b.getJsonNumber("avgRating").bigDecimalValue());

    Api.Response bad =
        api.put("/api/books/" + bookId + "/rating")
            .token(student.token())
            .json(Api.obj("rating", 6))
            .send();
    assertEquals(400, bad.status());
    JsonObject draft = book(story("Unfinished", "Not yet."), Api.obj());
    Api.Response unpublished =
        api.put("/api/books/" + draft.getString("id") + "/rating")
            .token(writer.token())
            .json(Api.obj("rating", 5))
            .send();
    assertEquals(409, unpublished.status(), unpublished::toString);
    assertEquals("book.not-published", unpublished.code());
  }

  /** Each rater rates at the same moment, rater i giving ratings[i]; every one is taken. */
  private void rateConcurrently(String bookId, List<Schools.Person> raters, int[] ratings)
      throws Exception {
    List<Callable<Integer>> work = new ArrayList<>();
    for (int i = 0; i < raters.size(); i++) {
      int rating = ratings[i];
      String token = raters.get(i).token();
      work.add(
          () ->
              api.put("/api/books/" + bookId + "/rating")
                  .token(token)
                  .json(Api.obj("rating", rating))
                  .send()
                  .status());
    }
    concurrently(work).forEach(status -> assertEquals(200, status));
  }

  private static BigDecimal average(int[] ratings) {
    int sum = java.util.Arrays.stream(ratings).sum();
    return BigDecimal.valueOf(sum)
        .divide(BigDecimal.valueOf(ratings.length), 4, RoundingMode.HALF_UP);
  }

  @Test
  void viewsAndReadsLoseNoUpdateUnderConcurrentRequests() throws Exception {
    JsonObject published = publishedBook("Rain", "It rains on the roof.", Api.obj());
    String bookId = published.getString("id");
    String storyId = published.getString("storyId");
    List<Callable<Integer>> views = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String token = i % 2 == 0 ? student.token() : writer.token();
      views.add(() -> api.post("/api/books/" + bookId + "/views").token(token).send().status());
    }
    concurrently(views).forEach(status -> assertEquals(204, status));
    assertEquals(40, bookAs(student.token(), bookId).json().getInt("viewCount"));

    List<Schools.Person> readers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      readers.add(schools.person(school, "student"));
    }
    List<Callable<Integer>> reads = new ArrayList<>();
    for (Schools.Person p : readers) {
      reads.add(() -> finish(p.token(), storyId).status());
    }
    concurrently(reads).forEach(status -> assertEquals(200, status));
    Api.Response one = finish(readers.get(1).token(), storyId);
    assertEquals(200, one.status(), one::toString);
    assertTrue(one.json().getJsonArray("refused").isEmpty(), one::toString);
    // Reading it to the end again is no new completion.
    assertEquals(200, finish(readers.get(0).token(), storyId).status());
    assertEquals(8, bookAs(student.token(), bookId).json().getInt("readCount"));
  }

  private Api.Response finish(String token, String storyId) {
    return api.post("/api/reading-progress/events")
        .token(token)
        .json(
            Api.obj(
                "events",
                List.of(
                    Api.obj(
                        "eventId",
                        UUID.randomUUID().toString(),
                        "storyId",
                        storyId,
                        "version",
                        1,
                        "chunk",
                        1,
                        "totalChunks",
                        1,
                        "occurredAt",
                        Instant.now().toString(),
                        "secondsRead",
                        30,
                        "interactions",
                        1))))
        .send();
  }

  // ------------------------------------------------------------------ the list

  @Test
  void theListSearchesFiltersAndCostsAFixedNumberOfStatements() {
    JsonObject lantern =
        publishedBook(
            "The lantern",
            "Mira keeps the lantern lit for her brother.",
            Api.obj("gradeLevel", List.of("5"), "curriculum", List.of("reading")));
    JsonObject ocean =
        publishedBook(
            "Ocean songs",
            "Whales sing under the sea.",
            Api.obj("gradeLevel", List.of("4"), "accessType", "premium"));
    for (int i = 0; i < 3; i++) {
      publishedBook(
          "Filler " + i, "Nothing to see " + i + ".", Api.obj("gradeLevel", List.of("4")));
    }
    String l = lantern.getString("id");
    String o = ocean.getString("id");

    // Facts: a word list and published audio show, without any client saying so.
    assertFalse(lantern.getBoolean("hasVocabulary"));
    Api.Response word =
        api.post("/api/stories/" + lantern.getString("storyId") + "/vocabulary")
            .token(writer.token())
            .json(Api.obj("word", "lantern", "definition", "A lamp."))
            .send();
    assertEquals(201, word.status(), word::toString);
    Api.Response audio =
        api.post("/api/stories/" + lantern.getString("storyId") + "/audio?voiceType=child")
            .token(writer.token())
            .bytes(AudioSamples.wav(1, 8000), "audio/wav")
            .send();
    assertEquals(201, audio.status(), audio::toString);
    Api.Response heard =
        api.patch("/api/audio/" + audio.json().getString("id"))
            .token(writer.token())
            .json(Api.obj("status", "published"))
            .send();
    assertEquals(200, heard.status(), heard::toString);
    JsonObject facts = bookAs(student.token(), l).json();
    assertTrue(facts.getBoolean("hasVocabulary"));
    assertTrue(facts.getBoolean("hasAudio"));
    assertFalse(facts.getBoolean("hasQuiz"));
    assertEquals(8, facts.getInt("wordCount"), facts::toString);
    assertEquals(1, facts.getInt("readingTime"));

    assertEquals(List.of(l), ids(list("q=lantern").items()), "by title");
    assertEquals(List.of(o), ids(list("q=whales").items()), "by text, stemmed");
    assertEquals(List.of(l), ids(list("curriculum=reading").items()));
    assertEquals(List.of(o), ids(list("accessType=premium").items()));
    assertEquals(4, list("gradeLevel=4").items().size());
    assertEquals(400, list("accessType=gold").status());

    // Pages of 2: keyset-paged, every book once, a fixed number of statements per page.
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      Api.Response page = list("limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
      assertEquals(2, statements(page), "a page: the caller, the page with its books' facts");
      seen.addAll(ids(page.items()));
      cursor = page.json().isNull("nextCursor") ? null : page.json().getString("nextCursor");
    } while (cursor != null);
    assertEquals(5, seen.size());
    assertEquals(5, new java.util.HashSet<>(seen).size());
    Api.Response big = list("limit=100");
    Api.Response searched = list("q=sea");
    assertEquals(2, statements(big), "the list: the caller, the page with its books' facts");
    assertEquals(3, statements(searched), "the search: the languages too");
    assertEquals(2, statements(bookAs(student.token(), l)), "one book with its facts");
    assertEquals(
        2,
        statements(api.get("/api/publishing/submissions").token(school.adminToken()).send()),
        "the queue: caller and one page");

    // ABAC reads accessType: the school keeps premium books from students, in the list and alone.
    Api.Response policy =
        api.post("/api/policies")
            .token(school.adminToken())
            .json(
                Api.obj(
                    "name",
                    "no-premium-for-students",
                    "resource",
                    "book",
                    "actions",
                    List.of("read"),
                    "effect",
                    "deny",
                    "priority",
                    10,
                    "conditions",
                    List.of(
                        Api.obj("field", "user.roles", "operator", "contains", "value", "student"),
                        Api.obj(
                            "field", "resource.accessType", "operator", "eq", "value", "premium"))))
            .send();
    assertEquals(201, policy.status(), policy::toString);
    assertFalse(ids(list("limit=100").items()).contains(o));
    assertEquals(404, bookAs(student.token(), o).status());
    assertEquals(200, bookAs(writer.token(), o).status(), "the writer still reads their own");
  }

  @Test
  void aPublishedQuizOfTheStorysLessonMakesTheBookInteractive() {
    String t = writer.token();
    String course =
        created(
            api.post("/api/courses")
                .token(t)
                .json(Api.obj("title", "Sea", "level", "A2", "difficulty", "elementary")));
    String unit =
        created(api.post("/api/courses/" + course + "/units").token(t).json(Api.obj("title", "U")));
    String lesson =
        created(api.post("/api/units/" + unit + "/lessons").token(t).json(Api.obj("title", "L")));
    String storyId =
        created(
            api.post("/api/stories")
                .token(t)
                .json(
                    Api.obj(
                        "title",
                        "Tides",
                        "content",
                        "The tide comes in.",
                        "difficulty",
                        "beginner",
                        "lessonId",
                        lesson)));
    String bookId = book(storyId, Api.obj()).getString("id");
    JsonObject before = bookAs(t, bookId).json();
    assertFalse(before.getBoolean("hasQuiz"));
    assertFalse(before.getBoolean("isInteractive"));

    String exercise =
        created(api.post("/api/exercises").token(t).json(Api.obj("title", "Tides quiz")));
    String question =
        created(
            api.post("/api/questions")
                .token(t)
                .json(
                    Api.obj(
                        "exerciseId",
                        exercise,
                        "type",
                        "short_answer",
                        "stem",
                        "What comes in?",
                        "accepted",
                        List.of("the tide"))));
    String quiz =
        created(api.post("/api/quizzes").token(t).json(Api.obj("lessonId", lesson, "title", "Q")));
    Api.Response questions =
        api.put("/api/quizzes/" + quiz + "/questions")
            .token(t)
            .json(Api.obj("questions", List.of(Api.obj("questionId", question, "points", 1))))
            .send();
    assertEquals(200, questions.status(), questions::toString);
    Api.Response published = api.post("/api/quizzes/" + quiz + "/publish").token(t).send();
    assertEquals(200, published.status(), published::toString);

    JsonObject after = bookAs(t, bookId).json();
    assertTrue(after.getBoolean("hasQuiz"), after::toString);
    assertTrue(after.getBoolean("isInteractive"));
    assertFalse(after.getBoolean("hasActivities"));
  }

  @Test
  void theWriterOrAFormatReviewerChangesTheCatalogueEntry() {
    JsonObject b =
        publishedBook(
            "The harbour",
            "Boats come home at dusk.",
            Api.obj("gradeLevel", List.of("5"), "accessType", "free"));
    String id = b.getString("id");
    String path = "/api/books/" + id;
    Api.Response read = bookAs(writer.token(), id);
    String etag = read.header("ETag");

    Api.Response changed =
        api.patch(path)
            .token(writer.token())
            .header("If-Match", etag)
            .json(
                Api.obj(
                    "title",
                    "Lighthouse nights",
                    "gradeLevel",
                    List.of("4", "5", "4"),
                    "isbn",
                    "978-3-16-148410-0"))
            .send();
    assertEquals(200, changed.status(), changed::toString);
    assertEquals(
        List.of("4", "5"),
        changed.json().getJsonArray("gradeLevel").getValuesAs(jakarta.json.JsonString::getString));
    assertEquals("978-3-16-148410-0", changed.json().getString("isbn"));
    assertEquals("published", changed.json().getString("publishingStatus"), "not the client's");
    assertEquals(b.getInt("wordCount"), changed.json().getInt("wordCount"), "the story's facts");
    assertNotEquals(etag, changed.header("ETag"));
    assertEquals(
        List.of(id),
        ids(list("q=lighthouse").json().getJsonArray("items").getValuesAs(JsonObject.class)),
        "the new title is searchable at once");

    Api.Response stale =
        api.patch(path)
            .token(writer.token())
            .header("If-Match", etag)
            .json(Api.obj("accessType", "premium"))
            .send();
    assertEquals(412, stale.status(), "a stale If-Match changes nothing");
    assertEquals(
        403,
        api.patch(path)
            .token(student.token())
            .json(Api.obj("accessType", "premium"))
            .send()
            .status(),
        "a reader is no editor");
    assertEquals(
        400,
        api.patch(path).token(writer.token()).json(Api.obj("hasAudio", true)).send().status(),
        "the flags are facts");
    Api.Response byReviewer =
        api.patch(path)
            .token(formatReviewer.token())
            .json(Api.obj("accessType", "premium", "isbn", ""))
            .send();
    assertEquals(200, byReviewer.status(), byReviewer::toString);
    assertEquals("premium", byReviewer.json().getString("accessType"));
    assertTrue(byReviewer.json().isNull("isbn"), "an empty ISBN clears it");
    assertEquals(
        List.of(id),
        ids(list("accessType=premium").json().getJsonArray("items").getValuesAs(JsonObject.class)));
    assertEquals(
        404,
        api.patch(path)
            .token(schools.newSchool().adminToken())
            .json(Api.obj("accessType", "free"))
            .send()
            .status());
  }

  private static String created(Api.Call call) {
    Api.Response r = call.send();
    assertEquals(201, r.status(), r::toString);
    return r.json().getString("id");
  }

  private Api.Response list(String query) {
    Api.Response r = api.get("/api/books?" + query).token(student.token()).send();
    assertNotNull(r.header("X-Sql-Statements"));
    return r;
  }

  // ------------------------------------------------------------------ isolation

  @Test
  void anotherSchoolsBooksSubmissionsAndHistoryAre404() {
    JsonObject b = book(story("Secret", "A story of another school."), Api.obj());
    String s = submit(b.getString("id"));
    Schools.School other = schools.newSchool();
    String outsider = other.adminToken();
    assertEquals(404, bookAs(outsider, b.getString("id")).status());
    assertEquals(404, api.get("/api/publishing/submissions/" + s).token(outsider).send().status());
    assertEquals(
        404,
        api.get("/api/publishing/submissions/" + s + "/history").token(outsider).send().status());
    assertEquals(404, move(outsider, s, "pending", null).status());
    assertEquals(
        404,
        api.post("/api/books/" + b.getString("id") + "/views").token(outsider).send().status());
    assertEquals(
        404,
        api.put("/api/books/" + b.getString("id") + "/rating")
            .token(outsider)
            .json(Api.obj("rating", 5))
            .send()
            .status());
    assertTrue(api.get("/api/books").token(outsider).send().items().isEmpty());
    assertTrue(api.get("/api/publishing/submissions").token(outsider).send().items().isEmpty());
    Api.Response submitForeign =
        api.post("/api/publishing/submissions")
            .token(outsider)
            .json(Api.obj("bookId", b.getString("id")))
            .send();
    assertEquals(404, submitForeign.status());
  }
}
