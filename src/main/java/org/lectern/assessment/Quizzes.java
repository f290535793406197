package org.lectern.assessment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.lectern.access.AccessControl;
import org.lectern.approval.RequiresApproval;
import org.lectern.assessment.AssessmentDtos.QuestionView;
import org.lectern.assessment.AssessmentDtos.QuizItem;
import org.lectern.assessment.AssessmentDtos.QuizPatch;
import org.lectern.assessment.AssessmentDtos.QuizQuestionRequest;
import org.lectern.assessment.AssessmentDtos.QuizQuestionsRequest;
import org.lectern.assessment.AssessmentDtos.QuizRequest;
import org.lectern.assessment.AssessmentDtos.QuizView;
import org.lectern.audit.AuditAction;
import org.lectern.audit.Audited;
import org.lectern.content.AssignableContent;
import org.lectern.context.RequestContext;
import org.lectern.platform.Cursors;
import org.lectern.platform.ETags;
import org.lectern.platform.EntityId;
import org.lectern.platform.Ids;
import org.lectern.platform.LecternException;
import org.lectern.platform.Page;
import org.lectern.platform.SqlValues;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Quizzes: a lesson's, assembled from the question bank in order with points. Who may edit the
 * lesson builds, changes and publishes its quizzes (publishing may need approval: {@code
 * quiz:publish}); students with {@code quiz:attempt} see the published quizzes of lessons they may
 * read, without their questions (those come with an attempt).
 */
@ApplicationScoped
@Transactional
public class Quizzes {

  static final String QUIZ = "quiz";

  /** A quiz row, as every quiz operation reads it. */
  record Quiz(
      UUID id,
      UUID lessonId,
      String title,
      String description,
      String status,
      Integer timeLimitSeconds,
      Integer attemptsAllowed,
      boolean shuffleQuestions,
      boolean shuffleChoices,
      String showAnswers,
      Instant publishedAt,
      UUID createdBy,
      Instant createdAt,
      long version,
      int questionCount,
      BigDecimal totalPoints) {

    boolean published() {
      return "published".equals(status);
    }

    Map<String, Object> attributes() {
      Map<String, Object> a = new HashMap<>();
      a.put("id", id.toString());
      a.put("lessonId", lessonId.toString());
      a.put("status", status);
      a.put("createdBy", createdBy.toString());
      a.put("title", title);
      return a;
    }
  }

  @Inject TenantEntityManager tem;
  @Inject AccessControl access;
  @Inject AssignableContent content;
  @Inject QuestionBank bank;
  @Inject RequestContext context;

  @Audited(action = AuditAction.CREATE, entity = QUIZ)
  public QuizView create(QuizRequest r) {
    access.requireSchoolMember("Quizzes belong to a school's lessons.");
    requireLessonEditable(r.lessonId());
    UUID id = Ids.newId();
    tem.sql(
            "INSERT INTO quizzes (tenant_id, id, lesson_id, title, description,"
                + " time_limit_seconds, attempts_allowed, shuffle_questions, shuffle_choices,"
                + " show_answers, created_by) VALUES (?1, CAST(?2 AS uuid), CAST(?3 AS uuid), ?4,"
                + " ?5, CAST(?6 AS integer), CAST(?7 AS integer), ?8, ?9, ?10, CAST(?11 AS uuid))")
        .setParameter(2, id.toString())
        .setParameter(3, r.lessonId().toString())
        .setParameter(4, r.title().strip())
        .setParameter(5, r.description())
        .setParameter(6, r.timeLimitSeconds() == null ? null : r.timeLimitSeconds().toString())
        .setParameter(7, r.attemptsAllowed() == null ? null : r.attemptsAllowed().toString())
        .setParameter(8, Boolean.TRUE.equals(r.shuffleQuestions()))
        .setParameter(9, Boolean.TRUE.equals(r.shuffleChoices()))
        .setParameter(10, r.showAnswers() == null ? "after_submission" : r.showAnswers())
        .setParameter(11, context.caller().id().toString())
        .executeUpdate();
    return view(find(id).orElseThrow(), true);
  }

  /** A quiz: with its questions and keys for who may edit it; its settings for its students. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public QuizView get(UUID id) {
    Quiz q = visible(id);
    return view(q, content.mayUpdateLesson(q.lessonId()));
  }

  /**
   * A lesson's quizzes (all of them for who may edit it, the published ones for its readers), or
   * without a lesson the quizzes the caller made; newest first.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<QuizView> list(UUID lessonId, String cursor, int limit) {
    access.requireSchoolMember("Quizzes belong to a school's lessons.");
    Object[] after =
        cursor == null ? null : Cursors.decode(cursor, k -> new Object[] {k.instant(), k.uuid()});
    StringBuilder where = new StringBuilder(" WHERE q.tenant_id = ?1 AND q.deleted_at IS NULL");
    String scope;
    if (lessonId != null) {
      boolean staff = content.mayUpdateLesson(lessonId);
      if (!staff
          && (content.readableTitle("lesson", lessonId).isEmpty()
              || !access.can(QUIZ, "attempt", Map.of()))) {
        throw LecternException.notFound("lesson");
      }
      where.append(" AND q.lesson_id = CAST(?2 AS uuid)");
      scope = lessonId.toString();
      if (!staff) {
        where.append(" AND q.status = 'published'");
      }
    } else {
      where.append(" AND q.created_by = CAST(?2 AS uuid)");
      scope = context.caller().id().toString();
    }
    if (after != null) {
      where.append(" AND (q.created_at, q.id) < (CAST(?3 AS timestamptz), CAST(?4 AS uuid))");
    }
    jakarta.persistence.Query query =
        tem.sql(SELECT + where + " ORDER BY q.created_at DESC, q.id DESC LIMIT " + (limit + 1))
            .setParameter(2, scope);
    if (after != null) {
      query.setParameter(3, after[0].toString()).setParameter(4, after[1].toString());
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = query.getResultList();
    List<QuizView> items = new ArrayList<>();
    for (Object[] r : rows.subList(0, Math.min(limit, rows.size()))) {
      items.add(view(quiz(r), false));
    }
    String next =
        rows.size() > limit
            ? Cursors.encode(
                items.get(items.size() - 1).createdAt(), items.get(items.size() - 1).id())
            : null;
    return new Page<>(items, next);
  }

  @Audited(action = AuditAction.UPDATE, entity = QUIZ)
  public QuizView update(@EntityId UUID id, QuizPatch p, Long ifMatch) {
    Quiz q = editable(id);
    ETags.requireMatch(ifMatch, q.version());
    if (p.timeLimitSeconds() != null && p.timeLimitSeconds() > 0 && p.timeLimitSeconds() < 30) {
      throw LecternException.invalid("timeLimitSeconds", "must be 0 (none) or 30 to 86400");
    }
    tem.sql(
            "UPDATE quizzes SET title = coalesce(?3, title),"
                + " description = coalesce(?4, description),"
                + " time_limit_seconds = CASE WHEN CAST(?5 AS integer) IS NULL THEN time_limit_seconds"
                + " WHEN CAST(?5 AS integer) = 0 THEN NULL ELSE CAST(?5 AS integer) END,"
                + " attempts_allowed = CASE WHEN CAST(?6 AS integer) IS NULL THEN attempts_allowed"
                + " WHEN CAST(?6 AS integer) = 0 THEN NULL ELSE CAST(?6 AS integer) END,"
                + " shuffle_questions = coalesce(CAST(?7 AS boolean), shuffle_questions),"
                + " shuffle_choices = coalesce(CAST(?8 AS boolean), shuffle_choices),"
                + " show_answers = coalesce(?9, show_answers),"
                + " updated_at = now(), version = version + 1"
                + " WHERE tenant_id = ?1 AND id = CAST(?2 AS uuid)")
        .setParameter(2, id.toString())
        .setParameter(3, p.title() == null ? null : p.title().strip())
        .setParameter(4, p.description())
        .setParameter(5, p.timeLimitSeconds() == null ? null : p.timeLimitSeconds().toString())
        .setParameter(6, p.attemptsAllowed() == null ? null : p.attemptsAllowed().toString())
        .setParameter(7, p.shuffleQuestions() == null ? null : p.shuffleQuestions().toString())
        .setParameter(8, p.shuffleChoices() == null ? null : p.shuffleChoices().toString())
        .setParameter(9, p.showAnswers())
        .executeUpdate();
    return view(find(id).orElseThrow(), true);
  }

  @Audited(action = AuditAction.DELETE, entity = QUIZ)
  public void delete(@EntityId UUID id) {
    editable(id);
    tem.sql(
            "UPDATE quizzes SET deleted_at = now(), version = version + 1"
                + " WHERE tenant_id = ?1 AND id = CAST(?2 AS uuid)")
        .setParameter(2, id.toString())
        .executeUpdate();
  }

  /** Sets the quiz's questions, in order, with their points; 409 once it has attempts. */
  @Audited(action = AuditAction.UPDATE, entity = QUIZ)
  public QuizView setQuestions(@EntityId UUID id, QuizQuestionsRequest r) {
    editable(id);
    List<UUID> ids = r.questions().stream().map(QuizQuestionRequest::questionId).toList();
    if (new HashSet<>(ids).size() != ids.size()) {
      throw LecternException.invalid("questions", "a question appears once in a quiz");
    }
    if (!tem.sql(
            "SELECT 1 FROM quiz_attempts WHERE tenant_id = ?1 AND quiz_id = CAST(?2 AS uuid)"
                + " LIMIT 1")
        .setParameter(2, id.toString())
        .getResultList()
        .isEmpty()) {
      throw LecternException.conflict(
          "quiz.attempted", "Students have attempted this quiz; its questions stay as they are.");
    }
    List<QuestionView> found = bank.questions(ids);
    if (found.size() != ids.size()) {
      throw LecternException.invalid("questions", "names a question that is not in the bank");
    }
    if (found.stream().anyMatch(QuestionView::draft)) {
      throw LecternException.conflict(
          "question.draft",
          "A draft question (written by an AI job) goes into a quiz once a teacher has accepted"
              + " it: POST /api/questions/{id}/accept.");
    }
    tem.sql("DELETE FROM quiz_questions WHERE tenant_id = ?1 AND quiz_id = CAST(?2 AS uuid)")
        .setParameter(2, id.toString())
        .executeUpdate();
    List<Integer> positions = new ArrayList<>();
    for (int i = 1; i <= ids.size(); i++) {
      positions.add(i);
    }
    tem.sql(
            "INSERT INTO quiz_questions (tenant_id, quiz_id, question_id, position, points)"
                + " SELECT ?1, CAST(?2 AS uuid), x.q, x.p, x.pts FROM unnest(CAST(?3 AS uuid[]),"
                + " CAST(?4 AS int[]), CAST(?5 AS numeric[])) AS x (q, p, pts)")
        .setParameter(2, id.toString())
        .setParameter(3, Ids.sqlArray(ids))
        .setParameter(4, SqlValues.array(positions))
        .setParameter(
            5, SqlValues.array(r.questions().stream().map(QuizQuestionRequest::points).toList()))
        .executeUpdate();
    tem.sql(
            "UPDATE quizzes SET updated_at = now(), version = version + 1"
                + " WHERE tenant_id = ?1 AND id = CAST(?2 AS uuid)")
        .setParameter(2, id.toString())
        .executeUpdate();
    return view(find(id).orElseThrow(), true);
  }

  /**
   * Publishes a quiz for the lesson's students. A school may require approval ({@code
   * /api/approval-rules/quiz/publish}); by default the right to edit the lesson is enough.
   */
  @RequiresApproval(entity = QUIZ, action = "publish")
  @Audited(action = AuditAction.PUBLISH, entity = QUIZ)
  public QuizView publish(@EntityId UUID id) {
    Quiz q = editable(id);
    if (q.questionCount() == 0) {
      throw LecternException.conflict("quiz.empty", "Add questions before publishing the quiz.");
    }
    tem.sql(
            "UPDATE quizzes SET status = 'published', published_at = coalesce(published_at, now()),"
                + " approved_by = CAST(?3 AS uuid), updated_at = now(), version = version + 1"
                + " WHERE tenant_id = ?1 AND id = CAST(?2 AS uuid)")
        .setParameter(2, id.toString())
        .setParameter(3, context.caller().id().toString())
        .executeUpdate();
    return view(find(id).orElseThrow(), true);
  }

  // ---------------------------------------------------------------- for attempts and results

  /** The quiz if it exists and is not deleted; no access check. */
  Optional<Quiz> find(UUID id) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        tem.sql(
                SELECT
                    + " WHERE q.tenant_id = ?1 AND q.id = CAST(?2 AS uuid)"
                    + " AND q.deleted_at IS NULL")
            .setParameter(2, id.toString())
            .getResultList();
    return rows.stream().findFirst().map(Quizzes::quiz);
  }

  /** The quiz as the caller may see it: who may edit its lesson, or a reader of a published one. */
  Quiz visible(UUID id) {
    access.requireSchoolMember("Quizzes belong to a school's lessons.");
    Quiz q = find(id).orElseThrow(() -> LecternException.notFound(QUIZ));
    if (content.mayUpdateLesson(q.lessonId())) {
      return q;
    }
    if (q.published()
        && access.can(QUIZ, "attempt", q.attributes())
        && content.readableTitle("lesson", q.lessonId()).isPresent()) {
      return q;
    }
    throw LecternException.notFound(QUIZ);
  }

  /** The quiz for who may edit its lesson: 404 for who cannot see it, 403 for its students. */
  Quiz editable(UUID id) {
    Quiz q = visible(id);
    if (!content.mayUpdateLesson(q.lessonId())) {
      throw LecternException.forbidden("Only who may edit the lesson changes its quizzes.");
    }
    return q;
  }

  /** The quiz's questions in order with their points. */
  List<QuizItem> items(UUID quizId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        tem.sql(
                "SELECT question_id, position, points FROM quiz_questions"
                    + " WHERE tenant_id = ?1 AND quiz_id = CAST(?2 AS uuid) ORDER BY position")
            .setParameter(2, quizId.toString())
            .getResultList();
    List<UUID> ids = rows.stream().map(r -> (UUID) r[0]).toList();
    Map<UUID, QuestionView> byId = new HashMap<>();
    bank.questions(ids).forEach(q -> byId.put(q.id(), q));
    List<QuizItem> out = new ArrayList<>();
    for (Object[] r : rows) {
      out.add(new QuizItem(((Number) r[1]).intValue(), (BigDecimal) r[2], byId.get((UUID) r[0])));
    }
    return out;
  }

  private void requireLessonEditable(UUID lessonId) {
    if (!content.mayUpdateLesson(lessonId)) {
      if (content.readableTitle("lesson", lessonId).isPresent()) {
        throw LecternException.forbidden("Only who may edit the lesson adds quizzes to it.");
      }
      throw LecternException.notFound("lesson");
    }
  }

  private QuizView view(Quiz q, boolean withQuestions) {
    return new QuizView(
        q.id(),
        q.lessonId(),
        q.title(),
        q.description(),
        q.status(),
        q.timeLimitSeconds(),
        q.attemptsAllowed(),
        q.shuffleQuestions(),
        q.shuffleChoices(),
        q.showAnswers(),
        q.questionCount(),
        q.totalPoints(),
        q.publishedAt(),
        q.createdBy(),
        q.createdAt(),
        q.version(),
        withQuestions ? items(q.id()) : null);
  }

  private static final String SELECT =
      "SELECT q.id, q.lesson_id, q.title, q.description, q.status, q.time_limit_seconds,"
          + " q.attempts_allowed, q.shuffle_questions, q.shuffle_choices, q.show_answers,"
          + " q.published_at, q.created_by, q.created_at, q.version,"
          + " (SELECT count(*) FROM quiz_questions x WHERE x.tenant_id = q.tenant_id"
          + " AND x.quiz_id = q.id),"
          + " (SELECT coalesce(sum(points), 0) FROM quiz_questions x"
          + " WHERE x.tenant_id = q.tenant_id AND x.quiz_id = q.id)"
          + " FROM quizzes q";

  private static Quiz quiz(Object[] r) {
    return new Quiz(
        (UUID) r[0],
        (UUID) r[1],
        (String) r[2],
        (String) r[3],
        (String) r[4],
        r[5] == null ? null : ((Number) r[5]).intValue(),
        r[6] == null ? null : ((Number) r[6]).intValue(),
        (Boolean) r[7],
        (Boolean) r[8],
        (String) r[9],
        SqlValues.instant(r[10]),
        (UUID) r[11],
        SqlValues.instant(r[12]),
        ((Number) r[13]).longValue(),
        ((Number) r[14]).intValue(),
        (BigDecimal) r[15]);
  }
}
