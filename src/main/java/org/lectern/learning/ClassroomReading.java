package org.lectern.learning;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.lectern.classroom.ClassroomRosters;
import org.lectern.classroom.ClassroomRosters.Roster;
import org.lectern.classroom.ClassroomRosters.StoryAssignment;
import org.lectern.context.RequestContext;
import org.lectern.identity.LearnerStats;
import org.lectern.identity.TimeZones;
import org.lectern.platform.Ids;
import org.lectern.tenancy.Tenant;
import org.lectern.tenancy.TenantEntityManager;
import org.lectern.tenancy.Tenants;

/**
 * The teacher's view of a classroom's reading: per student, the stories they read and finished, how
 * far they are in each story the classroom was assigned, their minutes this week and their streak.
 * Eight statements however large the class: the caller, the classroom, its roster, its story
 * assignments, the school's time zone, the students' progress, their reading this week, and their
 * totals.
 */
@ApplicationScoped
public class ClassroomReading {

  /** How far one student is in one assigned story (0 when not started). */
  public record AssignedStory(
      UUID assignmentId, UUID storyId, int percentComplete, Instant completedAt) {}

  public record StudentReading(
      UUID userId,
      String displayName,
      int storiesRead,
      int storiesCompleted,
      List<AssignedStory> assignments,
      long minutesThisWeek,
      int currentStreak,
      int longestStreak,
      Instant lastActiveAt) {}

  public record Assignment(UUID id, String title, UUID storyId, Instant dueAt) {}

  /** {@code weekStarts}: the Monday the week's minutes count from, in the school's time zone. */
  public record View(
      UUID classroomId,
      LocalDate weekStarts,
      List<Assignment> assignments,
      List<StudentReading> students) {}

  @Inject ClassroomRosters rosters;
  @Inject LearnerStats learners;
  @Inject TenantEntityManager tem;
  @Inject Tenants tenants;
  @Inject RequestContext context;

  @Transactional(Transactional.TxType.SUPPORTS)
  public View of(UUID classroomId) {
    Roster roster = rosters.rosterOfManaged(classroomId);
    ZoneId schoolZone =
        TimeZones.zone(tenants.byId(context.tenant()).map(Tenant::timeZone).orElse(null));
    List<UUID> students = roster.students();
    LocalDate monday =
        LocalDate.now(schoolZone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    List<Assignment> assignments =
        roster.storyAssignments().stream()
            .map(a -> new Assignment(a.id(), a.title(), a.storyId(), a.dueAt()))
            .toList();
    if (students.isEmpty()) {
      return new View(classroomId, monday, assignments, List.of());
    }
    String ids = Ids.sqlArray(students);
    Set<UUID> assigned = new HashSet<>();
    roster.storyAssignments().forEach(a -> assigned.add(a.storyId()));

    // Stories read and completed by each student, and their progress in the assigned ones.
    @SuppressWarnings("unchecked")
    List<Object[]> progress =
        tem.sql(
                "SELECT user_id, count(*), count(completed_at),"
                    + " coalesce(jsonb_object_agg(story_id, jsonb_build_array(percent_complete,"
                    + " completed_at)) FILTER (WHERE story_id = ANY (CAST(?3 AS uuid[]))), '{}')"
                    + " FROM reading_progress"
                    + " WHERE tenant_id = ?1 AND user_id = ANY (CAST(?2 AS uuid[]))"
                    + " GROUP BY user_id")
            .setParameter(2, ids)
            .setParameter(3, Ids.sqlArray(assigned))
            .getResultList();
    // Seconds this week; each student's days are their own local days.
    @SuppressWarnings("unchecked")
    List<Object[]> week =
        tem.sql(
                "SELECT user_id, sum(seconds_read) FROM reading_days"
                    + " WHERE tenant_id = ?1 AND user_id = ANY (CAST(?2 AS uuid[]))"
                    + " AND day >= CAST(?3 AS date) GROUP BY user_id")
            .setParameter(2, ids)
            .setParameter(3, monday.toString())
            .getResultList();
    Map<UUID, LearnerStats.Shown> shown = learners.shown(students);

    Map<UUID, Object[]> progressOf = new HashMap<>();
    progress.forEach(r -> progressOf.put((UUID) r[0], r));
    Map<UUID, Long> secondsOf = new HashMap<>();
    week.forEach(r -> secondsOf.put((UUID) r[0], ((Number) r[1]).longValue()));

    List<StudentReading> out = new ArrayList<>();
    for (UUID s : students) {
      Object[] p = progressOf.get(s);
      jakarta.json.JsonObject perStory =
          p == null
              ? jakarta.json.JsonValue.EMPTY_JSON_OBJECT
              : jakarta.json.Json.createReader(new java.io.StringReader(p[3].toString()))
                  .readObject();
      List<AssignedStory> mine = new ArrayList<>();
      for (StoryAssignment a : roster.storyAssignments()) {
        jakarta.json.JsonArray v = perStory.getJsonArray(a.storyId().toString());
        mine.add(
            new AssignedStory(
                a.id(),
                a.storyId(),
                v == null ? 0 : v.getInt(0),
                v == null || v.isNull(1)
                    ? null
                    : java.time.OffsetDateTime.parse(v.getString(1)).toInstant()));
      }
      LearnerStats.Shown who = shown.get(s);
      out.add(
          new StudentReading(
              s,
              who == null ? null : who.displayName(),
              p == null ? 0 : ((Number) p[1]).intValue(),
              p == null ? 0 : ((Number) p[2]).intValue(),
              mine,
              secondsOf.getOrDefault(s, 0L) / 60,
              who == null ? 0 : who.currentStreak(),
              who == null ? 0 : who.longestStreak(),
              who == null ? null : who.lastActiveAt()));
    }
    return new View(classroomId, monday, assignments, out);
  }
}
