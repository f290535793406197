package org.lectern.media;

import jakarta.enterprise.context.ApplicationScoped;
import org.lectern.audit.EntityAudit;

/** Audio recordings as the audit trail sees them. */
@ApplicationScoped
public class AudioAudit extends EntityAudit {
  public AudioAudit() {
    super(AudioService.RESOURCE, AudioAsset.class);
  }
}
