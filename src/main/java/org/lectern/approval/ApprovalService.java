package org.lectern.approval;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.lectern.access.AccessControl;
import org.lectern.approval.ApprovalDtos.ApprovalView;
import org.lectern.approval.ApprovalDtos.RuleView;
import org.lectern.approval.ApprovalSubject.Target;
import org.lectern.audit.AuditAction;
import org.lectern.audit.AuditNotes;
import org.lectern.audit.Audited;
import org.lectern.context.RequestContext;
import org.lectern.platform.Cursor;
import org.lectern.platform.EntityId;
import org.lectern.platform.Jsons;
import org.lectern.platform.LecternException;
import org.lectern.platform.Page;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Approvals: requesting (through {@link ApprovalInterceptor}), deciding, and the tenant's rules of
 * which acts need them. A decision is taken under a row lock on the approval, so of two approvers
 * racing on one request exactly one wins, and the approved act runs exactly once, in the decision's
 * transaction: if it fails, the approval stays pending.
 */
@ApplicationScoped
@Transactional
public class ApprovalService {

  /** Filters of the approval list; null means any. */
  public record Filter(Approval.Status status, String entityType, UUID entityId) {}

  @Inject TenantEntityManager tem;
  @Inject AccessControl access;
  @Inject RequestContext current;
  @Inject ApprovableActs acts;
  @Inject ApprovalExecution execution;
  @Inject AuditNotes notes;
  @Inject @Any Instance<ApprovalSubject> subjects;

  /** Whether the tenant's rules put this act under approval. */
  public boolean required(ApprovableAct<?> act) {
    return rule(act).orElse(act.byDefault());
  }

  /** The entity as the caller may see it; 404 otherwise. */
  Target target(String entityType, UUID id) {
    return subject(entityType).target(id).orElseThrow(() -> LecternException.notFound(entityType));
  }

  /**
   * Whether the caller may do the act without asking: when they could approve such a request
   * themselves, that is, hold {@code approve} on it and are not its author.
   */
  boolean mayActAlone(String entityType, Target target) {
    return !current.caller().id().equals(target.author())
        && access.can(entityType, "approve", target.attributes());
  }

  /**
   * Records a pending request, in a transaction of its own (the call it stands for is not carried
   * out, and its transaction rolls back): the act's name, its payload record for the entity, and
   * the entity's version. An older pending request for the same act is superseded.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  @Audited(action = AuditAction.REQUEST_APPROVAL, entity = "approval")
  public ApprovalView request(ApprovableAct<?> act, UUID entityId, long entityVersion) {
    String entityType = act.entityType();
    String action = act.action();
    access.requireSchoolMember(
        "Requests for approval come from a school's own people, not platform accounts.");
    tem.get()
        .createQuery(
            "SELECT a FROM Approval a WHERE a.entityType = :t AND a.entityId = :e"
                + " AND a.action = :a AND a.status = :pending",
            Approval.class)
        .setParameter("t", entityType)
        .setParameter("e", entityId)
        .setParameter("a", action)
        .setParameter("pending", Approval.Status.pending)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList()
        .forEach(Approval::supersede);
    tem.get().flush();
    Approval approval =
        new Approval(
            entityType,
            entityId,
            action,
            ApprovalPayloads.write(act.payload(entityId)),
            entityVersion,
            current.caller().id(),
            null);
    tem.get().persist(approval);
    tem.get().flush();
    return view(approval);
  }

  /** Newest first: the caller's own requests and those they may decide. */
  public Page<ApprovalView> list(Filter f, String cursor, int limit) {
    List<String> decidable =
        acts.all().stream()
            .map(ApprovableAct::entityType)
            .distinct()
            .filter(t -> access.can(t, "approve", Map.of()))
            .toList();
    StringBuilder jpql = new StringBuilder("SELECT a FROM Approval a WHERE (a.requestedBy = :me");
    if (!decidable.isEmpty()) {
      jpql.append(" OR a.entityType IN :decidable");
    }
    jpql.append(")");
    if (f.status() != null) {
      jpql.append(" AND a.status = :status");
    }
    if (f.entityType() != null) {
      jpql.append(" AND a.entityType = :type");
    }
    if (f.entityId() != null) {
      jpql.append(" AND a.entityId = :entity");
    }
    Cursor after = cursor == null ? null : Cursor.decode(cursor);
    if (after != null) {
      jpql.append(" AND (a.createdAt < :at OR (a.createdAt = :at AND a.id < :id))");
    }
    jpql.append(" ORDER BY a.createdAt DESC, a.id DESC");
    TypedQuery<Approval> q = tem.get().createQuery(jpql.toString(), Approval.class);
    q.setParameter("me", current.caller().id());
    if (!decidable.isEmpty()) {
      q.setParameter("decidable", decidable);
    }
    if (f.status() != null) {
      q.setParameter("status", f.status());
    }
    if (f.entityType() != null) {
      q.setParameter("type", f.entityType());
    }
    if (f.entityId() != null) {
      q.setParameter("entity", f.entityId());
    }
    if (after != null) {
      q.setParameter("at", after.createdAt()).setParameter("id", after.id());
    }
    return Page.of(
        q.setMaxResults(limit + 1).getResultList(),
        limit,
        a -> new Cursor(a.createdAt(), a.id()),
        page -> page.stream().map(ApprovalService::view).toList());
  }

  public ApprovalView get(UUID id) {
    return view(visible(id));
  }

  /**
   * Approves and carries out the act, as the approver, recorded as done for the requester. Refused
   * when the approver asked for it or wrote the entity (403), when it is decided already or the
   * entity changed since the request (409).
   */
  @Audited(action = AuditAction.APPROVE, entity = "approval")
  public ApprovalView approve(@EntityId UUID id, String comment) {
    Approval approval = decidable(id);
    Target target =
        subject(approval.entityType())
            .target(approval.entityId())
            .orElseThrow(
                () ->
                    LecternException.conflict(
                        "approval.stale",
                        "The " + approval.entityType() + " of this request no longer exists."));
    checkDecider(approval, target);
    if (target.version() != approval.entityVersion()) {
      throw LecternException.conflict(
          "approval.stale",
          "The "
              + approval.entityType()
              + " changed after this request was made (version "
              + approval.entityVersion()
              + " then, "
              + target.version()
              + " now); it needs a new request.");
    }
    approval.approve(current.caller().id(), comment);
    tem.get().flush();
    carryOut(approval);
    return view(approval);
  }

  @Audited(action = AuditAction.REJECT, entity = "approval")
  public ApprovalView reject(@EntityId UUID id, String reason) {
    Approval approval = decidable(id);
    subject(approval.entityType())
        .target(approval.entityId())
        .ifPresent(target -> checkDecider(approval, target));
    approval.reject(current.caller().id(), reason.strip());
    tem.get().flush();
    return view(approval);
  }

  /** Withdraws a pending request; only its requester may. */
  @Audited(action = AuditAction.CANCEL, entity = "approval")
  public ApprovalView cancel(@EntityId UUID id) {
    Approval approval = lock(visible(id));
    if (!approval.requestedBy().equals(current.caller().id())) {
      throw new LecternException(
          403, "approval.not-requester", "Only the requester may cancel a request.");
    }
    approval.cancel();
    tem.get().flush();
    return view(approval);
  }

  /** Every act that can need approval, and whether it does in this tenant. */
  public List<RuleView> rules() {
    List<RuleView> out = new ArrayList<>();
    for (ApprovableAct<?> act : acts.all()) {
      var chosen = rule(act);
      out.add(
          new RuleView(
              act.entityType(),
              act.action(),
              chosen.orElse(act.byDefault()),
              act.byDefault(),
              chosen.isEmpty()));
    }
    return out;
  }

  /** Turns approval for an act on or off in this tenant. */
  @Audited(action = AuditAction.POLICY_CHANGED, entity = "approval-rule")
  public RuleView setRule(String entityType, String action, boolean required) {
    access.require("approval", "manage");
    ApprovableAct<?> act = act(entityType, action);
    boolean before = rule(act).orElse(act.byDefault());
    writeRule(act, required, true);
    notes.values(ruleState(act, before), ruleState(act, required));
    return new RuleView(entityType, action, required, act.byDefault(), false);
  }

  /** Whether the tenant has chosen for this act ({@code entity:action}); manifests ask first. */
  public boolean hasRule(String key) {
    return rule(act(key)).isPresent();
  }

  /** A manifest's choice for an act the tenant has not chosen for yet. */
  @Audited(action = AuditAction.POLICY_CHANGED, entity = "approval-rule")
  public void initRule(String key, boolean required) {
    ApprovableAct<?> act = act(key);
    writeRule(act, required, false);
    notes.values(null, ruleState(act, required));
  }

  private ApprovableAct<?> act(String key) {
    return acts.named(key);
  }

  private static Map<String, Object> ruleState(ApprovableAct<?> act, boolean required) {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("act", act.name());
    state.put("required", required);
    return state;
  }

  private void writeRule(ApprovableAct<?> act, boolean required, boolean overwrite) {
    tem.sql(
            """
                INSERT INTO approval_rules (tenant_id, entity_type, action, required)
                VALUES (?1, ?2, ?3, ?4) ON CONFLICT (tenant_id, entity_type, action) DO\s"""
                + (overwrite
                    ? "UPDATE SET required = EXCLUDED.required, updated_at = now()"
                    : "NOTHING"))
        .setParameter(2, act.entityType())
        .setParameter(3, act.action())
        .setParameter(4, required)
        .executeUpdate();
  }

  private Optional<Boolean> rule(ApprovableAct<?> act) {
    List<?> rows =
        tem.sql(
                "SELECT required FROM approval_rules WHERE tenant_id = ?1 AND entity_type = ?2"
                    + " AND action = ?3")
            .setParameter(2, act.entityType())
            .setParameter(3, act.action())
            .getResultList();
    return rows.isEmpty() ? Optional.empty() : Optional.of((Boolean) rows.get(0));
  }

  /**
   * Runs the approved act: the handler registered under the approval's name, with the stored
   * payload, as the approver for the requester, through the act's own interceptors (the gate lets
   * exactly this act through).
   */
  private void carryOut(Approval approval) {
    ApprovableAct<?> act =
        acts.find(approval.actName())
            .orElseThrow(
                () ->
                    LecternException.conflict(
                        "approval.unknown-act",
                        "This request is for '"
                            + approval.actName()
                            + "', which this version of Lectern no longer carries out."));
    execution.run(
        approval,
        () ->
            notes.delegated(
                new AuditNotes.Delegation(approval.requestedBy(), approval.id()),
                () -> execute(act, approval)));
  }

  private static <P extends Record> void execute(ApprovableAct<P> act, Approval approval) {
    P payload;
    try {
      payload = ApprovalPayloads.read(act, approval.entityId(), approval.payload());
    } catch (IllegalArgumentException | JsonException | JsonbException e) {
      throw LecternException.conflict(
          "approval.unreadable",
          "The stored request for " + act.name() + " cannot be read: " + e.getMessage());
    }
    act.execute(payload);
  }

  /** A pending approval, locked, that the caller may see. */
  private Approval decidable(UUID id) {
    Approval approval = lock(visible(id));
    if (!approval.isPending()) {
      throw LecternException.conflict(
          "approval.decided", "This request was already decided: it is " + approval.status() + ".");
    }
    access.requireSchoolMember("Requests are decided by the school's own people.");
    if (approval.requestedBy().equals(current.caller().id())) {
      throw new LecternException(
          403, "approval.own-request", "Nobody decides their own request; another approver must.");
    }
    return approval;
  }

  private void checkDecider(Approval approval, Target target) {
    if (current.caller().id().equals(target.author())) {
      throw new LecternException(
          403,
          "approval.own-content",
          "The author of this " + approval.entityType() + " may not approve it.");
    }
    access.require(approval.entityType(), "approve", target.attributes());
  }

  /**
   * The approval, if the caller may see it: they asked for it, or may decide its kind; else 404.
   */
  private Approval visible(UUID id) {
    Approval approval = tem.get().find(Approval.class, id);
    if (approval == null) {
      throw LecternException.notFound("approval");
    }
    boolean mayDecide = access.can(approval.entityType(), "approve", Map.of());
    boolean own = approval.requestedBy().equals(current.caller().id());
    if (!own && !mayDecide) {
      throw LecternException.notFound("approval");
    }
    return approval;
  }

  /**
   * Re-reads the approval under a row lock (SELECT ... FOR UPDATE): of two deciders, the second
   * waits for the first to commit and then sees its decision.
   */
  private Approval lock(Approval approval) {
    tem.get().refresh(approval, LockModeType.PESSIMISTIC_WRITE);
    return approval;
  }

  private ApprovableAct<?> act(String entityType, String action) {
    return acts.find(ApprovableAct.name(entityType, action))
        .orElseThrow(() -> LecternException.notFound("approval-rule"));
  }

  private ApprovalSubject subject(String entityType) {
    for (ApprovalSubject s : subjects) {
      if (s.entityType().equals(entityType)) {
        return s;
      }
    }
    throw new IllegalStateException("no ApprovalSubject for " + entityType);
  }

  static ApprovalView view(Approval a) {
    JsonValue payload;
    try (JsonReader reader = Jsons.provider().createReader(new StringReader(a.payload()))) {
      payload = reader.readValue();
    }
    return new ApprovalView(
        a.id(),
        a.entityType(),
        a.entityId(),
        a.action(),
        payload,
        a.entityVersion(),
        a.status(),
        a.requestedBy(),
        a.decidedBy(),
        a.comment(),
        a.createdAt(),
        a.decidedAt(),
        a.version());
  }
}
