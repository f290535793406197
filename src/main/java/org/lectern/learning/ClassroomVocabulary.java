package org.lectern.learning;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.lectern.classroom.ClassroomRosters;
import org.lectern.platform.Ids;
import org.lectern.tenancy.TenantEntityManager;

/**
 * The teacher's view of a classroom's vocabulary: for each word its students collected, how many
 * did and how well they know it. Four statements however large the class: the caller, the
 * classroom, its roster, and one aggregate.
 */
@ApplicationScoped
public class ClassroomVocabulary {

  /** The most words one answer lists, the most collected first. */
  static final int MAX_WORDS = 200;

  /** Mastery bands of the distribution: 0-19, 20-39, 40-59, 60-79 and 80-100. */
  public record WordMastery(String word, long students, int averageMastery, List<Long> bands) {}

  public record View(UUID classroomId, int students, List<WordMastery> words) {}

  @Inject ClassroomRosters rosters;
  @Inject TenantEntityManager tem;

  @Transactional(Transactional.TxType.SUPPORTS)
  public View of(UUID classroomId) {
    List<UUID> students = rosters.studentsOfManaged(classroomId);
    List<WordMastery> words = new ArrayList<>();
    if (!students.isEmpty()) {
      @SuppressWarnings("unchecked")
      List<Object[]> rows =
          tem.sql(
                  "SELECT min(word), count(*), round(avg(mastery)),"
                      + " count(*) FILTER (WHERE mastery < 20),"
                      + " count(*) FILTER (WHERE mastery >= 20 AND mastery < 40),"
                      + " count(*) FILTER (WHERE mastery >= 40 AND mastery < 60),"
                      + " count(*) FILTER (WHERE mastery >= 60 AND mastery < 80),"
                      + " count(*) FILTER (WHERE mastery >= 80)"
                      + " FROM vocabulary_words"
                      + " WHERE tenant_id = ?1 AND user_id = ANY (CAST(?2 AS uuid[]))"
                      + " GROUP BY lower(word) ORDER BY count(*) DESC, lower(word) LIMIT "
                      + MAX_WORDS)
              .setParameter(2, Ids.sqlArray(students))
              .getResultList();
      for (Object[] r : rows) {
        words.add(
            new WordMastery(
                (String) r[0],
                ((Number) r[1]).longValue(),
                ((Number) r[2]).intValue(),
                List.of(
                    ((Number) r[3]).longValue(),
                    ((Number) r[4]).longValue(),
                    ((Number) r[5]).longValue(),
                    ((Number) r[6]).longValue(),
                    ((Number) r[7]).longValue())));
      }
    }
    return new View(classroomId, students.size(), words);
  }
}
