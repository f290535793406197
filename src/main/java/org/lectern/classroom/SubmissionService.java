package org.lectern.classroom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.lectern.access.AccessControl;
import org.lectern.access.condition.SqlColumn;
import org.lectern.access.condition.SqlPredicate;
import org.lectern.audit.AuditAction;
import org.lectern.audit.Audited;
import org.lectern.classroom.AssignmentDtos.ReturnRequest;
import org.lectern.classroom.AssignmentDtos.SubmissionView;
import org.lectern.classroom.AssignmentDtos.TurnInRequest;
import org.lectern.classroom.SubmissionState.Action;
import org.lectern.context.RequestContext;
import org.lectern.platform.EntityId;
import org.lectern.platform.JsonbSettings;
import org.lectern.platform.LecternException;
import org.lectern.platform.Page;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Submissions and their transitions. Each transition locks the submission's row before it reads the
 * state, so concurrent transitions queue up: the first one wins, and the others find the state it
 * left and are refused (409 {@code submission.invalid-transition}) unless their action is still
 * allowed from there. Every transition is audited.
 *
 * <p>Students see and work on their own submissions in their active classrooms; the classroom's
 * teachers see all of them and return, reopen and excuse. Nothing moves in an archived classroom.
 */
@ApplicationScoped
@Transactional
public class SubmissionService {

  static final String SUBMISSION = Submission.RESOURCE;

  @Inject TenantEntityManager tem;
  @Inject AccessControl access;
  @Inject RequestContext current;
  @Inject AssignmentService assignments;

  /**
   * The assignment's submissions the caller may see: all for its teachers, their own for a student.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<SubmissionView> list(
      UUID assignmentId, SubmissionState state, String cursor, int limit) {
    assignments.visible(assignmentId);
    SqlPredicate visible = access.readFilter(SUBMISSION, SubmissionService::column);
    boolean compiled = !(visible instanceof SqlPredicate.Uncompilable);
    Keyset.Rows rows =
        Keyset.rows(
            tem,
            () -> {
              Keyset.Query q =
                  new Keyset.Query(
                          "SELECT t.id, t.created_at, t.assignment_id, t.classroom_id,"
                              + " t.student_id, t.state, t.late, t.text, t.attachments::text,"
                              + " t.grade, t.feedback, t.turned_in_at, t.returned_at,"
                              + " t.updated_at, t.version FROM submissions t"
                              + " WHERE t.tenant_id = ?1")
                      .and("t.assignment_id = ?", assignmentId);
              if (state != null) {
                q.and("t.state = ?", state.name());
              }
              return compiled ? q.and(visible) : q;
            },
            compiled,
            r -> access.can(SUBMISSION, "read", attributes(r)),
            cursor,
            limit,
            false);
    return Keyset.page(rows, limit, this::load);
  }

  static Optional<SqlColumn> column(String attribute) {
    return switch (attribute) {
      case "id" -> Optional.of(SqlColumn.required("t.id", SqlColumn.Kind.UUID));
      case "assignmentId" ->
          Optional.of(SqlColumn.required("t.assignment_id", SqlColumn.Kind.UUID));
      case "classroomId" -> Optional.of(SqlColumn.required("t.classroom_id", SqlColumn.Kind.UUID));
      case "studentId" -> Optional.of(SqlColumn.required("t.student_id", SqlColumn.Kind.UUID));
      case "state" -> Optional.of(SqlColumn.required("t.state", SqlColumn.Kind.TEXT));
      case "late" -> Optional.of(SqlColumn.required("t.late", SqlColumn.Kind.BOOLEAN));
      default -> Optional.empty();
    };
  }

  private static Map<String, Object> attributes(Object[] r) {
    Map<String, Object> a = new HashMap<>();
    a.put("id", r[0].toString());
    a.put("assignmentId", r[2].toString());
    a.put("classroomId", r[3].toString());
    a.put("studentId", r[4].toString());
    a.put("state", r[5]);
    a.put("late", r[6]);
    return a;
  }

  /** The rows of a page as views: read in the page's own statement, no second query. */
  private List<SubmissionView> load(List<Object[]> rows) {
    return rows.stream()
        .map(
            r ->
                new SubmissionView(
                    (UUID) r[0],
                    (UUID) r[2],
                    (UUID) r[3],
                    (UUID) r[4],
                    SubmissionState.valueOf((String) r[5]),
                    (Boolean) r[6],
                    (String) r[7],
                    List.of(JsonbSettings.jsonb().fromJson((String) r[8], Attachment[].class)),
                    (BigDecimal) r[9],
                    (String) r[10],
                    Keyset.instant(r[11]),
                    Keyset.instant(r[12]),
                    Keyset.instant(r[13]),
                    ((Number) r[14]).longValue()))
        .toList();
  }

  /** The caller's own submission for an assignment; 404 if they have none. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public SubmissionView mine(UUID assignmentId) {
    assignments.visible(assignmentId);
    List<Submission> found =
        tem.get()
            .createQuery(
                "SELECT s FROM Submission s WHERE s.assignmentId = :a AND s.studentId = :me",
                Submission.class)
            .setParameter("a", assignmentId)
            .setParameter("me", current.caller().id())
            .getResultList();
    if (found.isEmpty() || !access.can(SUBMISSION, "read", found.get(0).attributes())) {
      throw LecternException.notFound(SUBMISSION);
    }
    return SubmissionView.of(found.get(0));
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public SubmissionView get(UUID id) {
    Submission s = tem.get().find(Submission.class, id);
    if (s == null) {
      throw LecternException.notFound(SUBMISSION);
    }
    access.requireVisible(SUBMISSION, s.attributes());
    Assignment a = tem.get().find(Assignment.class, s.assignmentId());
    Classroom c = tem.get().find(Classroom.class, s.classroomId());
    if (a == null || a.isDeleted() || c == null || c.isDeleted()) {
      throw LecternException.notFound(SUBMISSION);
    }
    return SubmissionView.of(s);
  }

  // ---- transitions

  @Audited(action = AuditAction.START, entity = SUBMISSION)
  public SubmissionView start(@EntityId UUID id) {
    Submission s = locked(id, Action.START);
    requireOpen(assignmentOf(s));
    s.start();
    return saved(s);
  }

  @Audited(action = AuditAction.TURN_IN, entity = SUBMISSION)
  public SubmissionView turnIn(@EntityId UUID id, TurnInRequest r) {
    Submission s = locked(id, Action.TURN_IN);
    Assignment a = assignmentOf(s);
    requireOpen(a);
    Instant now = Instant.now();
    s.turnIn(r.text(), r.attachments(), now, a.isLate(now));
    return saved(s);
  }

  @Audited(action = AuditAction.RETURN, entity = SUBMISSION)
  public SubmissionView giveBack(@EntityId UUID id, ReturnRequest r) {
    Submission s = locked(id, Action.RETURN);
    Assignment a = assignmentOf(s);
    BigDecimal grade = r.grade();
    if (grade != null && a.points() == null) {
      throw LecternException.invalid("grade", "this assignment has no points to grade against");
    }
    if (grade != null && grade.compareTo(BigDecimal.valueOf(a.points())) > 0) {
      throw LecternException.invalid("grade", "must be at most " + a.points());
    }
    s.giveBack(grade, r.feedback());
    return saved(s);
  }

  @Audited(action = AuditAction.REOPEN, entity = SUBMISSION)
  public SubmissionView reopen(@EntityId UUID id) {
    Submission s = locked(id, Action.REOPEN);
    assignmentOf(s);
    s.reopen();
    return saved(s);
  }

  @Audited(action = AuditAction.EXCUSE, entity = SUBMISSION)
  public SubmissionView excuse(@EntityId UUID id) {
    Submission s = locked(id, Action.EXCUSE);
    assignmentOf(s);
    s.excuse();
    return saved(s);
  }

  /**
   * Turns in the caller's submissions of the published assignments that ask for this material (a
   * submitted quiz attempt turns in the quiz's assignments), with {@code text} as the work. Those
   * not open yet, or past turning in, stay as they are. Answers how many were turned in.
   */
  @Audited(action = AuditAction.TURN_IN, entity = SUBMISSION)
  public int turnInWork(String targetType, UUID targetId, String text) {
    @SuppressWarnings("unchecked")
    List<UUID> ids =
        tem.sql(
                "SELECT s.id FROM submissions s JOIN assignments a"
                    + " ON a.tenant_id = s.tenant_id AND a.id = s.assignment_id"
                    + " WHERE s.tenant_id = ?1 AND s.student_id = ?2 AND a.target_type = ?3"
                    + " AND a.target_id = ?4 AND a.status = 'published' AND a.deleted_at IS NULL"
                    + " AND s.state IN ('assigned', 'in_progress')")
            .setParameter(2, current.caller().id())
            .setParameter(3, targetType)
            .setParameter(4, targetId)
            .getResultList();
    int moved = 0;
    Instant now = Instant.now();
    for (UUID id : ids) {
      Submission s = tem.get().find(Submission.class, id);
      tem.get().refresh(s, LockModeType.PESSIMISTIC_WRITE);
      Assignment a = tem.get().find(Assignment.class, s.assignmentId());
      Classroom c = tem.get().find(Classroom.class, s.classroomId());
      if (c == null
          || c.isDeleted()
          || c.isArchived()
          || !a.isOpen(now)
          || s.state().after(Action.TURN_IN).isEmpty()
          || !access.can(SUBMISSION, Action.TURN_IN.wire(), s.attributes())) {
        continue;
      }
      s.turnIn(text, null, now, a.isLate(now));
      moved++;
    }
    tem.get().flush();
    return moved;
  }

  /**
   * The submission, read again under a row lock held until the transaction ends (so its state is
   * the last committed one), if the caller may see it (else 404) and do {@code action} (else 403).
   */
  private Submission locked(UUID id, Action action) {
    Submission s = tem.get().find(Submission.class, id);
    if (s == null) {
      throw LecternException.notFound(SUBMISSION);
    }
    tem.get().refresh(s, LockModeType.PESSIMISTIC_WRITE);
    access.requireVisible(SUBMISSION, s.attributes());
    access.require(SUBMISSION, action.wire(), s.attributes());
    return s;
  }

  /** The submission's assignment, which must still exist, in an active classroom (409). */
  private Assignment assignmentOf(Submission s) {
    Assignment a = tem.get().find(Assignment.class, s.assignmentId());
    Classroom c = tem.get().find(Classroom.class, s.classroomId());
    if (a == null || a.isDeleted() || c == null || c.isDeleted()) {
      throw LecternException.notFound(SUBMISSION);
    }
    Classrooms.requireActive(c);
    return a;
  }

  private static void requireOpen(Assignment a) {
    if (!a.isOpen(Instant.now())) {
      throw LecternException.conflict(
          "assignment.not-open", "This assignment opens at " + a.opensAt() + ".");
    }
  }

  private SubmissionView saved(Submission s) {
    tem.get().flush();
    return SubmissionView.of(s);
  }
}
