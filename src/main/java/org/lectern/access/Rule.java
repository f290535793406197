package org.lectern.access;

import java.util.List;

/**
 * One line of a tenant's jCasbin policy: a grant (no condition) or an ABAC rule (the id of the
 * ResourcePolicy whose conditions must hold).
 *
 * @param subject a role name, a user id, or "*" for anyone in the tenant
 * @param domain the tenant id, or "*" for the platform's global grants
 */
record Rule(
    int priority,
    String subject,
    String domain,
    String resource,
    String action,
    String condition,
    boolean allow) {

  static final int MAX_PRIORITY = 1000;

  static Rule grant(String subject, String domain, String resource, String action) {
    return new Rule(0, subject, domain, resource, action, "", true);
  }

  /**
   * jCasbin's {@code priority(p.eft)} effect takes the first matching rule in ascending rank. The
   * rank puts higher priorities first and, at equal priority, deny before allow, which is exactly
   * "higher priority decides first; deny beats allow at equal priority".
   */
  int rank() {
    return (MAX_PRIORITY - priority) * 2 + (allow ? 1 : 0);
  }

  List<String> toPolicy() {
    return List.of(
        Integer.toString(rank()),
        subject,
        domain,
        resource,
        action,
        condition,
        allow ? "allow" : "deny");
  }
}
