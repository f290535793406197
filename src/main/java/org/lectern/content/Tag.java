package org.lectern.content;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.lectern.platform.Ids;
import org.lectern.tenancy.TenantScoped;

/** A school's tag for stories; names are unique in a school regardless of case. */
@Entity
@Table(name = "tags")
public class Tag extends TenantScoped {

  @Id private UUID id;

  @Column(nullable = false)
  private String name;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected Tag() {}

  public Tag(String name) {
    this.id = Ids.newId();
    this.name = name.strip();
    this.createdAt = Instant.now();
  }

  public void rename(String name) {
    this.name = name.strip();
  }

  public UUID id() {
    return id;
  }

  public String name() {
    return name;
  }

  public Instant createdAt() {
    return createdAt;
  }
}
