package org.lectern.tenancy;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import java.util.UUID;
import org.lectern.platform.LecternException;

/**
 * The tenant the current request (or start-up unit of work) acts in. Fixed once, from the verified
 * token's {@code tenant} claim, or for a platform super-admin from the tenant it names explicitly;
 * never from anything else the client sends.
 */
@RequestScoped
public class TenantContext {

  private UUID tenantId;
  private Long policyVersion;

  /** Fixes the tenant; a request cannot switch tenants half-way. */
  public void set(UUID tenantId) {
    if (this.tenantId != null && !this.tenantId.equals(tenantId)) {
      throw new IllegalStateException("tenant already fixed for this request");
    }
    this.tenantId = tenantId;
  }

  /** The tenant's access-policy version as read at the start of this request, if read. */
  public Optional<Long> policyVersion() {
    return Optional.ofNullable(policyVersion);
  }

  public void policyVersion(long version) {
    this.policyVersion = version;
  }

  public Optional<UUID> tenantId() {
    return Optional.ofNullable(tenantId);
  }

  /** The tenant, for tenant-scoped work; a caller without one (a platform account) gets 404. */
  public UUID require() {
    if (tenantId == null) {
      throw new LecternException(
          404,
          "tenant.not-selected",
          "This is tenant data: platform accounts name the tenant with the X-Tenant-Id header.");
    }
    return tenantId;
  }
}
