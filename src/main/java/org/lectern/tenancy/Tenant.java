package org.lectern.tenancy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.lectern.platform.Ids;

/** A school. Global (not tenant-scoped): its id is the tenant id every other table carries. */
@Entity
@Table(name = "tenants")
public class Tenant {

  @Id private UUID id;

  @Column(nullable = false, unique = true)
  private String slug;

  @Column(nullable = false)
  private String name;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private TenantStatus status;

  /** The school's IANA time zone: its students' local days, unless they name their own. */
  @Column(name = "time_zone", nullable = false)
  private String timeZone = "UTC";

  @Column(name = "policy_version", nullable = false)
  private long policyVersion;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected Tenant() {}

  public Tenant(String slug, String name) {
    this.id = Ids.newId();
    this.slug = slug;
    this.name = name;
    this.status = TenantStatus.active;
    this.createdAt = Instant.now();
    this.updatedAt = createdAt;
  }

  public void changeTimeZone(String zone) {
    timeZone = zone;
    updatedAt = Instant.now();
  }

  public String timeZone() {
    return timeZone;
  }

  public void suspend() {
    status = TenantStatus.suspended;
    updatedAt = Instant.now();
  }

  public void reactivate() {
    status = TenantStatus.active;
    updatedAt = Instant.now();
  }

  public void rename(String newName) {
    if (!newName.equals(name)) {
      name = newName;
      updatedAt = Instant.now();
    }
  }

  public UUID id() {
    return id;
  }

  public String slug() {
    return slug;
  }

  public String name() {
    return name;
  }

  public TenantStatus status() {
    return status;
  }

  public boolean isActive() {
    return status == TenantStatus.active;
  }

  public long policyVersion() {
    return policyVersion;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public long version() {
    return version;
  }
}
