package org.lectern.content;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.lectern.platform.Ids;
import org.lectern.tenancy.TenantScoped;

/** One chunk of a story version's text, in order (1-based). */
@Entity
@Table(name = "story_chunks")
public class StoryChunk extends TenantScoped {

  @Id private UUID id;

  @Column(name = "version_id", nullable = false)
  private UUID versionId;

  @Column(name = "chunk_order", nullable = false)
  private int order;

  @Column(name = "chunk_text", nullable = false)
  private String text;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Chunks.Type type;

  @Column(name = "word_count", nullable = false)
  private int wordCount;

  protected StoryChunk() {}

  public StoryChunk(UUID versionId, int order, Chunks.Piece piece) {
    this.id = Ids.newId();
    this.versionId = versionId;
    this.order = order;
    this.text = piece.text();
    this.type = piece.type();
    this.wordCount = Story.countWords(piece.text());
  }

  public Chunks.Piece piece() {
    return new Chunks.Piece(text, type);
  }

  public UUID id() {
    return id;
  }

  public UUID versionId() {
    return versionId;
  }

  public int order() {
    return order;
  }

  public String text() {
    return text;
  }

  public Chunks.Type type() {
    return type;
  }

  public int wordCount() {
    return wordCount;
  }
}
