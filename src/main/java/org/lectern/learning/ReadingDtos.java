package org.lectern.learning;

import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.lectern.platform.LecternException;

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
      UUID eventId,
      UUID storyId,
      Integer version,
      Integer chunk,
      Integer totalChunks,
      Instant occurredAt,
      Integer secondsRead,
      Integer interactions) {
    @JsonbCreator
    public ReadingEvent {}

    /**
     * This event's field errors, as {@code events[i].field}. Checked here rather than by Bean
     * Validation: a 500-event batch has 4,000 constraints, and evaluating them through the
     * validator cost a fifth of the endpoint's CPU (see README, "Benchmarks").
     */
    void check(int i, List<LecternException.FieldError> errors) {
      String at = "events[" + i + "].";
      required(errors, at + "eventId", eventId);
      required(errors, at + "storyId", storyId);
      required(errors, at + "occurredAt", occurredAt);
      range(errors, at + "version", version, 1, 100_000, true);
      range(errors, at + "chunk", chunk, 1, 100_000, true);
      range(errors, at + "totalChunks", totalChunks, 1, 100_000, true);
      range(errors, at + "secondsRead", secondsRead, 0, MAX_SECONDS_PER_EVENT, true);
      range(errors, at + "interactions", interactions, 0, 10_000, false);
    }

    private static void required(List<LecternException.FieldError> errors, String field, Object v) {
      if (v == null) {
        errors.add(new LecternException.FieldError(field, "must not be null"));
      }
    }

    private static void range(
        List<LecternException.FieldError> errors,
        String field,
        Integer v,
        int min,
        int max,
        boolean required) {
      if (v == null) {
        if (required) {
          errors.add(new LecternException.FieldError(field, "must not be null"));
        }
      } else if (v < min || v > max) {
        errors.add(
            new LecternException.FieldError(field, "must be between " + min + " and " + max));
      }
    }
  }

  /** {@code POST /api/reading-progress/events}. */
  public record EventBatch(@NotNull @Size(min = 1, max = MAX_EVENTS) List<ReadingEvent> events) {
    @JsonbCreator
    public EventBatch {}

    /** A 400 naming every invalid field (the first 50), or nothing when the batch is valid. */
    void check() {
      List<LecternException.FieldError> errors = new java.util.ArrayList<>();
      for (int i = 0; i < events.size() && errors.size() < 50; i++) {
        ReadingEvent e = events.get(i);
        if (e == null) {
          errors.add(new LecternException.FieldError("events[" + i + "]", "must not be null"));
        } else {
          e.check(i, errors);
        }
      }
      if (!errors.isEmpty()) {
        throw LecternException.invalid("request.invalid", "The request is not valid.", errors);
      }
    }
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
