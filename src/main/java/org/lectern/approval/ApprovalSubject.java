package org.lectern.approval;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * How the approval workflow sees one entity type: what access rules see of it, its version (an
 * approval is for the entity as it was requested), and its author (who may not approve it).
 */
public interface ApprovalSubject {

  /** The entity type, as {@link RequiresApproval#entity()} names it. */
  String entityType();

  /** The entity as the caller may see it in the current tenant; empty if absent or invisible. */
  Optional<Target> target(UUID id);

  /** An entity under approval. */
  record Target(Map<String, ?> attributes, long version, UUID author) {}
}
