package org.lectern.access;

import jakarta.enterprise.context.RequestScoped;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.lectern.context.Caller;

/**
 * What ABAC conditions read as {@code user.*}, built once per request instead of once per access
 * decision: a list of fifty stories asks about each of them. Built again when a {@code runAs} scope
 * changes the caller, the tenant or its rules' version.
 */
@RequestScoped
class CallerAttributes {

  private Caller caller;
  private UUID tenantId;
  private long policyVersion;
  private Map<String, Object> attributes;

  Map<String, Object> of(
      Caller caller, UUID tenantId, long policyVersion, Supplier<Map<String, Object>> build) {
    if (attributes == null
        || caller != this.caller
        || !tenantId.equals(this.tenantId)
        || policyVersion != this.policyVersion) {
      attributes = Collections.unmodifiableMap(build.get());
      this.caller = caller;
      this.tenantId = tenantId;
      this.policyVersion = policyVersion;
    }
    return attributes;
  }
}
