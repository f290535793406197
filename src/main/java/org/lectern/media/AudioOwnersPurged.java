package org.lectern.media;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * A CDI event: these stories and lessons are being deleted for good in the current transaction,
 * recordings included. Fired by their owner before the rows go, so that media can remove the files
 * once the deletion has committed without knowing anything of stories or lessons.
 */
public record AudioOwnersPurged(List<UUID> storyIds, List<UUID> lessonIds) {

  public AudioOwnersPurged {
    storyIds = List.copyOf(storyIds);
    lessonIds = List.copyOf(lessonIds);
  }

  public static AudioOwnersPurged story(UUID storyId) {
    return new AudioOwnersPurged(List.of(storyId), List.of());
  }

  public static AudioOwnersPurged lessons(Collection<UUID> lessonIds) {
    return new AudioOwnersPurged(List.of(), List.copyOf(lessonIds));
  }
}
