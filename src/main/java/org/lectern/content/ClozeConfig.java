package org.lectern.content;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.UUID;
import org.lectern.platform.Ids;
import org.lectern.tenancy.TenantScoped;

/**
 * Cloze settings of a story version: for one part of speech, the share (0 to 1) of its words that
 * cloze exercises blank out.
 */
@Entity
@Table(name = "cloze_configs")
public class ClozeConfig extends TenantScoped {

  /** The parts of speech a cloze setting can name. */
  public enum PartOfSpeech {
    noun,
    verb,
    adjective,
    adverb,
    pronoun,
    preposition,
    conjunction,
    determiner,
    numeral,
    interjection
  }

  @Id private UUID id;

  @Column(name = "story_version_id", nullable = false)
  private UUID versionId;

  @Enumerated(EnumType.STRING)
  @Column(name = "part_of_speech", nullable = false)
  private PartOfSpeech partOfSpeech;

  @Column(nullable = false)
  private BigDecimal ratio;

  protected ClozeConfig() {}

  public ClozeConfig(UUID versionId, PartOfSpeech partOfSpeech, BigDecimal ratio) {
    this.id = Ids.newId();
    this.versionId = versionId;
    this.partOfSpeech = partOfSpeech;
    this.ratio = ratio;
  }

  public UUID versionId() {
    return versionId;
  }

  public PartOfSpeech partOfSpeech() {
    return partOfSpeech;
  }

  public BigDecimal ratio() {
    return ratio;
  }
}
