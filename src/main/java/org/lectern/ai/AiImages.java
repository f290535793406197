package org.lectern.ai;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import org.lectern.content.AssignableContent;
import org.lectern.context.RequestContext;
import org.lectern.platform.LecternException;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Generated illustrations. Its requester and the school's reviewers always see one; anyone else who
 * may read its story sees it once the moderation gate passed it or a reviewer approved it. For
 * everyone else it does not exist (404).
 */
@ApplicationScoped
public class AiImages {

  /** An image's bytes and type. */
  public record Image(UUID id, String contentType, byte[] bytes) {}

  static final String IMAGE = "ai-image";

  @Inject TenantEntityManager tem;
  @Inject RequestContext context;
  @Inject AiJobs jobs;
  @Inject AssignableContent content;

  /** One statement for its requester and reviewers, two or three for readers of the story. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Image get(UUID id) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        tem.sql(
                "SELECT i.content_type, i.bytes, j.requested_by, j.moderation_status, j.story_id"
                    + " FROM ai_images i JOIN ai_jobs j ON j.tenant_id = i.tenant_id"
                    + " AND j.id = i.job_id WHERE i.tenant_id = ?1 AND i.id = CAST(?2 AS uuid)")
            .setParameter(2, id.toString())
            .getResultList();
    if (rows.isEmpty()) {
      throw LecternException.notFound(IMAGE);
    }
    Object[] r = rows.get(0);
    boolean requester = r[2].equals(context.caller().idIfAny().orElse(null));
    boolean released = "passed".equals(r[3]) || "approved".equals(r[3]);
    if (!requester
        && !jobs.isReviewer()
        && !(released && content.readableTitle("story", (UUID) r[4]).isPresent())) {
      throw LecternException.notFound(IMAGE);
    }
    return new Image(id, (String) r[0], (byte[]) r[1]);
  }
}
