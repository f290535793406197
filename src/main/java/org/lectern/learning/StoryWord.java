package org.lectern.learning;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.lectern.platform.Ids;
import org.lectern.tenancy.TenantScoped;

/** A word a teacher defines for a story (the seed's BookVocabulary). */
@Entity
@Table(name = "story_vocabulary")
public class StoryWord extends TenantScoped {

  @Id private UUID id;

  @Column(name = "story_id", nullable = false)
  private UUID storyId;

  @Column(nullable = false)
  private String word;

  @Column(nullable = false)
  private String definition;

  @Column(name = "part_of_speech")
  private String partOfSpeech;

  private String example;

  @Column(name = "created_by", nullable = false)
  private UUID createdBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  /** Written by an AI job and not yet accepted: shown to editors only, not collectable. */
  @Column(nullable = false)
  private boolean draft;

  protected StoryWord() {}

  StoryWord(
      UUID storyId,
      String word,
      String definition,
      String partOfSpeech,
      String example,
      UUID createdBy) {
    this.id = Ids.newId();
    this.storyId = storyId;
    this.word = word.strip();
    this.definition = definition.strip();
    this.partOfSpeech = partOfSpeech;
    this.example = example;
    this.createdBy = createdBy;
    this.createdAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
  }

  /** A draft word, written by an AI job for a teacher to accept. */
  static StoryWord draft(
      UUID storyId,
      String word,
      String definition,
      String partOfSpeech,
      String example,
      UUID createdBy) {
    StoryWord w = new StoryWord(storyId, word, definition, partOfSpeech, example, createdBy);
    w.draft = true;
    return w;
  }

  void accept() {
    draft = false;
  }

  boolean isDraft() {
    return draft;
  }

  UUID id() {
    return id;
  }

  UUID storyId() {
    return storyId;
  }

  String word() {
    return word;
  }

  String definition() {
    return definition;
  }

  String partOfSpeech() {
    return partOfSpeech;
  }

  String example() {
    return example;
  }

  Instant createdAt() {
    return createdAt;
  }
}
