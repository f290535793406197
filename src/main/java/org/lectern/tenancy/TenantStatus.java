package org.lectern.tenancy;

/** A suspended tenant's users get 403 on everything until a super-admin reactivates it. */
public enum TenantStatus {
  active,
  suspended
}
