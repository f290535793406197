package org.lectern.tenancy;

import jakarta.persistence.Access;
import jakarta.persistence.AccessType;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;

/**
 * A tenant-scoped entity whose deletion is soft: {@code deleted_at} hides it from every read, the
 * row stays for a restore, and a hard delete (purge) is a separate act. Deleting and restoring are
 * changes of the entity, recorded by the subclass as its last change.
 */
@MappedSuperclass
@Access(AccessType.FIELD)
public abstract class SoftDeletable extends TenantScoped {

  @Column(name = "deleted_at")
  private Instant deletedAt;

  /** Hides the entity; deleting it again changes nothing. */
  public void softDelete() {
    if (deletedAt == null) {
      deletedAt = Instant.now();
      changed(deletedAt);
    }
  }

  /** Brings the entity back as it was; restoring one that is not deleted changes nothing. */
  public void restore() {
    if (deletedAt != null) {
      deletedAt = null;
      changed(Instant.now());
    }
  }

  public boolean isDeleted() {
    return deletedAt != null;
  }

  public Instant deletedAt() {
    return deletedAt;
  }

  /** The entity changed at {@code at}: subclasses move their {@code updatedAt}. */
  protected abstract void changed(Instant at);
}
