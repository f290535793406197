package org.lectern.learning;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.lectern.platform.Ids;
import org.lectern.tenancy.TenantEntityManager;

/** Facts about stories' word lists for other capabilities (a book's {@code hasVocabulary}). */
@ApplicationScoped
public class StoryWordFacts {

  @Inject TenantEntityManager tem;

  /** Which of these stories have at least one defined word. One statement. */
  public Set<UUID> storiesWithWords(Collection<UUID> storyIds) {
    Set<UUID> out = new HashSet<>();
    if (storyIds.isEmpty()) {
      return out;
    }
    for (Object id :
        tem.sql(
                "SELECT DISTINCT story_id FROM story_vocabulary WHERE tenant_id = ?1"
                    + " AND story_id = ANY (CAST(?2 AS uuid[]))")
            .setParameter(2, Ids.sqlArray(storyIds))
            .getResultList()) {
      out.add((UUID) id);
    }
    return out;
  }
}
