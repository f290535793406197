package org.lectern.content;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.lectern.access.AccessControl;
import org.lectern.platform.Ids;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Teaching material as other capabilities point at it (a classroom's assignments): whether the
 * current caller may read a story, lesson or course, decided by the same rules as reading it here.
 * Answers instead of throwing, and starts no transaction, so a caller can ask inside its own
 * transaction (and on behalf of each of its students) without rolling it back.
 */
@ApplicationScoped
public class AssignableContent {

  @Inject TenantEntityManager tem;
  @Inject AccessControl access;
  @Inject ContentContext context;
  @Inject StoryVersions versions;

  /**
   * The title of the material of this type ({@code story}, {@code lesson} or {@code course}) if it
   * exists, is not deleted and the caller may read it; else empty.
   */
  public Optional<String> readableTitle(String type, UUID id) {
    switch (type) {
      case "story" -> {
        Story story = tem.get().find(Story.class, id);
        if (story == null || story.isDeleted()) {
          return Optional.empty();
        }
        ContentContext.Place place = context.place(story.lessonId());
        if ((place != null && place.hidden())
            || !access.can(Story.RESOURCE, "read", story.attributes(place))) {
          return Optional.empty();
        }
        return Optional.of(story.title());
      }
      case "lesson" -> {
        Lesson lesson = tem.get().find(Lesson.class, id);
        if (lesson == null || lesson.isDeleted()) {
          return Optional.empty();
        }
        Course course = tem.get().find(Course.class, lesson.courseId());
        if (course == null
            || course.isDeleted()
            || !access.can(CourseService.LESSON, "read", lesson.attributes(course))) {
          return Optional.empty();
        }
        return Optional.of(lesson.title());
      }
      case "course" -> {
        Course course = tem.get().find(Course.class, id);
        if (course == null
            || course.isDeleted()
            || !access.can(CourseService.COURSE, "read", course.attributes())) {
          return Optional.empty();
        }
        return Optional.of(course.title());
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  /**
   * Whether the caller may change this story (its text, or what other capabilities attach to it,
   * such as its word list), by the same rule as editing it here. False when it does not exist or is
   * deleted.
   */
  public boolean mayUpdateStory(UUID id) {
    Story story = tem.get().find(Story.class, id);
    if (story == null || story.isDeleted()) {
      return false;
    }
    ContentContext.Place place = context.place(story.lessonId());
    return access.can(Story.RESOURCE, "update", story.attributes(place));
  }

  /**
   * What a cloze exercise is made from: the story's title and language, and one version's chunks in
   * order with its cloze settings (the share of each part of speech's words to blank).
   */
  public record ClozeText(
      UUID storyId,
      String title,
      String language,
      int version,
      List<Chunks.Piece> chunks,
      Map<ClozeConfig.PartOfSpeech, BigDecimal> ratios) {}

  /**
   * Version {@code number} of a story the caller may read, if the caller may see that version: who
   * may edit or approve the story sees every version (as its version list does), any other reader
   * only the one readers get (the published version, else the latest), as when reading the story.
   * Empty when there is no such story or version, or the caller may not see it.
   */
  public Optional<ClozeText> clozeText(UUID storyId, int number) {
    Story story = tem.get().find(Story.class, storyId);
    if (story == null || story.isDeleted() || number < 1 || number > story.latestVersion()) {
      return Optional.empty();
    }
    ContentContext.Place place = context.place(story.lessonId());
    Map<String, Object> attributes = story.attributes(place);
    if ((place != null && place.hidden()) || !access.can(Story.RESOURCE, "read", attributes)) {
      return Optional.empty();
    }
    Integer readers =
        story.publishedVersion() != null ? story.publishedVersion() : story.latestVersion();
    if (number != readers
        && !access.can(Story.RESOURCE, "update", attributes)
        && !access.can(Story.RESOURCE, "approve", attributes)) {
      return Optional.empty();
    }
    StoryVersion v = versions.version(story, number);
    Map<ClozeConfig.PartOfSpeech, BigDecimal> ratios =
        new EnumMap<>(ClozeConfig.PartOfSpeech.class);
    versions.cloze(v).forEach(s -> ratios.put(s.partOfSpeech(), s.ratio()));
    return Optional.of(
        new ClozeText(
            story.id(), story.title(), story.language(), number, versions.pieces(v), ratios));
  }

  /** A story version's text, or one chunk's, with what a speaker or writer needs to know. */
  public record StoryText(
      UUID storyId, String title, String language, int version, Integer chunk, String text) {}

  /**
   * The text of version {@code number} of a story (the readers' version when null: the published
   * one, else the latest), or of its chunk {@code chunk} (from 1), when the caller may see that
   * version by the rule of {@link #clozeText}; chunks are joined by a blank line. Empty when there
   * is no such story, version or chunk, or the caller may not see it.
   */
  public Optional<StoryText> storyText(UUID storyId, Integer number, Integer chunk) {
    Story story = tem.get().find(Story.class, storyId);
    if (story == null || story.isDeleted()) {
      return Optional.empty();
    }
    int version =
        number != null
            ? number
            : story.publishedVersion() != null ? story.publishedVersion() : story.latestVersion();
    return clozeText(storyId, version)
        .flatMap(
            t -> {
              List<Chunks.Piece> pieces = t.chunks();
              if (chunk != null && (chunk < 1 || chunk > pieces.size())) {
                return Optional.empty();
              }
              String text =
                  chunk != null
                      ? pieces.get(chunk - 1).text()
                      : String.join("\n\n", pieces.stream().map(Chunks.Piece::text).toList());
              return Optional.of(
                  new StoryText(t.storyId(), t.title(), t.language(), version, chunk, text));
            });
  }

  /**
   * What a reading report needs of a story the caller may read: when it was made (nothing can be
   * read before), its lesson, and the number of chunks of each of its versions.
   */
  public record ReadingTarget(
      UUID storyId, Instant createdAt, UUID lessonId, Map<Integer, Integer> chunksByVersion) {}

  /**
   * The reading targets among these stories, by id: those that exist, are not deleted and the
   * caller may read (by the same rule as reading them here). Three statements at most however many
   * stories: the stories, their lessons' places, and the chunk counts of their versions.
   */
  public Map<UUID, ReadingTarget> readingTargets(Collection<UUID> storyIds) {
    Map<UUID, ReadingTarget> out = new HashMap<>();
    if (storyIds.isEmpty()) {
      return out;
    }
    List<Story> stories =
        tem.get()
            .createQuery("SELECT s FROM Story s WHERE s.id IN :ids", Story.class)
            .setParameter("ids", List.copyOf(storyIds))
            .getResultList();
    Map<UUID, ContentContext.Place> places =
        context.places(stories.stream().map(Story::lessonId).toList());
    List<Story> readable =
        stories.stream()
            .filter(s -> !s.isDeleted())
            .filter(
                s -> {
                  ContentContext.Place place = places.get(s.lessonId());
                  return (place == null || !place.hidden())
                      && access.can(Story.RESOURCE, "read", s.attributes(place));
                })
            .toList();
    if (readable.isEmpty()) {
      return out;
    }
    Map<UUID, Map<Integer, Integer>> chunks = new HashMap<>();
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        tem.sql(
                "SELECT v.story_id, v.version_number, count(c.id) FROM story_versions v"
                    + " LEFT JOIN story_chunks c ON c.tenant_id = v.tenant_id AND c.version_id = v.id"
                    + " WHERE v.tenant_id = ?1 AND v.story_id = ANY (CAST(?2 AS uuid[]))"
                    + " GROUP BY v.story_id, v.version_number")
            .setParameter(2, Ids.sqlArray(readable.stream().map(Story::id).toList()))
            .getResultList();
    for (Object[] r : rows) {
      chunks
          .computeIfAbsent((UUID) r[0], k -> new HashMap<>())
          .put(((Number) r[1]).intValue(), ((Number) r[2]).intValue());
    }
    for (Story s : readable) {
      out.put(
          s.id(),
          new ReadingTarget(
              s.id(), s.createdAt(), s.lessonId(), chunks.getOrDefault(s.id(), Map.of())));
    }
    return out;
  }

  /**
   * The published, undeleted stories of each of these lessons, by lesson (a lesson without any maps
   * to an empty set). What completing a lesson by reading means. One statement.
   */
  public Map<UUID, Set<UUID>> publishedStoriesOfLessons(Collection<UUID> lessonIds) {
    Map<UUID, Set<UUID>> out = new HashMap<>();
    lessonIds.forEach(id -> out.put(id, new TreeSet<>()));
    if (lessonIds.isEmpty()) {
      return out;
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        tem.sql(
                "SELECT lesson_id, id FROM stories WHERE tenant_id = ?1"
                    + " AND lesson_id = ANY (CAST(?2 AS uuid[]))"
                    + " AND status = 'published' AND deleted_at IS NULL")
            .setParameter(2, Ids.sqlArray(lessonIds))
            .getResultList();
    for (Object[] r : rows) {
      out.computeIfAbsent((UUID) r[0], k -> new TreeSet<>()).add((UUID) r[1]);
    }
    return out;
  }

  /**
   * Whether the caller may change this lesson (and so what is built on it, such as its quizzes), by
   * the same rule as editing it here. False when it or its course does not exist or is deleted.
   */
  public boolean mayUpdateLesson(UUID id) {
    Lesson lesson = tem.get().find(Lesson.class, id);
    if (lesson == null || lesson.isDeleted()) {
      return false;
    }
    Course course = tem.get().find(Course.class, lesson.courseId());
    return course != null
        && !course.isDeleted()
        && access.can(CourseService.LESSON, "update", lesson.attributes(course));
  }
}
