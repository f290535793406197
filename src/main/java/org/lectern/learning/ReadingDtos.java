package org.lectern.learning;

import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and answer bodies of the reading record's endpoints. */
public final class ReadingDtos {

  private ReadingDtos() {}

  /** The most events one batch may carry. */
  public static final int MAX_EVENTS = 500;

  /** The longest reading one event may report: a longer stretch is several events. */
  public static final int MAX_SECONDS_PER_EVENT = 3600;

  /**
   * One thing a reader app saw: chunk {@code chunk} of {@code totalChunks} of version {@code
   * version} of a story, read at {@code occurredAt} for {@code secondsRead} seconds. {@code
   * eventId} is the app's own id: the same event sent again counts once.
   */
  public record ReadingEvent(
      @NotNull UUID eventId,
      @NotNull UUID storyId,
      @NotNull @Min(1) @Max(100_000) Integer version,
      @NotNull @Min(1) @Max(100_000) Integer chunk,
      @NotNull @Min(1) @Max(100_000) Integer totalChunks,
      @NotNull Instant occurredAt,
      @NotNull @Min(0) @Max(MAX_SECONDS_PER_EVENT) Integer secondsRead,
      @Min(0) @Max(10_000) Integer interactions) {
    @JsonbCreator
    public ReadingEvent {}
  }

  /** {@code POST /api/reading-progress/events}. */
  public record EventBatch(
      @NotNull @Size(min = 1, max = MAX_EVENTS) @Valid List<@NotNull ReadingEvent> events) {
    @JsonbCreator
    public EventBatch {}
  }

  /** An event the batch answer refuses, by its place in the batch, and why. */
  public record Refusal(int index, UUID eventId, String code, String detail) {}

  /**
   * What a batch did: events counted now, events counted before (a retry), events refused, and the
   * progress of every story the batch reported on, as it stands after it.
   */
  public record BatchResult(
      int accepted, int duplicates, List<Refusal> refused, List<ProgressView> progress) {}

  /** A learner's progress in one story. */
  public record ProgressView(
      UUID userId,
      UUID storyId,
      int version,
      int furthestChunk,
      int totalChunks,
      int percentComplete,
      Instant completedAt,
      Instant firstReadAt,
      Instant lastReadAt,
      long secondsRead,
      int events) {}

  /** A reading session: events no more than 30 minutes apart. */
  public record SessionView(
      UUID id,
      UUID userId,
      Instant startedAt,
      Instant endedAt,
      long secondsSpent,
      long interactions,
      int events) {}

  /** A learner's progress in one lesson. */
  public record LessonProgressView(
      UUID userId,
      UUID lessonId,
      String status,
      Instant startedAt,
      Instant completedAt,
      String completedBy) {}
}
