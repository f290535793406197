package org.lectern.media;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.lectern.platform.NullableUuidConverter;
import org.lectern.tenancy.TenantScoped;

/**
 * A recording of a story, one of its versions, or a lesson (schema-guide.md, "Audio Asset
 * Management"). Content type, size and duration come from the file's bytes, never from the client.
 */
@Entity
@Table(name = "audio_assets")
public class AudioAsset extends TenantScoped {

  /** Whose voice. */
  public enum VoiceType {
    male,
    female,
    child
  }

  /** Readers get published audio only. */
  public enum Status {
    draft,
    processed,
    published
  }

  @Id private UUID id;

  @Convert(converter = NullableUuidConverter.class)
  @Column(name = "story_id")
  private UUID storyId;

  @Convert(converter = NullableUuidConverter.class)
  @Column(name = "story_version_id")
  private UUID storyVersionId;

  @Convert(converter = NullableUuidConverter.class)
  @Column(name = "lesson_id")
  private UUID lessonId;

  @Column(name = "storage_key", nullable = false)
  private String storageKey;

  @Column(name = "content_type", nullable = false)
  private String contentType;

  @Column(name = "size_bytes", nullable = false)
  private long sizeBytes;

  @Column(nullable = false)
  private String sha256;

  @Enumerated(EnumType.STRING)
  @Column(name = "voice_type", nullable = false)
  private VoiceType voiceType;

  @Column(name = "duration_sec")
  private Integer durationSec;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Status status;

  @Column(name = "created_by", nullable = false)
  private UUID createdBy;

  @Convert(converter = NullableUuidConverter.class)
  @Column(name = "recorded_by")
  private UUID recordedBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected AudioAsset() {}

  /** A new draft recording of the given owner (story and optionally its version, or lesson). */
  public AudioAsset(
      UUID id,
      AudioOwner owner,
      String storageKey,
      String contentType,
      long sizeBytes,
      String sha256,
      Integer durationSec,
      VoiceType voiceType,
      UUID createdBy,
      UUID recordedBy) {
    this.id = id;
    this.storyId = owner.storyId();
    this.storyVersionId = owner.storyVersionId();
    this.lessonId = owner.lessonId();
    this.storageKey = storageKey;
    this.contentType = contentType;
    this.sizeBytes = sizeBytes;
    this.sha256 = sha256;
    this.durationSec = durationSec;
    this.voiceType = voiceType;
    this.status = Status.draft;
    this.createdBy = createdBy;
    this.recordedBy = recordedBy;
    this.createdAt = Instant.now();
    this.updatedAt = createdAt;
  }

  public void edit(VoiceType voiceType, Status status, UUID recordedBy) {
    if (voiceType != null) {
      this.voiceType = voiceType;
    }
    if (status != null) {
      this.status = status;
    }
    if (recordedBy != null) {
      this.recordedBy = recordedBy;
    }
    updatedAt = Instant.now();
  }

  public AudioOwner owner() {
    return new AudioOwner(storyId, storyVersionId, lessonId);
  }

  public UUID id() {
    return id;
  }

  public String storageKey() {
    return storageKey;
  }

  public String contentType() {
    return contentType;
  }

  public long sizeBytes() {
    return sizeBytes;
  }

  public String sha256() {
    return sha256;
  }

  public VoiceType voiceType() {
    return voiceType;
  }

  public Integer durationSec() {
    return durationSec;
  }

  public Status status() {
    return status;
  }

  public UUID createdBy() {
    return createdBy;
  }

  public UUID recordedBy() {
    return recordedBy;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  public long version() {
    return version;
  }

  /** What a recording belongs to: a story (and maybe one version of it), or a lesson. */
  public record AudioOwner(UUID storyId, UUID storyVersionId, UUID lessonId) {}
}
