package org.lectern.audit;

/**
 * Who may read an audit chain. Access control, which sits above audit (its own changes are
 * audited), answers; audit only asks, so the decision stays in one place.
 */
public interface AuditReaders {

  /** 403 unless the caller may read the current tenant's chain ({@code audit:read}). */
  void requireTenantChain();

  /** 403 unless the caller's platform role may read the platform's own chain. */
  void requirePlatformChain();
}
