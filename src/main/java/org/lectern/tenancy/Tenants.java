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

  /** The longest reference that can name a tenant: a slug (63 characters; a UUID has 36). */
  public static final int MAX_REFERENCE = 63;

  /** By id, or by slug when the reference is not a UUID (the X-Tenant-Id header takes both). */
  public Optional<Tenant> byReference(String reference) {
    if (reference.length() > MAX_REFERENCE) {
      return Optional.empty(); // longer than any id or slug: no need to ask the database
    }
    try {
      return byId(UUID.fromString(reference.trim()));
    } catch (IllegalArgumentException notUuid) {
      return bySlug(reference);
    }
  }

  /** What a request needs of its tenant: whether it may act, its slug and its rules' version. */
  public record State(UUID id, String slug, TenantStatus status, long policyVersion) {
    public boolean isActive() {
      return status == TenantStatus.active;
    }
  }

  /**
   * One statement that reads the tenant {@code ?1}'s {@link State} together with what the caller
   * joins to it, so resolving a request's caller costs one round trip (identity joins the user).
   * Tenancy owns the {@code tenants} table, so its part of the SQL is written here: the statement
   * selects {@code t.id, t.slug, t.status, t.policy_version} followed by {@code columns} (each
   * starting with a comma), from {@code tenants t} followed by {@code joins}, where {@code t.id =
   * ?1}. No row means no such tenant; read the first {@value #STATE_COLUMNS} values with {@link
   * #state(Object[])}.
   */
  public static String stateWith(String columns, String joins) {
    return "SELECT t.id, t.slug, t.status, t.policy_version"
        + columns
        + " FROM tenants t"
        + joins
        + " WHERE t.id = ?1";
  }

  /** Columns of {@link #stateWith} before the caller's own. */
  public static final int STATE_COLUMNS = 4;

  /** The tenant's state from a row of {@link #stateWith}. */
  public static State state(Object[] row) {
    return new State(
        (UUID) row[0],
        (String) row[1],
        TenantStatus.valueOf((String) row[2]),
        ((Number) row[3]).longValue());
  }

  /**
   * Marks the current tenant's access rules as changed, in the current transaction: every node
   * builds its enforcer anew from the next request on (see access's TenantEnforcers).
   */
  public void bumpPolicyVersion() {
    tem.sql("UPDATE tenants SET policy_version = policy_version + 1 WHERE id = ?1").executeUpdate();
  }
}
