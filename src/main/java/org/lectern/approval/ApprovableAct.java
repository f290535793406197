package org.lectern.approval;

import java.util.UUID;

/**
 * An act that may wait for approval, as a named command: what a pending approval stores is the
 * act's {@link #name()} and its payload record as JSON, never a Java method or its arguments, so
 * stored requests survive refactoring of the services that carry them out.
 *
 * <p>Implementations are CDI beans in the capability that owns the act; {@link ApprovableActs}
 * finds them by name. The payload record declares a {@code @JsonbCreator} constructor (Payara's
 * JSON-B reads records only through one). Stored payloads are read leniently (see {@link
 * ApprovalPayloads}): fields the record does not know are ignored, and fields a stored payload
 * lacks take the value {@link #payload(UUID)} gives them, else null. Change a payload record only
 * in ways such a reading tolerates; rename an act never.
 *
 * @param <P> the payload record
 */
public interface ApprovableAct<P extends Record> {

  /** The entity type, as {@link ApprovalSubject#entityType()} and access rules name it. */
  String entityType();

  /** The action on the entity, as access rules name it ({@code publish}). */
  String action();

  /** The stable name stored with every approval: {@code entityType:action}. */
  default String name() {
    return name(entityType(), action());
  }

  /** Whether a tenant that has not chosen needs approval for this act. */
  boolean byDefault();

  /** The payload record's type. */
  Class<P> payloadType();

  /** The payload of a request for this act on the entity, as it is asked for now. */
  P payload(UUID entityId);

  /** The entity a payload acts on; an approval runs only a payload for its own entity. */
  UUID entityId(P payload);

  /**
   * Carries out the act through the owning service, so its access checks, audit and approval gate
   * apply as for any call (the gate lets the approved act through once).
   */
  void execute(P payload);

  /** The name of the act {@code action} on {@code entityType}. */
  static String name(String entityType, String action) {
    return entityType + ":" + action;
  }
}
