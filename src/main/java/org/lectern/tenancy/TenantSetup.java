package org.lectern.tenancy;

import jakarta.json.JsonObject;
import org.lectern.tenancy.TenancyDtos.AdminAccount;

/**
 * What a tenant needs from the other capabilities (roles and rules from access, people from
 * identity) when it is provisioned or its manifest is applied. Tenancy calls them through this
 * interface so it depends on neither. The {@code ensure*} methods are idempotent: they create what
 * is missing and report whether they did.
 */
public interface TenantSetup {

  /** System roles, default grants and default ABAC rules for the current tenant. */
  void provisionDefaults();

  /** The tenant's first admin. */
  void createAdmin(AdminAccount admin);

  /** 403 unless the caller's platform role allows this platform-level act. */
  void requirePlatform(String resource, String action);

  /** A user with this role, from a manifest entry ({@code email, displayName, password, ...}). */
  boolean ensureUser(JsonObject person, String role);

  /** A custom role ({@code name, description, grants}). */
  boolean ensureRole(JsonObject role);

  /** An ABAC rule in the shape of {@code POST /api/policies}, matched by name. */
  boolean ensurePolicy(JsonObject policy);

  /**
   * Sets whether an act ({@code "story:publish"}) needs approval, unless the tenant has chosen
   * already; true if it was set.
   */
  boolean ensureApprovalRule(String act, boolean required);
}
