package org.lectern.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.lectern.platform.Ids;
import org.lectern.platform.LecternException;
import org.lectern.tenancy.TenantScoped;

/**
 * A tenant's role. The system roles (admin, teacher, student) exist in every tenant and cannot be
 * deleted or renamed; tenant admins add their own. Grants are kept in {@code role_permissions}.
 */
@Entity
@Table(name = "roles")
public class Role extends TenantScoped {

  @Id private UUID id;

  @Column(nullable = false)
  private String name;

  private String description;

  @Column(name = "is_system", nullable = false)
  private boolean system;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected Role() {}

  Role(String name, String description, boolean system) {
    this.id = Ids.newId();
    this.name = name;
    this.description = description;
    this.system = system;
    this.createdAt = Instant.now();
    this.updatedAt = createdAt;
  }

  void describe(String newDescription) {
    description = newDescription;
    updatedAt = Instant.now();
  }

  void checkDeletable() {
    if (system) {
      throw LecternException.conflict(
          "role.system", "The role '" + name + "' is built in and cannot be deleted.");
    }
  }

  public UUID id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public boolean isSystem() {
    return system;
  }

  public long version() {
    return version;
  }
}
