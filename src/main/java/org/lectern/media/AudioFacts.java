package org.lectern.media;

/**
 * Facts about audio for other capabilities (a book's {@code hasAudio}), as SQL that media keeps:
 * another capability puts the expression into its own read, and the table stays media's. No access
 * decisions.
 */
public final class AudioFacts {

  private AudioFacts() {}

  /**
   * SQL, true when the story has published audio (of the story or one of its versions), the audio
   * readers can hear.
   *
   * @param tenantId the outer query's expression for the school
   * @param storyId the outer query's expression for the story
   */
  public static String publishedAudioSql(String tenantId, String storyId) {
    return "EXISTS (SELECT 1 FROM audio_assets a WHERE a.tenant_id = "
        + tenantId
        + " AND a.story_id = "
        + storyId
        + " AND a.status = 'published')";
  }
}
