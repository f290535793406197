package org.lectern.ai;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.lectern.ai.AiDtos.JobView;
import org.lectern.audit.AuditAction;
import org.lectern.audit.Audited;
import org.lectern.platform.EntityId;
import org.lectern.platform.Ids;
import org.lectern.platform.SqlValues;
import org.lectern.tenancy.TenantEntityManager;

/**
 * The worker's writes to a job, each in a transaction of its own, in the job's school. Every write
 * holds only while this node's lease on this attempt does (status running, lease owner, attempt): a
 * node that lost its lease (it paused past it, and another node took the job) changes nothing, and
 * {@link LeaseLost} rolls back whatever the write made with it.
 */
@ApplicationScoped
public class JobStore {

  /** Which node holds the job, for which attempt. */
  public record Lease(String node, int attempt) {}

  /** This node no longer holds the job; whatever it did is rolled back. */
  static final class LeaseLost extends RuntimeException {
    LeaseLost(UUID id) {
      super("lease on AI job " + id + " lost", null, false, false);
    }
  }

  /** Images above this size are refused (the column's constraint is the same). */
  static final int MAX_IMAGE_BYTES = 4 * 1024 * 1024;

  private static final String HELD =
      " WHERE tenant_id = ?1 AND id = CAST(?2 AS uuid) AND status = 'running'"
          + " AND lease_owner = ?3 AND attempts = ?4";

  @Inject TenantEntityManager tem;
  @Inject AiJobs jobs;
  @Inject JobApplier applier;

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public JobView load(UUID id) {
    return jobs.find(id).orElseThrow(() -> new LeaseLost(id));
  }

  /** How far the work is, 0-100; never backwards. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void progress(UUID id, Lease lease, int percent) {
    held(
        "UPDATE ai_jobs SET progress = greatest(progress, ?5), updated_at = now()" + HELD,
        id,
        lease,
        percent);
  }

  /** The attempt failed but another may do: queued again after {@code delay}. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void retry(UUID id, Lease lease, Duration delay, String code, String message) {
    held(
        "UPDATE ai_jobs SET status = 'queued', lease_owner = NULL, lease_until = NULL,"
            + " next_run_at = now() + make_interval(secs => CAST(?5 AS double precision) / 1000),"
            + " error_code = ?6, error = ?7, updated_at = now()"
            + HELD,
        id,
        lease,
        delay.toMillis(),
        code,
        clip(message));
  }

  /** The job is given up with this error. */
  @Audited(action = AuditAction.FAIL, entity = AiJobs.JOB)
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void fail(@EntityId UUID id, Lease lease, String code, String message) {
    held(
        "UPDATE ai_jobs SET status = 'failed', lease_owner = NULL, lease_until = NULL,"
            + " finished_at = now(), error_code = ?5, error = ?6, updated_at = now()"
            + HELD,
        id,
        lease,
        code,
        clip(message));
  }

  /**
   * The gate blocked what the job would send (a prompt): nothing was sent; the job stops, kept with
   * the reasons for a reviewer, who may approve it (it then runs) or discard it.
   */
  @Audited(action = AuditAction.FAIL, entity = AiJobs.JOB)
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void blockInput(@EntityId UUID id, Lease lease, List<String> reasons) {
    held(
        "UPDATE ai_jobs SET status = 'failed', lease_owner = NULL, lease_until = NULL,"
            + " finished_at = now(), error_code = 'ai.prompt-blocked',"
            + " error = 'The moderation gate blocked the prompt; a reviewer decides whether it is"
            + " sent.', moderation_status = 'blocked', moderation_stage = 'input',"
            + " moderation_reasons = CAST(?5 AS text[]), updated_at = now()"
            + HELD,
        id,
        lease,
        SqlValues.quotedArray(reasons));
  }

  /**
   * The work is done: {@code result} is made in this transaction (an image stored, an audio asset,
   * draft questions), and the job keeps it. When the gate blocked the result, it is kept hidden
   * from everyone but the requester and reviewers, and nothing is applied until a reviewer approves
   * it; otherwise {@code apply} puts it to use.
   */
  @Audited(action = AuditAction.SUCCEED, entity = AiJobs.JOB)
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void succeed(
      @EntityId UUID id,
      Lease lease,
      ModerationGate.Verdict verdict,
      boolean apply,
      Supplier<JsonObject> result) {
    held(
        "UPDATE ai_jobs SET status = 'succeeded', progress = 100, lease_owner = NULL,"
            + " lease_until = NULL, finished_at = now(), error_code = NULL, error = NULL,"
            + " moderation_status = CASE WHEN ?5 THEN 'blocked' WHEN moderation_status = 'approved'"
            + " THEN 'approved' ELSE 'passed' END, moderation_stage = CASE WHEN ?5 THEN 'result'"
            + " ELSE moderation_stage END, moderation_reasons = CAST(?6 AS text[]),"
            + " reviewed_by = CASE WHEN ?5 THEN NULL ELSE reviewed_by END,"
            + " reviewed_at = CASE WHEN ?5 THEN NULL ELSE reviewed_at END, updated_at = now()"
            + HELD,
        id,
        lease,
        verdict.blocked(),
        SqlValues.quotedArray(verdict.reasons()));
    JsonObject made = result.get();
    if (apply && !verdict.blocked()) {
      made = applier.apply(jobs.find(id).orElseThrow(), made);
    }
    tem.sql(
            "UPDATE ai_jobs SET result = CAST(?3 AS jsonb)"
                + " WHERE tenant_id = ?1 AND id = CAST(?2 AS uuid)")
        .setParameter(2, id.toString())
        .setParameter(3, made.toString())
        .executeUpdate();
  }

  /** Stores an illustration's bytes; answers its id. Part of {@link #succeed}'s transaction. */
  UUID storeImage(UUID jobId, ImageGenerator.GeneratedImage image) {
    UUID id = Ids.newId();
    tem.sql(
            "INSERT INTO ai_images (tenant_id, id, job_id, content_type, size_bytes, bytes,"
                + " revised_prompt) VALUES (?1, CAST(?2 AS uuid), CAST(?3 AS uuid), ?4, ?5, ?6,"
                + " ?7)")
        .setParameter(2, id.toString())
        .setParameter(3, jobId.toString())
        .setParameter(4, image.contentType())
        .setParameter(5, image.bytes().length)
        .setParameter(6, image.bytes())
        .setParameter(7, clipTo(image.revisedPrompt(), 4000))
        .executeUpdate();
    return id;
  }

  private void held(String sql, UUID id, Lease lease, Object... more) {
    Query q =
        tem.sql(sql)
            .setParameter(2, id.toString())
            .setParameter(3, lease.node())
            .setParameter(4, lease.attempt());
    for (int i = 0; i < more.length; i++) {
      q.setParameter(5 + i, more[i]);
    }
    if (q.executeUpdate() == 0) {
      throw new LeaseLost(id);
    }
  }

  private static String clip(String message) {
    return clipTo(message == null ? "unknown error" : message, 2000);
  }

  private static String clipTo(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
