package org.lectern.content;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.lectern.access.AccessControl;
import org.lectern.media.AudioAsset.AudioOwner;
import org.lectern.media.AudioOwners;
import org.lectern.media.AudioService.OwnerKind;
import org.lectern.platform.LecternException;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Stories, their versions and lessons as owners of recordings: media asks here whether the caller
 * may see or change them, and access control decides with the owner's own attributes.
 */
@ApplicationScoped
public class ContentAudioOwners implements AudioOwners {

  @Inject TenantEntityManager tem;
  @Inject AccessControl access;
  @Inject StoryQueries stories;
  @Inject StoryVersions versions;
  @Inject LessonService lessons;

  @Override
  public AudioOwner find(OwnerKind kind, UUID id, Integer versionNumber) {
    if (kind == OwnerKind.lesson) {
      return new AudioOwner(null, null, lessons.visible(id).id());
    }
    Story story = stories.visible(id);
    UUID versionId = versionNumber == null ? null : versions.version(story, versionNumber).id();
    return new AudioOwner(story.id(), versionId, null);
  }

  @Override
  public boolean mayRead(AudioOwner owner) {
    try {
      if (owner.storyId() != null) {
        stories.visible(owner.storyId());
      } else {
        lessons.visible(owner.lessonId());
      }
      return true;
    } catch (LecternException e) {
      return false;
    }
  }

  @Override
  public boolean mayEdit(AudioOwner owner) {
    if (owner.storyId() != null) {
      return stories.canEdit(tem.get().find(Story.class, owner.storyId()));
    }
    Lesson lesson = tem.get().find(Lesson.class, owner.lessonId());
    Course course = tem.get().find(Course.class, lesson.courseId());
    return access.can(CourseService.LESSON, "update", lesson.attributes(course));
  }
}
