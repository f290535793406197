package org.lectern.audit;

import jakarta.enterprise.context.RequestScoped;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import org.lectern.context.Caller;

/**
 * What an audited call can tell the audit trail that its parameters and result cannot: which entity
 * it turned out to act on (a sign-in finds its user by email), explicit values for acts without an
 * entity to compare, and, while an approved request runs, who asked for it. One frame per audited
 * call in progress, so nested audited calls keep their own notes.
 */
@RequestScoped
public class AuditNotes {

  /** The notes of one audited call. */
  static final class Frame {
    UUID subject;
    String entityType;
    Map<String, Object> oldValues;
    Map<String, Object> newValues;
    boolean explicit;
    Caller actor;
  }

  /** An approved request being carried out: the approver acts, the requester asked. */
  public record Delegation(UUID requestedBy, UUID approvalId) {}

  private final Deque<Frame> frames = new ArrayDeque<>();
  private Delegation delegation;

  Frame push() {
    Frame f = new Frame();
    frames.push(f);
    return f;
  }

  void pop() {
    frames.pop();
  }

  /** Names the entity the current audited call acts on. */
  public void subject(UUID id) {
    current().subject = id;
  }

  /** Names the entity and its type, where the type differs from the annotation's. */
  public void subject(String entityType, UUID id) {
    current().entityType = entityType;
    current().subject = id;
  }

  /**
   * Names who acted, where the call itself established it: a sign-in acts as the user it has just
   * verified, though the request came in as nobody.
   */
  public void actor(Caller actor) {
    current().actor = actor;
  }

  /** Records these values instead of comparing snapshots (either may be null). */
  public void values(Map<String, Object> oldValues, Map<String, Object> newValues) {
    Frame f = current();
    f.oldValues = oldValues;
    f.newValues = newValues;
    f.explicit = true;
  }

  /** While {@code work} runs, audited acts are recorded as carried out for this approval. */
  public void delegated(Delegation d, Runnable work) {
    Delegation previous = delegation;
    delegation = d;
    try {
      work.run();
    } finally {
      delegation = previous;
    }
  }

  /**
   * The request this act is carried out for (an approved one), if it is; for the act's own record.
   */
  public java.util.Optional<Delegation> currentDelegation() {
    return java.util.Optional.ofNullable(delegation);
  }

  Delegation delegation() {
    return delegation;
  }

  private Frame current() {
    Frame f = frames.peek();
    if (f == null) {
      throw new IllegalStateException("audit notes are taken only inside an @Audited call");
    }
    return f;
  }
}
