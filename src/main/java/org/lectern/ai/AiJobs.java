package org.lectern.ai;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.lectern.access.AccessControl;
import org.lectern.ai.AiDtos.JobRequest;
import org.lectern.ai.AiDtos.JobView;
import org.lectern.ai.AiDtos.Kind;
import org.lectern.ai.AiDtos.Moderation;
import org.lectern.ai.AiDtos.QuotaRequest;
import org.lectern.ai.AiDtos.QuotaView;
import org.lectern.ai.AiDtos.Status;
import org.lectern.audit.AuditAction;
import org.lectern.audit.AuditNotes;
import org.lectern.audit.Audited;
import org.lectern.content.AssignableContent;
import org.lectern.context.RequestContext;
import org.lectern.platform.Cursors;
import org.lectern.platform.EntityId;
import org.lectern.platform.Ids;
import org.lectern.platform.Jsons;
import org.lectern.platform.LecternException;
import org.lectern.platform.Page;
import org.lectern.tenancy.TenantEntityManager;

/**
 * AI jobs as people ask for and follow them: requested (counted against the school's monthly quota,
 * then queued for the {@link JobWorker}), read, listed, cancelled while queued; and the reviewers'
 * queue of what the moderation gate blocked, approved or discarded. A job is seen by its requester
 * and by the school's reviewers ({@code ai:moderate}); to anyone else it does not exist (404), so
 * ids cannot be probed.
 */
@ApplicationScoped
@Transactional
public class AiJobs {

  static final String RESOURCE = "ai";
  static final String JOB = "ai-job";

  private final int maxAttempts =
      ConfigProvider.getConfig()
          .getOptionalValue("lectern.ai.max-attempts", Integer.class)
          .orElse(5);

  @Inject TenantEntityManager tem;
  @Inject AccessControl access;
  @Inject AssignableContent content;
  @Inject RequestContext context;
  @Inject AiQuotas quotas;
  @Inject AiProviders providers;
  @Inject JobApplier applier;
  @Inject AuditNotes notes;

  /**
   * Queues a job: {@code ai:generate} (403), about a story the caller may read (404), with what its
   * kind needs (400), within the school's monthly quota (429 with the time it resets). Speech and
   * vocabulary change the story's material, so they need the right to edit the story (403).
   */
  @Audited(action = AuditAction.CREATE, entity = JOB)
  public JobView create(JobRequest r) {
    access.requireSchoolMember("AI jobs are requested by a school's own people.");
    access.require(RESOURCE, "generate");
    JsonObject parameters = parameters(r);
    if (content.readableTitle("story", r.storyId()).isEmpty()) {
      throw LecternException.notFound("story");
    }
    boolean changesStory = r.kind() == Kind.speech || r.material() == AiDtos.Material.vocabulary;
    if (changesStory && !content.mayUpdateStory(r.storyId())) {
      throw LecternException.forbidden(
          "Speech and vocabulary are added to the story: only who may edit it asks for them.");
    }
    requireProvider(providers, r.kind());
    quotas.take();
    UUID id = Ids.newId();
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        tem.sql(
                "INSERT INTO ai_jobs AS j (tenant_id, id, kind, story_id, story_version, chunk,"
                    + " parameters, requested_by, max_attempts, next_run_at) VALUES (?1,"
                    + " CAST(?2 AS uuid), ?3, CAST(?4 AS uuid), ?5, ?6, CAST(?7 AS jsonb),"
                    + " CAST(?8 AS uuid), ?9, now()) RETURNING "
                    + JobRows.COLUMNS)
            .setParameter(2, id.toString())
            .setParameter(3, r.kind().name())
            .setParameter(4, r.storyId().toString())
            .setParameter(5, r.version())
            .setParameter(6, r.chunk())
            .setParameter(7, parameters.toString())
            .setParameter(8, context.caller().id().toString())
            .setParameter(9, maxAttempts)
            .getResultList();
    return JobRows.view(rows.get(0));
  }

  /**
   * 409 {@code ai.unavailable} when this server has no provider for the kind of work, before the
   * job is queued or counted: it could only fail. (The worker checks again, for a provider switched
   * off while the job waited.)
   */
  static void requireProvider(AiProviders providers, Kind kind) {
    String missing =
        switch (kind) {
          case illustration ->
              providers.images().isPresent()
                  ? null
                  : "illustrations: it needs an image provider (LECTERN_AI_BASE_URL)";
          case speech ->
              providers.speech().isPresent()
                  ? null
                  : "speech: it needs espeak-ng or a speech provider";
          case teaching_material ->
              providers.text().isPresent()
                  ? null
                  : "teaching material: it needs a text provider (LECTERN_AI_BASE_URL)";
        };
    if (missing != null) {
      throw LecternException.conflict("ai.unavailable", "This server makes no " + missing + ".");
    }
  }

  /** One job: two statements (the caller, the job). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public JobView get(UUID id) {
    return visible(id);
  }

  /**
   * The caller's jobs, or for reviewers the school's, newest first, optionally of one status or
   * kind: one page in one statement.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<JobView> list(Status status, Kind kind, String cursor, int limit) {
    access.require(RESOURCE, "generate", Map.of());
    Object[] after =
        cursor == null ? null : Cursors.decode(cursor, k -> new Object[] {k.instant(), k.uuid()});
    StringBuilder sql =
        new StringBuilder("SELECT " + JobRows.COLUMNS + " FROM ai_jobs j WHERE j.tenant_id = ?1");
    List<Object> params = new ArrayList<>();
    if (!isReviewer()) {
      params.add(context.caller().id().toString());
      sql.append(" AND j.requested_by = CAST(?").append(params.size() + 1).append(" AS uuid)");
    }
    if (status != null) {
      params.add(status.name());
      sql.append(" AND j.status = ?").append(params.size() + 1);
    }
    if (kind != null) {
      params.add(kind.name());
      sql.append(" AND j.kind = ?").append(params.size() + 1);
    }
    after(sql, params, after, "<");
    sql.append(" ORDER BY j.created_at DESC, j.id DESC LIMIT ").append(limit + 1);
    return page(sql.toString(), params, limit);
  }

  /** Cancels a queued job (409 once it has started): its requester or a reviewer. */
  @Audited(action = AuditAction.CANCEL, entity = JOB)
  public JobView cancel(@EntityId UUID id) {
    JobView job = visible(id);
    int changed =
        tem.sql(
                "UPDATE ai_jobs SET status = 'cancelled', finished_at = now(), updated_at = now()"
                    + " WHERE tenant_id = ?1 AND id = CAST(?2 AS uuid) AND status = 'queued'")
            .setParameter(2, id.toString())
            .executeUpdate();
    if (changed == 0) {
      throw LecternException.conflict(
          "ai.job-not-queued", "Only a queued job can be cancelled; this one is " + job.status());
    }
    quotas.giveBack(job.createdAt());
    return visible(id);
  }

  // ---------------------------------------------------------------- the reviewers' queue

  /** What the gate blocked and nobody has reviewed yet, oldest first: for reviewers (403). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<JobView> flagged(Kind kind, String cursor, int limit) {
    access.require(RESOURCE, "moderate");
    Object[] after =
        cursor == null ? null : Cursors.decode(cursor, k -> new Object[] {k.instant(), k.uuid()});
    StringBuilder sql =
        new StringBuilder(
            "SELECT "
                + JobRows.COLUMNS
                + " FROM ai_jobs j WHERE j.tenant_id = ?1 AND j.moderation_status = 'blocked'");
    List<Object> params = new ArrayList<>();
    if (kind != null) {
      params.add(kind.name());
      sql.append(" AND j.kind = ?").append(params.size() + 1);
    }
    after(sql, params, after, ">");
    sql.append(" ORDER BY j.created_at, j.id LIMIT ").append(limit + 1);
    return page(sql.toString(), params, limit);
  }

  /**
   * The keyset condition of a page after the cursor's {@code (created_at, id)}: {@code <} newest
   * first, {@code >} oldest first. Parameters are numbered after {@code ?1}, the tenant.
   */
  private static void after(StringBuilder sql, List<Object> params, Object[] after, String op) {
    if (after == null) {
      return;
    }
    params.add(Timestamp.from((Instant) after[0]));
    params.add(after[1].toString());
    sql.append(" AND (j.created_at, j.id) ")
        .append(op)
        .append(" (?")
        .append(params.size())
        .append(", CAST(?")
        .append(params.size() + 1)
        .append(" AS uuid))");
  }

  /**
   * A reviewer lets blocked content through: a blocked prompt is sent after all (the job is queued
   * again, its attempts anew); a blocked result becomes visible and is applied (draft questions or
   * words are made now, by the reviewer). 409 unless it is blocked.
   */
  @Audited(action = AuditAction.APPROVE, entity = JOB)
  public JobView approve(@EntityId UUID id) {
    JobView job = flaggedJob(id);
    if ("input".equals(job.moderationStage())) {
      tem.sql(
              "UPDATE ai_jobs SET status = 'queued', attempts = 0, next_run_at = now(),"
                  + " error_code = NULL, error = NULL, finished_at = NULL, progress = 0,"
                  + " moderation_status = 'approved', reviewed_by = CAST(?3 AS uuid),"
                  + " reviewed_at = now(), updated_at = now()"
                  + " WHERE tenant_id = ?1 AND id = CAST(?2 AS uuid)")
          .setParameter(2, id.toString())
          .setParameter(3, context.caller().id().toString())
          .executeUpdate();
    } else {
      JsonObject result = applier.apply(job, job.result());
      tem.sql(
              "UPDATE ai_jobs SET result = CAST(?4 AS jsonb), moderation_status = 'approved',"
                  + " reviewed_by = CAST(?3 AS uuid), reviewed_at = now(), updated_at = now()"
                  + " WHERE tenant_id = ?1 AND id = CAST(?2 AS uuid)")
          .setParameter(2, id.toString())
          .setParameter(3, context.caller().id().toString())
          .setParameter(4, result.toString())
          .executeUpdate();
    }
    return visible(id);
  }

  /** A reviewer throws blocked content out: kept, with its reasons, marked discarded. */
  @Audited(action = AuditAction.DISCARD, entity = JOB)
  public JobView discard(@EntityId UUID id) {
    flaggedJob(id);
    tem.sql(
            "UPDATE ai_jobs SET moderation_status = 'discarded', reviewed_by = CAST(?3 AS uuid),"
                + " reviewed_at = now(), updated_at = now()"
                + " WHERE tenant_id = ?1 AND id = CAST(?2 AS uuid)")
        .setParameter(2, id.toString())
        .setParameter(3, context.caller().id().toString())
        .executeUpdate();
    return visible(id);
  }

  // ---------------------------------------------------------------- quota

  /** This month's use of the school's quota: for whoever may request jobs. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public QuotaView quota() {
    access.require(RESOURCE, "generate");
    return quotas.view();
  }

  /** Sets the school's own monthly quota (null: the platform default): {@code ai:manage}. */
  @Audited(action = AuditAction.UPDATE, entity = "ai-quota")
  public QuotaView setQuota(QuotaRequest r) {
    access.requireSchoolMember("A school's AI quota is set by its own admins.");
    access.require(RESOURCE, "manage");
    notes.subject(context.tenant());
    quotas.set(r.monthlyJobs());
    return quotas.view();
  }

  // ---------------------------------------------------------------- helpers

  /** The job if the caller is its requester or a reviewer; else 404, as if it did not exist. */
  JobView visible(UUID id) {
    Optional<JobView> job = find(id);
    if (job.isEmpty()
        || !(job.get().requestedBy().equals(context.caller().idIfAny().orElse(null))
            || isReviewer())) {
      throw LecternException.notFound(JOB);
    }
    return job.get();
  }

  /** The job by id in the current school, whoever asks. */
  Optional<JobView> find(UUID id) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        tem.sql(
                "SELECT "
                    + JobRows.COLUMNS
                    + " FROM ai_jobs j WHERE j.tenant_id = ?1 AND j.id = CAST(?2 AS uuid)")
            .setParameter(2, id.toString())
            .getResultList();
    return rows.stream().findFirst().map(JobRows::view);
  }

  boolean isReviewer() {
    return access.can(RESOURCE, "moderate", Map.of());
  }

  private JobView flaggedJob(UUID id) {
    JobView job = visible(id);
    access.require(RESOURCE, "moderate");
    if (job.moderationStatus() != Moderation.blocked) {
      throw LecternException.conflict(
          "ai.not-flagged",
          "Only blocked content is reviewed; this job's moderation is " + job.moderationStatus());
    }
    return job;
  }

  private Page<JobView> page(String sql, List<Object> params, int limit) {
    Query q = tem.sql(sql);
    for (int i = 0; i < params.size(); i++) {
      q.setParameter(i + 2, params.get(i));
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = q.getResultList();
    List<JobView> items = new ArrayList<>();
    for (Object[] r : rows.subList(0, Math.min(limit, rows.size()))) {
      items.add(JobRows.view(r));
    }
    String next = null;
    if (rows.size() > limit) {
      JobView last = items.get(items.size() - 1);
      next = Cursors.encode(last.createdAt(), last.id());
    }
    return new Page<>(items, next);
  }

  /** What the kind needs from the request, as the job's stored parameters (400 if missing). */
  static JsonObject parameters(JobRequest r) {
    JsonObjectBuilder b = Jsons.builders().createObjectBuilder();
    switch (r.kind()) {
      case illustration -> {
        if (r.prompt() == null || r.prompt().isBlank()) {
          throw LecternException.invalid("prompt", "an illustration needs a prompt");
        }
        b.add("prompt", r.prompt().strip());
        b.add("size", r.size() == null ? "512x512" : r.size());
      }
      case speech -> {
        if (r.voice() != null) {
          b.add("voice", r.voice());
        }
        b.add("voiceType", r.voiceType() == null ? "child" : r.voiceType());
      }
      case teaching_material -> {
        if (r.material() == null) {
          throw LecternException.invalid(
              "material", "teaching material is a summary, questions or vocabulary");
        }
        b.add("material", r.material().name());
        if (r.material() != AiDtos.Material.summary) {
          b.add("count", r.count() == null ? 5 : r.count());
        }
      }
      default -> throw new IllegalArgumentException(r.kind().name());
    }
    boolean foreign =
        switch (r.kind()) {
          case illustration -> r.voice() != null || r.voiceType() != null || r.material() != null;
          case speech -> r.prompt() != null || r.size() != null || r.material() != null;
          case teaching_material ->
              r.prompt() != null || r.size() != null || r.voice() != null || r.voiceType() != null;
        };
    if (foreign) {
      throw LecternException.invalid(
          "kind", "the request names parameters of another kind of job than " + r.kind());
    }
    return b.build();
  }
}
