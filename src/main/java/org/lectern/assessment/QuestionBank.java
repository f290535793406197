package org.lectern.assessment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lectern.access.AccessControl;
import org.lectern.assessment.AssessmentDtos.DraftExercise;
import org.lectern.assessment.AssessmentDtos.DraftQuestion;
import org.lectern.assessment.AssessmentDtos.ExercisePatch;
import org.lectern.assessment.AssessmentDtos.ExerciseRequest;
import org.lectern.assessment.AssessmentDtos.ExerciseView;
import org.lectern.assessment.AssessmentDtos.QuestionRequest;
import org.lectern.assessment.AssessmentDtos.QuestionView;
import org.lectern.audit.AuditAction;
import org.lectern.audit.Audited;
import org.lectern.context.RequestContext;
import org.lectern.platform.Cursors;
import org.lectern.platform.EntityId;
import org.lectern.platform.Ids;
import org.lectern.platform.LecternException;
import org.lectern.platform.Page;
import org.lectern.platform.SqlValues;
import org.lectern.tenancy.TenantEntityManager;

/**
 * The school's question bank: exercises and their questions, answer keys included, so only staff
 * read it ({@code exercise:read}; teachers by default). Whoever holds {@code exercise:create} adds
 * to it; an exercise is changed by its author or whoever holds {@code exercise:update}.
 */
@ApplicationScoped
@Transactional
public class QuestionBank {

  static final String EXERCISE = "exercise";
  static final String QUESTION = "question";

  @Inject TenantEntityManager tem;
  @Inject AccessControl access;
  @Inject RequestContext context;

  // ---------------------------------------------------------------- exercises

  @Audited(action = AuditAction.CREATE, entity = EXERCISE)
  public ExerciseView createExercise(ExerciseRequest r) {
    access.requireSchoolMember("The question bank belongs to a school.");
    access.require(EXERCISE, "create");
    UUID id = Ids.newId();
    tem.sql(
            "INSERT INTO exercises (tenant_id, id, title, description, created_by)"
                + " VALUES (?1, CAST(?2 AS uuid), ?3, ?4, CAST(?5 AS uuid))")
        .setParameter(2, id.toString())
        .setParameter(3, r.title().strip())
        .setParameter(4, r.description())
        .setParameter(5, context.caller().id().toString())
        .executeUpdate();
    return exercise(id);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<ExerciseView> exercises(String cursor, int limit) {
    readBank();
    Object[] after =
        cursor == null ? null : Cursors.decode(cursor, k -> new Object[] {k.instant(), k.uuid()});
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        (after == null
                ? tem.sql(
                    EXERCISE_SELECT
                        + " WHERE tenant_id = ?1 AND deleted_at IS NULL"
                        + " ORDER BY created_at DESC, id DESC LIMIT "
                        + (limit + 1))
                : tem.sql(
                        EXERCISE_SELECT
                            + " WHERE tenant_id = ?1 AND deleted_at IS NULL"
                            + " AND (created_at, id) < (CAST(?2 AS timestamptz), CAST(?3 AS uuid))"
                            + " ORDER BY created_at DESC, id DESC LIMIT "
                            + (limit + 1))
                    .setParameter(2, after[0].toString())
                    .setParameter(3, after[1].toString()))
            .getResultList();
    List<ExerciseView> items = new ArrayList<>();
    for (Object[] r : rows.subList(0, Math.min(limit, rows.size()))) {
      items.add(exerciseView(r, null));
    }
    String next =
        rows.size() > limit
            ? Cursors.encode(
                items.get(items.size() - 1).createdAt(), items.get(items.size() - 1).id())
            : null;
    return new Page<>(items, next);
  }

  /** An exercise with its questions and their keys. Two statements. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public ExerciseView exercise(UUID id) {
    readBank();
    return exerciseView(exerciseRow(id), questionsOf(id));
  }

  @Audited(action = AuditAction.UPDATE, entity = EXERCISE)
  public ExerciseView updateExercise(@EntityId UUID id, ExercisePatch p) {
    requireEditable(exerciseRow(id));
    tem.sql(
            "UPDATE exercises SET title = coalesce(?3, title),"
                + " description = coalesce(?4, description), updated_at = now(),"
                + " version = version + 1 WHERE tenant_id = ?1 AND id = CAST(?2 AS uuid)")
        .setParameter(2, id.toString())
        .setParameter(3, p.title() == null ? null : p.title().strip())
        .setParameter(4, p.description())
        .executeUpdate();
    return exercise(id);
  }

  /** Soft-deletes an exercise; its questions stay in the quizzes that use them. */
  @Audited(action = AuditAction.DELETE, entity = EXERCISE)
  public void deleteExercise(@EntityId UUID id) {
    requireEditable(exerciseRow(id));
    tem.sql(
            "UPDATE exercises SET deleted_at = now(), version = version + 1"
                + " WHERE tenant_id = ?1 AND id = CAST(?2 AS uuid)")
        .setParameter(2, id.toString())
        .executeUpdate();
  }

  // ---------------------------------------------------------------- questions

  @Audited(action = AuditAction.CREATE, entity = QUESTION)
  public QuestionView createQuestion(QuestionRequest r) {
    if (r.exerciseId() == null) {
      throw LecternException.invalid("exerciseId", "must name the exercise the question is in");
    }
    requireEditable(exerciseRow(r.exerciseId()));
    QuestionSpecs.Spec spec = QuestionSpecs.of(r);
    UUID id = Ids.newId();
    tem.sql(
            "INSERT INTO questions (tenant_id, id, exercise_id, position, stem, type, content,"
                + " answer_key, created_by) SELECT ?1, CAST(?2 AS uuid), CAST(?3 AS uuid),"
                + " coalesce(max(position), 0) + 1, ?4, ?5, CAST(?6 AS jsonb), CAST(?7 AS jsonb),"
                + " CAST(?8 AS uuid) FROM questions"
                + " WHERE tenant_id = ?1 AND exercise_id = CAST(?3 AS uuid)")
        .setParameter(2, id.toString())
        .setParameter(3, r.exerciseId().toString())
        .setParameter(4, r.stem().strip())
        .setParameter(5, r.type())
        .setParameter(6, spec.content().toString())
        .setParameter(7, spec.key().toString())
        .setParameter(8, context.caller().id().toString())
        .executeUpdate();
    writeChoices(id, spec);
    return question(id);
  }

  /**
   * A new exercise titled {@code title} holding these questions as short-answer drafts, each
   * accepting its {@code answer}: what an AI job made of a story. Needs {@code exercise:create}.
   * Drafts stay out of quizzes until {@link #acceptQuestion accepted}.
   */
  @Audited(action = AuditAction.CREATE, entity = EXERCISE)
  public DraftExercise createDraftExercise(
      String title, String description, List<DraftQuestion> drafts) {
    access.requireSchoolMember("The question bank belongs to a school.");
    access.require(EXERCISE, "create");
    UUID exerciseId = Ids.newId();
    tem.sql(
            "INSERT INTO exercises (tenant_id, id, title, description, created_by)"
                + " VALUES (?1, CAST(?2 AS uuid), ?3, ?4, CAST(?5 AS uuid))")
        .setParameter(2, exerciseId.toString())
        .setParameter(3, title.length() > 255 ? title.substring(0, 255) : title)
        .setParameter(4, description)
        .setParameter(5, context.caller().id().toString())
        .executeUpdate();
    List<UUID> ids = new ArrayList<>();
    List<String> stems = new ArrayList<>();
    List<String> contents = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (DraftQuestion d : drafts) {
      QuestionSpecs.Spec spec =
          QuestionSpecs.of(
              new QuestionRequest(
                  exerciseId,
                  "short_answer",
                  d.stem(),
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  List.of(d.answer()),
                  null));
      ids.add(Ids.newId());
      stems.add(d.stem());
      contents.add(spec.content().toString());
      keys.add(spec.key().toString());
    }
    tem.sql(
            "INSERT INTO questions (tenant_id, id, exercise_id, position, stem, type, content,"
                + " answer_key, created_by, draft) SELECT ?1, x.id, CAST(?2 AS uuid), x.n,"
                + " x.stem, 'short_answer', CAST(x.content AS jsonb), CAST(x.key AS jsonb),"
                + " CAST(?3 AS uuid), true FROM unnest(CAST(?4 AS uuid[]), CAST(?5 AS text[]),"
                + " CAST(?6 AS text[]), CAST(?7 AS text[])) WITH ORDINALITY"
                + " AS x (id, stem, content, key, n)")
        .setParameter(2, exerciseId.toString())
        .setParameter(3, context.caller().id().toString())
        .setParameter(4, Ids.sqlArray(ids))
        .setParameter(5, SqlValues.quotedArray(stems))
        .setParameter(6, SqlValues.quotedArray(contents))
        .setParameter(7, SqlValues.quotedArray(keys))
        .executeUpdate();
    return new DraftExercise(exerciseId, ids);
  }

  /** A draft question becomes a question quizzes may use: for who may edit its exercise. */
  @Audited(action = AuditAction.UPDATE, entity = QUESTION)
  public QuestionView acceptQuestion(@EntityId UUID id) {
    QuestionView q = question(id);
    requireEditable(exerciseRow(q.exerciseId()));
    if (q.draft()) {
      tem.sql(
              "UPDATE questions SET draft = false, updated_at = now(), version = version + 1"
                  + " WHERE tenant_id = ?1 AND id = CAST(?2 AS uuid)")
          .setParameter(2, id.toString())
          .executeUpdate();
    }
    return question(id);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public QuestionView question(UUID id) {
    readBank();
    List<QuestionView> found = questions(List.of(id));
    if (found.isEmpty()) {
      throw LecternException.notFound(QUESTION);
    }
    return found.get(0);
  }

  /**
   * The bank's questions, optionally of one exercise or type; a deleted exercise's questions are no
   * longer in the bank (quizzes that use them keep them).
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<QuestionView> listQuestions(UUID exerciseId, String type, String cursor, int limit) {
    readBank();
    UUID after = cursor == null ? null : Cursors.decode(cursor, k -> k.uuid());
    StringBuilder sql =
        new StringBuilder(
            QUESTION_SELECT
                + " WHERE q.tenant_id = ?1 AND NOT EXISTS (SELECT 1 FROM exercises e"
                + " WHERE e.tenant_id = q.tenant_id AND e.id = q.exercise_id"
                + " AND e.deleted_at IS NOT NULL)");
    List<Object> params = new ArrayList<>();
    if (exerciseId != null) {
      params.add(exerciseId.toString());
      sql.append(" AND q.exercise_id = CAST(?").append(params.size() + 1).append(" AS uuid)");
    }
    if (type != null) {
      params.add(type);
      sql.append(" AND q.type = ?").append(params.size() + 1);
    }
    if (after != null) {
      params.add(after.toString());
      sql.append(" AND q.id > CAST(?").append(params.size() + 1).append(" AS uuid)");
    }
    sql.append(" ORDER BY q.id LIMIT ").append(limit + 1);
    jakarta.persistence.Query q = tem.sql(sql.toString());
    for (int i = 0; i < params.size(); i++) {
      q.setParameter(i + 2, params.get(i));
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = q.getResultList();
    List<QuestionView> items = new ArrayList<>();
    for (Object[] r : rows.subList(0, Math.min(limit, rows.size()))) {
      items.add(questionView(r));
    }
    String next = rows.size() > limit ? Cursors.encode(items.get(items.size() - 1).id()) : null;
    return new Page<>(items, next);
  }

  /** Replaces a question (its type may change); 409 once a quiz that uses it has attempts. */
  @Audited(action = AuditAction.UPDATE, entity = QUESTION)
  public QuestionView replaceQuestion(@EntityId UUID id, QuestionRequest r) {
    QuestionView q = question(id);
    requireEditable(exerciseRow(q.exerciseId()));
    if (r.exerciseId() != null && !r.exerciseId().equals(q.exerciseId())) {
      throw LecternException.invalid("exerciseId", "a question stays in its exercise");
    }
    if (attempted(id)) {
      throw LecternException.conflict(
          "question.attempted",
          "Students have answered this question in a quiz; add a new question instead.");
    }
    QuestionSpecs.Spec spec = QuestionSpecs.of(r);
    tem.sql(
            "UPDATE questions SET stem = ?3, type = ?4, content = CAST(?5 AS jsonb),"
                + " answer_key = CAST(?6 AS jsonb), updated_at = now(), version = version + 1"
                + " WHERE tenant_id = ?1 AND id = CAST(?2 AS uuid)")
        .setParameter(2, id.toString())
        .setParameter(3, r.stem().strip())
        .setParameter(4, r.type())
        .setParameter(5, spec.content().toString())
        .setParameter(6, spec.key().toString())
        .executeUpdate();
    tem.sql("DELETE FROM choices WHERE tenant_id = ?1 AND question_id = CAST(?2 AS uuid)")
        .setParameter(2, id.toString())
        .executeUpdate();
    writeChoices(id, spec);
    return question(id);
  }

  /** Deletes a question; 409 while a quiz uses it. */
  @Audited(action = AuditAction.DELETE, entity = QUESTION)
  public void deleteQuestion(@EntityId UUID id) {
    QuestionView q = question(id);
    requireEditable(exerciseRow(q.exerciseId()));
    boolean inQuiz =
        !tem.sql(
                "SELECT 1 FROM quiz_questions WHERE tenant_id = ?1"
                    + " AND question_id = CAST(?2 AS uuid) LIMIT 1")
            .setParameter(2, id.toString())
            .getResultList()
            .isEmpty();
    if (inQuiz) {
      throw LecternException.conflict(
          "question.in-quiz", "A quiz uses this question; take it out of the quiz first.");
    }
    tem.sql("DELETE FROM questions WHERE tenant_id = ?1 AND id = CAST(?2 AS uuid)")
        .setParameter(2, id.toString())
        .executeUpdate();
  }

  // ---------------------------------------------------------------- for quizzes and attempts

  /** These questions with their keys, in the order asked for (absent ones left out). */
  List<QuestionView> questions(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        tem.sql(QUESTION_SELECT + " WHERE q.tenant_id = ?1 AND q.id = ANY (CAST(?2 AS uuid[]))")
            .setParameter(2, Ids.sqlArray(ids))
            .getResultList();
    Map<UUID, QuestionView> byId = new HashMap<>();
    rows.forEach(r -> byId.put((UUID) r[0], questionView(r)));
    List<QuestionView> out = new ArrayList<>();
    for (UUID id : ids) {
      if (byId.containsKey(id)) {
        out.add(byId.get(id));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- helpers

  private static final String EXERCISE_SELECT =
      "SELECT id, title, description, kind, story_id, story_version, created_by, created_at"
          + " FROM exercises";

  private static final String QUESTION_SELECT =
      "SELECT q.id, q.exercise_id, q.position, q.type, q.stem, CAST(q.content AS text),"
          + " CAST(q.answer_key AS text), q.version, q.draft FROM questions q";

  private Object[] exerciseRow(UUID id) {
    readBank();
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        tem.sql(
                EXERCISE_SELECT
                    + " WHERE tenant_id = ?1 AND id = CAST(?2 AS uuid)"
                    + " AND deleted_at IS NULL")
            .setParameter(2, id.toString())
            .getResultList();
    if (rows.isEmpty()) {
      throw LecternException.notFound(EXERCISE);
    }
    return rows.get(0);
  }

  private List<QuestionView> questionsOf(UUID exerciseId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        tem.sql(
                QUESTION_SELECT
                    + " WHERE q.tenant_id = ?1 AND q.exercise_id = CAST(?2 AS uuid)"
                    + " ORDER BY q.position")
            .setParameter(2, exerciseId.toString())
            .getResultList();
    return rows.stream().map(QuestionBank::questionView).toList();
  }

  private boolean attempted(UUID questionId) {
    return !tem.sql(
            "SELECT 1 FROM attempt_answers WHERE tenant_id = ?1 AND question_id = CAST(?2 AS uuid)"
                + " LIMIT 1")
        .setParameter(2, questionId.toString())
        .getResultList()
        .isEmpty();
  }

  private void writeChoices(UUID questionId, QuestionSpecs.Spec spec) {
    if (spec.choices().isEmpty()) {
      return;
    }
    List<UUID> ids = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    List<Boolean> correct = new ArrayList<>();
    for (QuestionSpecs.Choice c : spec.choices()) {
      ids.add(c.id());
      positions.add(c.position());
      texts.add(c.text());
      correct.add(c.correct());
    }
    tem.sql(
            "INSERT INTO choices (tenant_id, id, question_id, position, text, is_correct)"
                + " SELECT ?1, c.id, CAST(?2 AS uuid), c.position, c.text, c.correct"
                + " FROM unnest(CAST(?3 AS uuid[]), CAST(?4 AS int[]), CAST(?5 AS text[]),"
                + " CAST(?6 AS boolean[])) AS c (id, position, text, correct)")
        .setParameter(2, questionId.toString())
        .setParameter(3, Ids.sqlArray(ids))
        .setParameter(4, SqlValues.array(positions))
        .setParameter(5, SqlValues.quotedArray(texts))
        .setParameter(6, SqlValues.array(correct))
        .executeUpdate();
  }

  private void readBank() {
    access.requireSchoolMember("The question bank belongs to a school.");
    access.require(EXERCISE, "read");
  }

  private void requireEditable(Object[] exercise) {
    UUID author = (UUID) exercise[6];
    if (!author.equals(context.caller().id())) {
      access.require(EXERCISE, "update");
    }
  }

  private static ExerciseView exerciseView(Object[] r, List<QuestionView> questions) {
    return new ExerciseView(
        (UUID) r[0],
        (String) r[1],
        (String) r[2],
        (String) r[3],
        (UUID) r[4],
        r[5] == null ? null : ((Number) r[5]).intValue(),
        (UUID) r[6],
        SqlValues.instant(r[7]),
        questions);
  }

  static QuestionView questionView(Object[] r) {
    return new QuestionView(
        (UUID) r[0],
        (UUID) r[1],
        ((Number) r[2]).intValue(),
        (String) r[3],
        (String) r[4],
        json((String) r[5]),
        json((String) r[6]),
        ((Number) r[7]).longValue(),
        (Boolean) r[8]);
  }

  static JsonObject json(String text) {
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }
}
