package org.lectern.learning;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.lectern.platform.Ids;
import org.lectern.platform.NullableUuidConverter;
import org.lectern.tenancy.TenantScoped;

/**
 * A word in a student's vocabulary (the seed's VocabularyWord and UserVocabularyProgress), with its
 * SM-2 schedule: reviewed, it moves by {@link Sm2#next} and its mastery follows.
 */
@Entity
@Table(name = "vocabulary_words")
public class VocabularyWord extends TenantScoped {

  @Id private UUID id;

  @Column(name = "user_id", nullable = false)
  private UUID userId;

  @Column(nullable = false)
  private String word;

  private String definition;

  @Convert(converter = NullableUuidConverter.class)
  @Column(name = "story_id")
  private UUID storyId;

  @Convert(converter = NullableUuidConverter.class)
  @Column(name = "story_vocabulary_id")
  private UUID storyWordId;

  @Column(nullable = false)
  private int mastery;

  @Column(nullable = false)
  private int repetitions;

  @Column(name = "interval_days", nullable = false)
  private int intervalDays;

  @Column(nullable = false)
  private BigDecimal ease;

  @Column(nullable = false)
  private int reviews;

  @Column(name = "due_at", nullable = false)
  private Instant dueAt;

  @Column(name = "last_reviewed_at")
  private Instant lastReviewedAt;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Version private long version;

  protected VocabularyWord() {}

  /** A new word, due for its first review at once. */
  VocabularyWord(UUID userId, String word, String definition, UUID storyId, UUID storyWordId) {
    this.id = Ids.newId();
    this.userId = userId;
    this.word = word.strip();
    this.definition = definition;
    this.storyId = storyId;
    this.storyWordId = storyWordId;
    Sm2.Schedule s = Sm2.Schedule.NEW;
    this.repetitions = s.repetitions();
    this.intervalDays = s.intervalDays();
    this.ease = s.ease();
    this.mastery = Sm2.mastery(s);
    this.createdAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    this.dueAt = createdAt;
  }

  /** Applies a review graded {@code grade} (0-5) at {@code at}. */
  void review(int grade, Instant at) {
    Sm2.Schedule next = Sm2.next(new Sm2.Schedule(repetitions, intervalDays, ease), grade);
    repetitions = next.repetitions();
    intervalDays = next.intervalDays();
    ease = next.ease();
    mastery = Sm2.mastery(next);
    reviews++;
    lastReviewedAt = at;
    dueAt = at.plus(Duration.ofDays(intervalDays));
  }

  UUID id() {
    return id;
  }

  UUID userId() {
    return userId;
  }

  String word() {
    return word;
  }

  String definition() {
    return definition;
  }

  UUID storyId() {
    return storyId;
  }

  int mastery() {
    return mastery;
  }

  int repetitions() {
    return repetitions;
  }

  int intervalDays() {
    return intervalDays;
  }

  BigDecimal ease() {
    return ease;
  }

  int reviews() {
    return reviews;
  }

  Instant dueAt() {
    return dueAt;
  }

  Instant lastReviewedAt() {
    return lastReviewedAt;
  }

  Instant createdAt() {
    return createdAt;
  }

  long version() {
    return version;
  }
}
