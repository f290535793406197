package org.lectern.content;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import org.lectern.access.AccessControl;
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
}
