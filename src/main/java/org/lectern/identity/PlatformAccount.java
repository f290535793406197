package org.lectern.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.lectern.audit.Sensitive;
import org.lectern.context.Caller;
import org.lectern.platform.Ids;
import org.lectern.platform.TextArrayConverter;

/**
 * A platform operator's account (super_admin, system_admin). Global: it belongs to no tenant and
 * acts inside one only by naming it explicitly.
 */
@Entity
@Table(name = "platform_accounts")
public class PlatformAccount {

  @Id private UUID id;

  @Column(nullable = false)
  private String email;

  @Column(name = "display_name", nullable = false)
  private String displayName;

  @Column(name = "password_hash", nullable = false)
  @Sensitive
  private String passwordHash;

  @Convert(converter = TextArrayConverter.class)
  @Column(nullable = false)
  private List<String> roles = new ArrayList<>();

  @Column(name = "is_active", nullable = false)
  private boolean active;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected PlatformAccount() {}

  public PlatformAccount(
      String email, String displayName, String passwordHash, List<String> roles) {
    this.id = Ids.newId();
    this.email = email.trim();
    this.displayName = displayName;
    this.passwordHash = passwordHash;
    this.roles = new ArrayList<>(roles);
    this.active = true;
    this.createdAt = Instant.now();
    this.updatedAt = createdAt;
  }

  /** This account as a request's caller. */
  public Caller asCaller() {
    return Caller.platform(id, email, roles());
  }

  public UUID id() {
    return id;
  }

  public String email() {
    return email;
  }

  public String displayName() {
    return displayName;
  }

  String passwordHash() {
    return passwordHash;
  }

  public List<String> roles() {
    return List.copyOf(roles);
  }

  public boolean isActive() {
    return active;
  }
}
