package org.lectern.ai;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Request and answer bodies of {@code /api/ai-content}. */
public final class AiDtos {

  private AiDtos() {}

  static final String PLAIN_TEXT = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F]*";
  static final String PLAIN_TEXT_MESSAGE =
      "must be plain text: no control characters but tab and line breaks";

  /** The kinds of work a job does (the seed's AIGeneratedImage, TTSRequest, AIGeneratedContent). */
  public enum Kind {
    illustration,
    speech,
    teaching_material
  }

  /** What a job is doing: queued, running, then succeeded or failed; or cancelled while queued. */
  public enum Status {
    queued,
    running,
    succeeded,
    failed,
    cancelled
  }

  /** The moderation gate's verdict on a job: see {@code V55__ai_jobs.sql}. */
  public enum Moderation {
    pending,
    passed,
    blocked,
    approved,
    discarded
  }

  /** What teaching material a job writes. */
  public enum Material {
    summary,
    questions,
    vocabulary
  }

  /**
   * {@code POST /api/ai-content/jobs}. The story is always named; {@code version} (else the
   * readers' version) and {@code chunk} narrow it. Illustrations need a {@code prompt}; speech may
   * name a {@code voice} and {@code voiceType}; teaching material names its {@code material} and
   * how many questions or words ({@code count}).
   */
  public record JobRequest(
      @NotNull Kind kind,
      @NotNull UUID storyId,
      @Min(1) @Max(100_000) Integer version,
      @Min(1) @Max(10_000) Integer chunk,
      @Size(min = 1, max = 1000) @Pattern(regexp = PLAIN_TEXT, message = PLAIN_TEXT_MESSAGE)
          String prompt,
      @Pattern(regexp = "256x256|512x512|1024x1024") String size,
      @Size(min = 1, max = 64) @Pattern(regexp = "[A-Za-z0-9_.+-]+") String voice,
      @Pattern(regexp = "male|female|child") String voiceType,
      Material material,
      @Min(1) @Max(20) Integer count) {
    @JsonbCreator
    public JobRequest {}
  }

  /**
   * A job as its requester and the school's reviewers see it. {@code result} is the work's outcome
   * (an image, an audio asset, teaching material); {@code moderationReasons} say why the gate
   * blocked it.
   */
  public record JobView(
      UUID id,
      Kind kind,
      UUID storyId,
      Integer version,
      Integer chunk,
      JsonObject parameters,
      UUID requestedBy,
      Status status,
      int progress,
      int attempts,
      int maxAttempts,
      Instant nextRunAt,
      String errorCode,
      String error,
      JsonObject result,
      Moderation moderationStatus,
      String moderationStage,
      List<String> moderationReasons,
      UUID reviewedBy,
      Instant reviewedAt,
      Instant createdAt,
      Instant startedAt,
      Instant finishedAt,
      Instant updatedAt) {}

  /** {@code GET /api/ai-content/quota}: this month's use of the school's quota. */
  public record QuotaView(
      LocalDate month,
      String timeZone,
      int limit,
      int used,
      int remaining,
      String source,
      Instant resetsAt) {}

  /** {@code PUT /api/ai-content/quota}: the school's own monthly quota; null returns to default. */
  public record QuotaRequest(@Min(0) @Max(1_000_000) Integer monthlyJobs) {
    @JsonbCreator
    public QuotaRequest {}
  }
}
