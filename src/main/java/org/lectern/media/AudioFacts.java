package org.lectern.media;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.lectern.platform.Ids;
import org.lectern.tenancy.TenantEntityManager;

/** Facts about audio for other capabilities (a book's {@code hasAudio}); no access decisions. */
@ApplicationScoped
public class AudioFacts {

  @Inject TenantEntityManager tem;

  /**
   * Which of these stories have published audio (of the story or one of its versions), the audio
   * readers can hear. One statement.
   */
  public Set<UUID> storiesWithPublishedAudio(Collection<UUID> storyIds) {
    Set<UUID> out = new HashSet<>();
    if (storyIds.isEmpty()) {
      return out;
    }
    for (Object id :
        tem.sql(
                "SELECT DISTINCT story_id FROM audio_assets WHERE tenant_id = ?1"
                    + " AND story_id = ANY (CAST(?2 AS uuid[])) AND status = 'published'")
            .setParameter(2, Ids.sqlArray(storyIds))
            .getResultList()) {
      out.add((UUID) id);
    }
    return out;
  }
}
