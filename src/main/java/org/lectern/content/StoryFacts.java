package org.lectern.content;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.lectern.tenancy.TenantEntityManager;

/**
 * What other capabilities state about stories without deciding who may read them (a book's
 * catalogue facts): its author, lesson, language and the size of the version readers get, and that
 * version's text. Access is the caller's business ({@link AssignableContent} decides it); no
 * transaction of its own.
 */
@ApplicationScoped
public class StoryFacts {

  @Inject TenantEntityManager tem;

  /**
   * A story's facts: {@code wordCount} describes the version readers get (the published one, else
   * the latest), as the story row does.
   */
  public record Facts(
      UUID storyId,
      String title,
      UUID createdBy,
      UUID lessonId,
      String language,
      int wordCount,
      Integer estimatedMinutes,
      boolean published) {}

  /**
   * The facts of these stories that exist and are not deleted, by id. One statement. (A native
   * version of this read once came back empty on a connection where it had run a few times: the
   * tenant binding of reads outside transactions, since fixed in {@code TenantBoundConnection}.)
   */
  public Map<UUID, Facts> of(Collection<UUID> storyIds) {
    Map<UUID, Facts> out = new HashMap<>();
    if (storyIds.isEmpty()) {
      return out;
    }
    for (Story s :
        tem.get()
            .createQuery("SELECT s FROM Story s WHERE s.id IN :ids", Story.class)
            .setParameter("ids", List.copyOf(storyIds))
            .getResultList()) {
      if (!s.isDeleted()) {
        out.put(
            s.id(),
            new Facts(
                s.id(),
                s.title(),
                s.createdBy(),
                s.lessonId(),
                s.language(),
                s.wordCount(),
                s.estimatedMinutes(),
                s.status() == Story.Status.published));
      }
    }
    return out;
  }

  /**
   * SQL for another capability's read of things built on stories (a book's catalogue facts): a
   * subquery for {@code LEFT JOIN LATERAL} giving the story's {@code word_count} (of the version
   * readers get, as the story row keeps it), {@code estimated_minutes} and {@code lesson_id}; no
   * row when the story is gone. The table stays content's; its name appears only here.
   *
   * @param tenantId the outer query's expression for the school
   * @param storyId the outer query's expression for the story
   */
  public static String lateralSql(String tenantId, String storyId) {
    return "SELECT s.word_count, s.estimated_minutes, s.lesson_id FROM stories s"
        + " WHERE s.tenant_id = "
        + tenantId
        + " AND s.id = "
        + storyId
        + " AND s.deleted_at IS NULL";
  }

  /** One story's facts, if it exists and is not deleted. */
  public Optional<Facts> of(UUID storyId) {
    return Optional.ofNullable(of(List.of(storyId)).get(storyId));
  }

  /**
   * The text of the version readers get (the published one, else the latest), for indexing what is
   * built on the story. Empty if there is no such story. One statement.
   */
  public Optional<String> readerText(UUID storyId) {
    List<?> rows =
        tem.sql(
                "SELECT v.content FROM stories s JOIN story_versions v ON v.tenant_id = s.tenant_id"
                    + " AND v.story_id = s.id"
                    + " AND v.version_number = coalesce(s.published_version, s.latest_version)"
                    + " WHERE s.tenant_id = ?1 AND s.id = ?2 AND s.deleted_at IS NULL")
            .setParameter(2, storyId)
            .getResultList();
    return rows.isEmpty() ? Optional.empty() : Optional.ofNullable((String) rows.get(0));
  }
}
