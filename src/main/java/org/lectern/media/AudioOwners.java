package org.lectern.media;

import java.util.UUID;
import org.lectern.media.AudioAsset.AudioOwner;
import org.lectern.media.AudioService.OwnerKind;

/**
 * What media asks of the things recordings belong to (stories, their versions, lessons). Answered
 * by the capability that owns them, so that media neither reads their tables nor decides their
 * rights: rights on a recording are the rights on its owner.
 */
public interface AudioOwners {

  /**
   * The story (and its version {@code versionNumber}, when given) or lesson, if the caller may see
   * it; else the owner's own 404.
   */
  AudioOwner find(OwnerKind kind, UUID id, Integer versionNumber);

  /** Whether the caller may see the owner: it exists, is not deleted and is readable. */
  boolean mayRead(AudioOwner owner);

  /** Whether the caller may change the owner, and so add, change and delete its recordings. */
  boolean mayEdit(AudioOwner owner);
}
