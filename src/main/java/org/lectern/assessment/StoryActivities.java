package org.lectern.assessment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lectern.platform.Ids;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Facts about what students can do with a story besides reading it, for other capabilities (a
 * book's {@code hasQuiz} and {@code hasActivities}); no access decisions.
 */
@ApplicationScoped
public class StoryActivities {

  @Inject TenantEntityManager tem;

  /**
   * @param quiz the story's lesson has a published quiz (quizzes belong to lessons)
   * @param exercises the question bank has an exercise made from the story (a cloze exercise)
   */
  public record Activities(boolean quiz, boolean exercises) {}

  /**
   * The activities of each story, given its lesson (null for a story outside any lesson). One
   * statement however many stories.
   */
  public Map<UUID, Activities> of(Map<UUID, UUID> lessonByStory) {
    Map<UUID, Activities> out = new HashMap<>();
    if (lessonByStory.isEmpty()) {
      return out;
    }
    List<UUID> stories = new ArrayList<>(lessonByStory.keySet());
    List<String> lessons =
        stories.stream()
            .map(s -> lessonByStory.get(s) == null ? "NULL" : lessonByStory.get(s).toString())
            .toList();
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        tem.sql(
                "SELECT s.story_id,"
                    + " EXISTS (SELECT 1 FROM quizzes q WHERE q.tenant_id = ?1"
                    + " AND q.lesson_id = s.lesson_id AND q.status = 'published'"
                    + " AND q.deleted_at IS NULL),"
                    + " EXISTS (SELECT 1 FROM exercises e WHERE e.tenant_id = ?1"
                    + " AND e.story_id = s.story_id AND e.deleted_at IS NULL)"
                    + " FROM unnest(CAST(?2 AS uuid[]), CAST(?3 AS uuid[])) AS s (story_id, lesson_id)")
            .setParameter(2, Ids.sqlArray(stories))
            .setParameter(3, "{" + String.join(",", lessons) + "}")
            .getResultList();
    for (Object[] r : rows) {
      out.put((UUID) r[0], new Activities((Boolean) r[1], (Boolean) r[2]));
    }
    return out;
  }
}
