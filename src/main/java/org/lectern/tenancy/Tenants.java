package org.lectern.tenancy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;

/** Finders for tenants; callers own the transaction. */
@ApplicationScoped
public class Tenants {

  @Inject TenantEntityManager tem;

  public Optional<Tenant> byId(UUID id) {
    return Optional.ofNullable(tem.global().find(Tenant.class, id));
  }

  public Optional<Tenant> bySlug(String slug) {
    return tem
        .global()
        .createQuery("SELECT t FROM Tenant t WHERE t.slug = :s", Tenant.class)
        .setParameter("s", slug.trim().toLowerCase())
        .getResultList()
        .stream()
        .findFirst();
  }

  /** By id, or by slug when the reference is not a UUID (the X-Tenant-Id header takes both). */
  public Optional<Tenant> byReference(String reference) {
    try {
      return byId(UUID.fromString(reference.trim()));
    } catch (IllegalArgumentException notUuid) {
      return bySlug(reference);
    }
  }

  /**
   * Marks the current tenant's access rules as changed, in the current transaction: every node
   * builds its enforcer anew from the next request on (see access's TenantEnforcers).
   */
  public void bumpPolicyVersion() {
    tem.sql("UPDATE tenants SET policy_version = policy_version + 1 WHERE id = ?1").executeUpdate();
  }
}
