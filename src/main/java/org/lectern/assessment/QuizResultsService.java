package org.lectern.assessment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.lectern.assessment.AssessmentDtos.ItemStatistics;
import org.lectern.assessment.AssessmentDtos.QuizItem;
import org.lectern.assessment.AssessmentDtos.QuizResults;
import org.lectern.assessment.AssessmentDtos.StudentResult;
import org.lectern.identity.LearnerStats;
import org.lectern.platform.SqlValues;
import org.lectern.tenancy.TenantEntityManager;

/**
 * A quiz's results for who may edit it: per student their best and last score; the quiz's average
 * (of best scores) and its distribution in ten bands; and per question its difficulty and
 * discrimination over each student's latest graded attempt. Also as RFC 4180 CSV.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class QuizResultsService {

  /** The most students one answer covers. */
  static final int MAX_STUDENTS = 2000;

  @Inject TenantEntityManager tem;
  @Inject Quizzes quizzes;
  @Inject LearnerStats learners;

  public QuizResults of(UUID quizId) {
    Quizzes.Quiz q = quizzes.editable(quizId);
    // Graded attempts (not in progress, not awaiting a teacher), per student in order.
    @SuppressWarnings("unchecked")
    List<Object[]> attempts =
        tem.sql(
                "SELECT id, user_id, number, score, started_at FROM quiz_attempts"
                    + " WHERE tenant_id = ?1 AND quiz_id = CAST(?2 AS uuid) AND status = 'submitted'"
                    + " ORDER BY user_id, number LIMIT "
                    + (MAX_STUDENTS * 20))
            .setParameter(2, quizId.toString())
            .getResultList();
    Map<UUID, List<Object[]>> byStudent = new LinkedHashMap<>();
    attempts.forEach(a -> byStudent.computeIfAbsent((UUID) a[1], k -> new ArrayList<>()).add(a));
    Map<UUID, LearnerStats.Shown> names = learners.shown(byStudent.keySet());

    List<StudentResult> results = new ArrayList<>();
    Integer[] bands = new Integer[10];
    Arrays.fill(bands, 0);
    BigDecimal sumBest = BigDecimal.ZERO;
    Map<UUID, UUID> latestAttempt = new HashMap<>();
    Map<UUID, Double> latestScore = new HashMap<>();
    for (Map.Entry<UUID, List<Object[]>> e : byStudent.entrySet()) {
      List<Object[]> mine = e.getValue();
      BigDecimal best =
          mine.stream().map(a -> (BigDecimal) a[3]).max(BigDecimal::compareTo).orElseThrow();
      Object[] last = mine.get(mine.size() - 1);
      sumBest = sumBest.add(best);
      bands[Math.min(9, best.intValue() / 10)]++;
      latestAttempt.put((UUID) last[0], e.getKey());
      latestScore.put((UUID) last[0], ((BigDecimal) last[3]).doubleValue());
      LearnerStats.Shown who = names.get(e.getKey());
      results.add(
          new StudentResult(
              e.getKey(),
              who == null ? null : who.displayName(),
              mine.size(),
              best,
              (BigDecimal) last[3],
              SqlValues.instant(last[4])));
    }
    BigDecimal average =
        results.isEmpty()
            ? null
            : sumBest.divide(BigDecimal.valueOf(results.size()), 2, RoundingMode.HALF_UP);

    // Item credits of the latest attempts (an unanswered question has credit 0).
    Map<UUID, Map<UUID, Double>> credits = new HashMap<>();
    if (!latestAttempt.isEmpty()) {
      @SuppressWarnings("unchecked")
      List<Object[]> rows =
          tem.sql(
                  "SELECT attempt_id, question_id, credit FROM attempt_answers"
                      + " WHERE tenant_id = ?1 AND attempt_id = ANY (CAST(?2 AS uuid[]))")
              .setParameter(2, org.lectern.platform.Ids.sqlArray(latestAttempt.keySet()))
              .getResultList();
      for (Object[] r : rows) {
        credits
            .computeIfAbsent((UUID) r[1], k -> new HashMap<>())
            .put((UUID) r[0], r[2] == null ? 0 : ((BigDecimal) r[2]).doubleValue());
      }
    }
    List<UUID> latest = new ArrayList<>(latestAttempt.keySet());
    double[] totals = latest.stream().mapToDouble(latestScore::get).toArray();
    List<ItemStatistics> items = new ArrayList<>();
    for (QuizItem item : quizzes.items(quizId)) {
      Map<UUID, Double> c = credits.getOrDefault(item.question().id(), Map.of());
      double[] x = latest.stream().mapToDouble(a -> c.getOrDefault(a, 0.0)).toArray();
      items.add(
          new ItemStatistics(
              item.question().id(),
              item.position(),
              item.question().type(),
              x.length,
              ItemAnalysis.difficulty(x),
              ItemAnalysis.discrimination(x, totals)));
    }
    return new QuizResults(q.id(), results.size(), average, List.of(bands), results, items);
  }

  /** The per-student results as CSV (RFC 4180, with a header row). */
  public String csv(UUID quizId) {
    QuizResults r = of(quizId);
    StringWriter out = new StringWriter();
    try (CSVPrinter csv =
        CSVFormat.RFC4180
            .builder()
            .setHeader(
                "userId", "displayName", "attempts", "bestScore", "lastScore", "lastAttemptedAt")
            .build()
            .print(out)) {
      for (StudentResult s : r.results()) {
        csv.printRecord(
            s.userId(),
            s.displayName(),
            s.attempts(),
            s.bestScore(),
            s.lastScore(),
            s.lastAttemptedAt());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
