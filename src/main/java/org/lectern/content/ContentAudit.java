package org.lectern.content;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import org.lectern.access.AccessControl;
import org.lectern.approval.ApprovalSubject;
import org.lectern.audit.EntityAudit;

/** Teaching material as the audit trail (and, for lessons, the approval workflow) sees it. */
public final class ContentAudit {

  private ContentAudit() {}

  /** Courses. */
  @ApplicationScoped
  public static class Courses extends EntityAudit {
    public Courses() {
      super(CourseService.COURSE, Course.class);
    }
  }

  /** Units. */
  @ApplicationScoped
  public static class Units extends EntityAudit {
    public Units() {
      super(CourseService.UNIT, Unit.class);
    }
  }

  /** Tags. */
  @ApplicationScoped
  public static class Tags extends EntityAudit {
    public Tags() {
      super(TagService.RESOURCE, Tag.class);
    }
  }

  /** Lessons, whose publication a school may put under approval. */
  @ApplicationScoped
  public static class Lessons extends EntityAudit implements ApprovalSubject {

    @Inject AccessControl access;

    public Lessons() {
      super(CourseService.LESSON, Lesson.class);
    }

    @Override
    public Optional<Target> target(UUID id) {
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
      return Optional.of(
          new Target(lesson.attributes(course), lesson.version(), lesson.createdBy()));
    }
  }
}
