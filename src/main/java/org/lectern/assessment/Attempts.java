package org.lectern.assessment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.lectern.access.AccessControl;
import org.lectern.assessment.AssessmentDtos.AnswerRequest;
import org.lectern.assessment.AssessmentDtos.AttemptQuestion;
import org.lectern.assessment.AssessmentDtos.AttemptView;
import org.lectern.assessment.AssessmentDtos.GradeRequest;
import org.lectern.assessment.AssessmentDtos.GradesRequest;
import org.lectern.assessment.AssessmentDtos.QuizItem;
import org.lectern.audit.AuditAction;
import org.lectern.audit.Audited;
import org.lectern.content.AssignableContent;
import org.lectern.context.RequestContext;
import org.lectern.platform.Cursors;
import org.lectern.platform.EntityId;
import org.lectern.platform.Ids;
import org.lectern.platform.LecternException;
import org.lectern.platform.Page;
import org.lectern.platform.SqlValues;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Attempts, on the server: it starts them, keeps their clock, saves answers and grades them.
 *
 * <ul>
 *   <li>Starting while an attempt is in progress answers that attempt. The attempt limit holds
 *       under concurrent starts: at most one attempt is in progress per student and quiz, and
 *       attempt numbers are unique (both by index), so two racing starts make one attempt.
 *   <li>With a time limit, answers saved after the deadline plus {@link #GRACE} are refused (409)
 *       and do not count; an attempt past its deadline is submitted by the next request that
 *       touches it.
 *   <li>Students never receive answer keys or correctness before submitting, nor after where the
 *       quiz says so ({@code showAnswers}).
 * </ul>
 */
@ApplicationScoped
@Transactional
public class Attempts {

  static final String ATTEMPT = "quiz-attempt";

  /** Network delay an answer saved at the last second may need. */
  static final Duration GRACE = Duration.ofSeconds(10);

  @Inject TenantEntityManager tem;
  @Inject AccessControl access;
  @Inject Quizzes quizzes;
  @Inject AssignableContent content;
  @Inject RequestContext context;
  @Inject org.lectern.classroom.SubmissionService submissions;

  /** An attempt row. */
  record Attempt(
      UUID id,
      UUID quizId,
      UUID userId,
      int number,
      String status,
      Instant startedAt,
      Instant deadlineAt,
      Instant submittedAt,
      BigDecimal score,
      BigDecimal earned,
      BigDecimal possible,
      Integer timeSpent,
      List<UUID> order) {

    boolean open() {
      return "in_progress".equals(status);
    }
  }

  /** Whether a start made the attempt now (201) or found one in progress (200). */
  public record Started(AttemptView attempt, boolean created) {}

  /** Starts an attempt at a published quiz the caller may take. */
  @Audited(action = AuditAction.CREATE, entity = ATTEMPT)
  public Started start(UUID quizId) {
    Quizzes.Quiz q = quizzes.visible(quizId);
    access.require(Quizzes.QUIZ, "attempt", q.attributes());
    if (!q.published()) {
      throw LecternException.conflict("quiz.not-published", "The quiz is not published.");
    }
    UUID me = context.caller().id();
    Attempt open = openAttempt(quizId, me);
    if (open != null) {
      open = expireIfDue(open, q);
      if (open.open()) {
        return new Started(view(open, q, true), false);
      }
    }
    List<QuizItem> items = quizzes.items(quizId);
    List<UUID> order = new ArrayList<>(items.stream().map(i -> i.question().id()).toList());
    UUID id = Ids.newId();
    if (q.shuffleQuestions()) {
      Collections.shuffle(order, new Random(id.getMostSignificantBits()));
    }
    // One statement: the next number, unless the limit is reached; a racing start that made an
    // attempt first makes this insert conflict on the open-attempt index, and finds that one.
    @SuppressWarnings("unchecked")
    List<Object> made =
        tem.sql(
                "INSERT INTO quiz_attempts (tenant_id, id, quiz_id, user_id, number, started_at,"
                    + " deadline_at, question_order)"
                    + " SELECT ?1, CAST(?2 AS uuid), CAST(?3 AS uuid), CAST(?4 AS uuid), n + 1,"
                    + " now(), now() + CAST(?5 AS integer) * interval '1 second',"
                    + " CAST(?6 AS uuid[])"
                    + " FROM (SELECT coalesce(max(number), 0) AS n FROM quiz_attempts"
                    + " WHERE tenant_id = ?1 AND quiz_id = CAST(?3 AS uuid)"
                    + " AND user_id = CAST(?4 AS uuid)) x"
                    + " WHERE CAST(?7 AS integer) IS NULL OR n < CAST(?7 AS integer)"
                    + " ON CONFLICT DO NOTHING RETURNING id")
            .setParameter(2, id.toString())
            .setParameter(3, quizId.toString())
            .setParameter(4, me.toString())
            .setParameter(5, q.timeLimitSeconds() == null ? null : q.timeLimitSeconds().toString())
            .setParameter(6, Ids.sqlArray(order))
            .setParameter(7, q.attemptsAllowed() == null ? null : q.attemptsAllowed().toString())
            .getResultList();
    if (made.isEmpty()) {
      Attempt raced = openAttempt(quizId, me);
      if (raced != null) {
        return new Started(view(raced, q, true), false);
      }
      throw LecternException.conflict(
          "quiz.attempts-used", "All " + q.attemptsAllowed() + " attempts at this quiz are used.");
    }
    return new Started(view(attempt(id), q, true), true);
  }

  /** An attempt: its student's, or for who may edit the quiz's lesson. */
  public AttemptView get(UUID id) {
    Attempt a = visible(id);
    Quizzes.Quiz q = quizzes.find(a.quizId()).orElseThrow();
    a = expireIfDue(a, q);
    return view(a, q, a.userId().equals(context.caller().id()));
  }

  /**
   * The caller's attempts at a quiz, or (for who may edit it) everyone's: by student, then oldest
   * first, a page at a time after the cursor's (student, number).
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<AttemptView> ofQuiz(UUID quizId, UUID userId, String cursor, int limit) {
    Quizzes.Quiz q = quizzes.visible(quizId);
    boolean staff = content.mayUpdateLesson(q.lessonId());
    UUID me = context.caller().id();
    UUID whose = staff ? userId : me;
    if (!staff && userId != null && !userId.equals(me)) {
      throw LecternException.notFound("user");
    }
    Object[] after =
        cursor == null ? null : Cursors.decode(cursor, k -> new Object[] {k.uuid(), k.intValue()});
    StringBuilder sql =
        new StringBuilder(SELECT + " WHERE tenant_id = ?1 AND quiz_id = CAST(?2 AS uuid)");
    if (whose != null) {
      sql.append(" AND user_id = CAST(?3 AS uuid)");
    }
    if (after != null) {
      sql.append(" AND (user_id, number) > (CAST(?4 AS uuid), ?5)");
    }
    sql.append(" ORDER BY user_id, number LIMIT ").append(limit + 1);
    jakarta.persistence.Query query = tem.sql(sql.toString()).setParameter(2, quizId.toString());
    if (whose != null) {
      query.setParameter(3, whose.toString());
    }
    if (after != null) {
      query.setParameter(4, after[0].toString()).setParameter(5, after[1]);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = query.getResultList();
    List<AttemptView> out = new ArrayList<>();
    Attempt last = null;
    for (Object[] r : rows.subList(0, Math.min(limit, rows.size()))) {
      last = attempt(r);
      out.add(summary(last, q, last.userId().equals(me)));
    }
    String next = rows.size() > limit ? Cursors.encode(last.userId(), last.number()) : null;
    return new Page<>(out, next);
  }

  /** Saves (or replaces) the answer to one question of the caller's open attempt. */
  public AttemptView answer(UUID id, UUID questionId, AnswerRequest r) {
    Attempt a = own(id);
    Quizzes.Quiz q = quizzes.find(a.quizId()).orElseThrow();
    if (!a.open()) {
      throw LecternException.conflict("attempt.submitted", "The attempt is submitted.");
    }
    if (a.deadlineAt() != null && Instant.now().isAfter(a.deadlineAt().plus(GRACE))) {
      expireIfDue(a, q);
      throw LecternException.conflict(
          "attempt.time-up", "The time limit has passed; the answer does not count.");
    }
    if (!a.order().contains(questionId)) {
      throw LecternException.notFound("question");
    }
    List<QuizItem> items = quizzes.items(a.quizId());
    QuizItem item =
        items.stream()
            .filter(i -> i.question().id().equals(questionId))
            .findFirst()
            .orElseThrow(() -> LecternException.notFound("question"));
    JsonObject answer = answerJson(item.question().type(), item.question().content(), r);
    tem.sql(
            "INSERT INTO attempt_answers (tenant_id, attempt_id, question_id, answer, saved_at)"
                + " VALUES (?1, CAST(?2 AS uuid), CAST(?3 AS uuid), CAST(?4 AS jsonb), now())"
                + " ON CONFLICT (tenant_id, attempt_id, question_id)"
                + " DO UPDATE SET answer = excluded.answer, saved_at = excluded.saved_at")
        .setParameter(2, id.toString())
        .setParameter(3, questionId.toString())
        .setParameter(4, answer.toString())
        .executeUpdate();
    return view(a, q, true, items);
  }

  /** Submits the caller's attempt and grades it; submitting again answers the graded attempt. */
  @Audited(action = AuditAction.UPDATE, entity = ATTEMPT)
  public AttemptView submit(@EntityId UUID id) {
    Attempt a = own(id);
    Quizzes.Quiz q = quizzes.find(a.quizId()).orElseThrow();
    if (a.open()) {
      a = grade(a, q, Instant.now());
      submissions.turnInWork(
          Quizzes.QUIZ,
          q.id(),
          "Quiz attempt " + a.number() + (a.score() == null ? "" : ": " + a.score() + " %"));
    }
    return view(a, q, true);
  }

  /** A teacher grades answers (short answers wait for this), and the score follows. */
  @Audited(action = AuditAction.UPDATE, entity = ATTEMPT)
  public AttemptView grade(@EntityId UUID id, GradesRequest r) {
    Attempt a = visible(id);
    Quizzes.Quiz q = quizzes.editable(a.quizId());
    a = expireIfDue(a, q);
    if (a.open()) {
      throw LecternException.conflict("attempt.in-progress", "The attempt is not submitted yet.");
    }
    Map<UUID, BigDecimal> points = new HashMap<>();
    quizzes.items(q.id()).forEach(i -> points.put(i.question().id(), i.points()));
    for (GradeRequest g : r.grades()) {
      if (!points.containsKey(g.questionId())) {
        throw LecternException.invalid("grades", "names a question not in this quiz");
      }
    }
    List<UUID> questions = new ArrayList<>();
    List<BigDecimal> credits = new ArrayList<>();
    List<BigDecimal> earned = new ArrayList<>();
    List<String> feedback = new ArrayList<>();
    for (GradeRequest g : r.grades()) {
      questions.add(g.questionId());
      credits.add(g.credit());
      earned.add(Grading.points(g.credit(), points.get(g.questionId())));
      feedback.add(g.feedback());
    }
    tem.sql(
            "INSERT INTO attempt_answers (tenant_id, attempt_id, question_id, answer, saved_at,"
                + " credit, points, graded_by, feedback)"
                + " SELECT ?1, CAST(?2 AS uuid), g.q, '{}', now(), g.c, g.p, CAST(?3 AS uuid), g.f"
                + " FROM unnest(CAST(?4 AS uuid[]), CAST(?5 AS numeric[]), CAST(?6 AS numeric[]),"
                + " CAST(?7 AS text[])) AS g (q, c, p, f)"
                + " ON CONFLICT (tenant_id, attempt_id, question_id) DO UPDATE SET"
                + " credit = excluded.credit, points = excluded.points,"
                + " graded_by = excluded.graded_by, feedback = excluded.feedback")
        .setParameter(2, id.toString())
        .setParameter(3, context.caller().id().toString())
        .setParameter(4, Ids.sqlArray(questions))
        .setParameter(5, SqlValues.array(credits))
        .setParameter(6, SqlValues.array(earned))
        .setParameter(7, SqlValues.quotedArray(feedback))
        .executeUpdate();
    return view(total(a, q), q, false);
  }

  // ---------------------------------------------------------------- grading

  /** Grades every saved answer and submits the attempt at {@code at}. */
  private Attempt grade(Attempt a, Quizzes.Quiz q, Instant at) {
    Map<UUID, JsonObject> answers = answers(a.id());
    List<UUID> questions = new ArrayList<>();
    List<BigDecimal> credits = new ArrayList<>();
    List<BigDecimal> earned = new ArrayList<>();
    for (QuizItem item : quizzes.items(q.id())) {
      JsonObject answer = answers.get(item.question().id());
      if (answer == null) {
        continue; // unanswered: no credit, nothing to store
      }
      BigDecimal credit =
          Grading.credit(item.question().type(), item.question().answerKey(), answer);
      questions.add(item.question().id());
      credits.add(credit);
      earned.add(credit == null ? null : Grading.points(credit, item.points()));
    }
    if (!questions.isEmpty()) {
      // One statement for every answer; a null credit waits for a teacher.
      tem.sql(
              "UPDATE attempt_answers a SET credit = g.c, points = g.p"
                  + " FROM unnest(CAST(?3 AS uuid[]), CAST(?4 AS numeric[]),"
                  + " CAST(?5 AS numeric[])) AS g (q, c, p)"
                  + " WHERE a.tenant_id = ?1 AND a.attempt_id = CAST(?2 AS uuid)"
                  + " AND a.question_id = g.q")
          .setParameter(2, a.id().toString())
          .setParameter(3, Ids.sqlArray(questions))
          .setParameter(4, SqlValues.array(credits))
          .setParameter(5, SqlValues.array(earned))
          .executeUpdate();
    }
    Instant end = a.deadlineAt() != null && at.isAfter(a.deadlineAt()) ? a.deadlineAt() : at;
    tem.sql(
            "UPDATE quiz_attempts SET submitted_at = CAST(?3 AS timestamptz),"
                + " status = 'submitted', time_spent_sec = ?4"
                + " WHERE tenant_id = ?1 AND id = CAST(?2 AS uuid)")
        .setParameter(2, a.id().toString())
        .setParameter(3, end.toString())
        .setParameter(4, (int) Math.max(0, Duration.between(a.startedAt(), end).toSeconds()))
        .executeUpdate();
    return total(attempt(a.id()), q);
  }

  /**
   * Adds up the attempt's points: the score is 100 * earned / possible, and the attempt awaits
   * grading while an answer has no credit yet. Keeps its QuizResult (the seed's fields) in step.
   */
  private Attempt total(Attempt a, Quizzes.Quiz q) {
    tem.sql(
            "WITH s AS (SELECT coalesce(sum(a.points), 0) AS earned,"
                + " bool_or(a.credit IS NULL) AS waiting FROM attempt_answers a"
                + " WHERE a.tenant_id = ?1 AND a.attempt_id = CAST(?2 AS uuid))"
                + " UPDATE quiz_attempts t SET points_earned = s.earned,"
                + " points_possible = CAST(?3 AS numeric),"
                + " score = CASE WHEN CAST(?3 AS numeric) = 0 THEN 0"
                + " ELSE round(100 * s.earned / CAST(?3 AS numeric), 2) END,"
                + " status = CASE WHEN coalesce(s.waiting, false) THEN 'awaiting_grading'"
                + " ELSE 'submitted' END FROM s WHERE t.tenant_id = ?1 AND t.id = CAST(?2 AS uuid)")
        .setParameter(2, a.id().toString())
        .setParameter(3, q.totalPoints())
        .executeUpdate();
    tem.sql(
            "INSERT INTO quiz_results (tenant_id, id, quiz_id, user_id, attempt_id, score,"
                + " time_spent_sec, attempted_at)"
                + " SELECT ?1, CAST(?3 AS uuid), quiz_id, user_id, id, score, time_spent_sec,"
                + " started_at FROM quiz_attempts WHERE tenant_id = ?1 AND id = CAST(?2 AS uuid)"
                + " ON CONFLICT (tenant_id, attempt_id) DO UPDATE SET score = excluded.score")
        .setParameter(2, a.id().toString())
        .setParameter(3, Ids.newId().toString())
        .executeUpdate();
    return attempt(a.id());
  }

  private Attempt expireIfDue(Attempt a, Quizzes.Quiz q) {
    if (a.open() && a.deadlineAt() != null && Instant.now().isAfter(a.deadlineAt().plus(GRACE))) {
      return grade(a, q, a.deadlineAt());
    }
    return a;
  }

  // ---------------------------------------------------------------- answers

  /** The answer as stored, checked against the question's type and what it shows. */
  static JsonObject answerJson(String type, JsonObject content, AnswerRequest r) {
    JsonObjectBuilder b = Json.createObjectBuilder();
    switch (type) {
      case "mcq" -> {
        if (r.choiceIds() == null) {
          throw LecternException.invalid(
              "choiceIds", "answer a multiple-choice question with choiceIds");
        }
        List<String> known = ids(content.getJsonArray("choices"));
        JsonArrayBuilder picked = Json.createArrayBuilder();
        for (UUID c : r.choiceIds()) {
          if (!known.contains(c.toString())) {
            throw LecternException.invalid(
                "choiceIds", "names a choice the question does not have");
          }
          picked.add(c.toString());
        }
        b.add("choiceIds", picked);
      }
      case "fill_blank" -> {
        if (r.blanks() == null || r.blanks().size() != content.getInt("blanks")) {
          throw LecternException.invalid(
              "blanks", "answer each of the " + content.getInt("blanks") + " blanks, in order");
        }
        JsonArrayBuilder given = Json.createArrayBuilder();
        r.blanks().forEach(given::add);
        b.add("blanks", given);
      }
      case "drag_drop" -> {
        if ("matching".equals(content.getString("mode"))) {
          if (r.matches() == null) {
            throw LecternException.invalid("matches", "answer a matching question with matches");
          }
          List<String> left = ids(content.getJsonArray("left"));
          List<String> right = ids(content.getJsonArray("right"));
          JsonObjectBuilder m = Json.createObjectBuilder();
          for (Map.Entry<String, String> e : r.matches().entrySet()) {
            if (!left.contains(e.getKey()) || !right.contains(e.getValue())) {
              throw LecternException.invalid("matches", "names an item the question does not have");
            }
            m.add(e.getKey(), e.getValue());
          }
          b.add("matches", m);
        } else {
          List<String> items = ids(content.getJsonArray("items"));
          if (r.order() == null
              || r.order().size() != items.size()
              || !r.order().stream().map(UUID::toString).toList().containsAll(items)) {
            throw LecternException.invalid("order", "order every item of the question once");
          }
          JsonArrayBuilder o = Json.createArrayBuilder();
          r.order().forEach(x -> o.add(x.toString()));
          b.add("order", o);
        }
      }
      case "short_answer" -> {
        if (r.text() == null) {
          throw LecternException.invalid("text", "answer a short-answer question with text");
        }
        b.add("text", r.text());
      }
      default -> throw new IllegalStateException(type);
    }
    return b.build();
  }

  private static List<String> ids(JsonArray a) {
    List<String> out = new ArrayList<>();
    if (a != null) {
      a.getValuesAs(JsonObject.class).forEach(o -> out.add(o.getString("id")));
    }
    return out;
  }

  // ---------------------------------------------------------------- views

  /**
   * The attempt with its questions. A student sees what the question shows (choices and items in an
   * order of their own), their answers, and, only once the quiz shows answers, credit, points and
   * the key.
   */
  private AttemptView view(Attempt a, Quizzes.Quiz q, boolean asStudent) {
    return view(a, q, asStudent, quizzes.items(q.id()));
  }

  /** As {@link #view(Attempt, Quizzes.Quiz, boolean)}, with the quiz's items already read. */
  private AttemptView view(Attempt a, Quizzes.Quiz q, boolean asStudent, List<QuizItem> quizItems) {
    boolean shown = !asStudent || answersShown(a, q);
    Map<UUID, QuizItem> items = new HashMap<>();
    quizItems.forEach(i -> items.put(i.question().id(), i));
    Map<UUID, Object[]> saved = savedAnswers(a.id());
    List<AttemptQuestion> questions = new ArrayList<>();
    int position = 0;
    for (UUID qid : a.order()) {
      QuizItem item = items.get(qid);
      if (item == null) {
        continue;
      }
      Object[] s = saved.get(qid);
      questions.add(
          new AttemptQuestion(
              qid,
              ++position,
              item.question().type(),
              item.question().stem(),
              asStudent
                  ? shuffled(item.question().content(), q.shuffleChoices(), a.id(), qid)
                  : item.question().content(),
              item.points(),
              s == null ? null : QuestionBank.json((String) s[0]),
              shown && s != null ? (BigDecimal) s[1] : null,
              shown && s != null ? (BigDecimal) s[2] : null,
              shown && s != null ? (String) s[3] : null,
              shown ? item.question().answerKey() : null));
    }
    return new AttemptView(
        a.id(),
        a.quizId(),
        a.userId(),
        a.number(),
        a.status(),
        a.startedAt(),
        a.deadlineAt(),
        a.submittedAt(),
        a.open() ? null : a.score(),
        shown ? a.earned() : null,
        a.possible(),
        a.timeSpent(),
        shown,
        questions);
  }

  /** An attempt without its questions, for lists. */
  private AttemptView summary(Attempt a, Quizzes.Quiz q, boolean asStudent) {
    boolean shown = !asStudent || answersShown(a, q);
    return new AttemptView(
        a.id(),
        a.quizId(),
        a.userId(),
        a.number(),
        a.status(),
        a.startedAt(),
        a.deadlineAt(),
        a.submittedAt(),
        a.open() ? null : a.score(),
        shown ? a.earned() : null,
        a.possible(),
        a.timeSpent(),
        shown,
        List.of());
  }

  private boolean answersShown(Attempt a, Quizzes.Quiz q) {
    if (a.open()) {
      return false;
    }
    return switch (q.showAnswers()) {
      case "after_submission" -> true;
      case "after_last_attempt" -> q.attemptsAllowed() != null && a.number() >= q.attemptsAllowed();
      default -> false;
    };
  }

  /** What a question shows, with its choices or items in this attempt's own order. */
  private static JsonObject shuffled(
      JsonObject content, boolean shuffleChoices, UUID attempt, UUID question) {
    Random random =
        new Random(attempt.getLeastSignificantBits() ^ question.getMostSignificantBits());
    JsonObjectBuilder b = Json.createObjectBuilder();
    for (Map.Entry<String, JsonValue> e : content.entrySet()) {
      JsonValue v = e.getValue();
      boolean alwaysShuffled = e.getKey().equals("items") || e.getKey().equals("right");
      if (v instanceof JsonArray arr
          && (alwaysShuffled || (shuffleChoices && e.getKey().equals("choices")))) {
        // Items to order are always shown out of order (their order is the answer).
        List<JsonValue> list = new ArrayList<>(arr);
        Collections.shuffle(list, random);
        JsonArrayBuilder ab = Json.createArrayBuilder();
        list.forEach(ab::add);
        b.add(e.getKey(), ab);
      } else {
        b.add(e.getKey(), v);
      }
    }
    return b.build();
  }

  // ---------------------------------------------------------------- rows

  private static final String SELECT =
      "SELECT id, quiz_id, user_id, number, status, started_at, deadline_at, submitted_at, score,"
          + " points_earned, points_possible, time_spent_sec, CAST(question_order AS text)"
          + " FROM quiz_attempts";

  private Attempt attempt(UUID id) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        tem.sql(SELECT + " WHERE tenant_id = ?1 AND id = CAST(?2 AS uuid)")
            .setParameter(2, id.toString())
            .getResultList();
    if (rows.isEmpty()) {
      throw LecternException.notFound(ATTEMPT);
    }
    return attempt(rows.get(0));
  }

  private Attempt openAttempt(UUID quizId, UUID user) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        tem.sql(
                SELECT
                    + " WHERE tenant_id = ?1 AND quiz_id = CAST(?2 AS uuid)"
                    + " AND user_id = CAST(?3 AS uuid) AND status = 'in_progress'")
            .setParameter(2, quizId.toString())
            .setParameter(3, user.toString())
            .getResultList();
    return rows.isEmpty() ? null : attempt(rows.get(0));
  }

  /** The attempt for its student or for who may edit the quiz's lesson; 404 for anyone else. */
  private Attempt visible(UUID id) {
    access.requireSchoolMember("Attempts belong to a school's quizzes.");
    Attempt a = attempt(id);
    if (a.userId().equals(context.caller().id())) {
      return a;
    }
    Quizzes.Quiz q = quizzes.find(a.quizId()).orElseThrow(() -> LecternException.notFound(ATTEMPT));
    if (content.mayUpdateLesson(q.lessonId())) {
      return a;
    }
    throw LecternException.notFound(ATTEMPT);
  }

  /** The caller's own attempt; anyone else's is 404. */
  private Attempt own(UUID id) {
    access.requireSchoolMember("Attempts belong to a school's quizzes.");
    Attempt a = attempt(id);
    if (!a.userId().equals(context.caller().id())) {
      throw LecternException.notFound(ATTEMPT);
    }
    return a;
  }

  private Map<UUID, JsonObject> answers(UUID attemptId) {
    Map<UUID, JsonObject> out = new HashMap<>();
    savedAnswers(attemptId).forEach((k, v) -> out.put(k, QuestionBank.json((String) v[0])));
    return out;
  }

  private Map<UUID, Object[]> savedAnswers(UUID attemptId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        tem.sql(
                "SELECT question_id, CAST(answer AS text), credit, points, feedback"
                    + " FROM attempt_answers WHERE tenant_id = ?1 AND attempt_id = CAST(?2 AS uuid)")
            .setParameter(2, attemptId.toString())
            .getResultList();
    Map<UUID, Object[]> out = new HashMap<>();
    for (Object[] r : rows) {
      out.put((UUID) r[0], new Object[] {r[1], r[2], r[3], r[4]});
    }
    return out;
  }

  static Attempt attempt(Object[] r) {
    String order = (String) r[12];
    List<UUID> ids = new ArrayList<>();
    String inner = order.substring(1, order.length() - 1);
    if (!inner.isEmpty()) {
      for (String s : inner.split(",")) {
        ids.add(UUID.fromString(s));
      }
    }
    return new Attempt(
        (UUID) r[0],
        (UUID) r[1],
        (UUID) r[2],
        ((Number) r[3]).intValue(),
        (String) r[4],
        SqlValues.instant(r[5]),
        SqlValues.instant(r[6]),
        SqlValues.instant(r[7]),
        (BigDecimal) r[8],
        (BigDecimal) r[9],
        (BigDecimal) r[10],
        r[11] == null ? null : ((Number) r[11]).intValue(),
        ids);
  }
}
