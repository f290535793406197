package org.lectern.access;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.lectern.platform.Ids;
import org.lectern.platform.JsonbConverter;
import org.lectern.platform.TextArrayConverter;
import org.lectern.tenancy.TenantScoped;

/**
 * A tenant's ABAC rule: when its JSON conditions hold for the caller ({@code user.*}) and the
 * resource ({@code resource.*}), it allows or denies the listed actions on that resource type.
 */
@Entity
@Table(name = "resource_policies")
public class ResourcePolicy extends TenantScoped {

  /** allow or deny. */
  public enum Effect {
    allow,
    deny
  }

  @Id private UUID id;

  @Column(nullable = false)
  private String name;

  private String description;

  @Column(nullable = false)
  private String resource;

  @Convert(converter = TextArrayConverter.class)
  @Column(nullable = false)
  private List<String> actions = new ArrayList<>();

  @Convert(converter = JsonbConverter.class)
  @Column(nullable = false)
  private String conditions;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Effect effect;

  @Column(nullable = false)
  private int priority;

  @Column(name = "is_active", nullable = false)
  private boolean active;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected ResourcePolicy() {}

  ResourcePolicy(PolicyDefinition d) {
    this.id = Ids.newId();
    this.createdAt = Instant.now();
    apply(d);
  }

  /** Replaces the rule's definition; the conditions were validated by the caller. */
  void apply(PolicyDefinition d) {
    name = d.name();
    description = d.description();
    resource = d.resource();
    actions = new ArrayList<>(d.actions());
    conditions = d.conditions();
    effect = d.effect();
    priority = d.priority();
    active = d.active();
    updatedAt = Instant.now();
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

  public String resource() {
    return resource;
  }

  public List<String> actions() {
    return List.copyOf(actions);
  }

  public String conditions() {
    return conditions;
  }

  public Effect effect() {
    return effect;
  }

  public int priority() {
    return priority;
  }

  public boolean isActive() {
    return active;
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
}
