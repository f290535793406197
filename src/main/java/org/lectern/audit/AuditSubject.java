package org.lectern.audit;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * How the audit trail sees one entity type: its state as a map of JSON-ready values, read before
 * and after an audited call. Each capability provides one bean per audited entity type, usually
 * {@code AuditState.of(entity)} plus whatever the entity's link tables hold (a user's roles).
 */
public interface AuditSubject {

  /** The entity type this bean describes, as {@link Audited#entity()} names it. */
  String entityType();

  /** The entity's current state in the current tenant, or empty if there is no such entity. */
  Optional<Map<String, Object>> snapshot(UUID id);
}
