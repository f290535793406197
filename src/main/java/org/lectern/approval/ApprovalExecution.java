package org.lectern.approval;

import jakarta.enterprise.context.RequestScoped;
import java.util.Objects;
import java.util.UUID;

/**
 * The approved act this request is carrying out, if any: the approval interceptor lets exactly that
 * call (entity, id, action) through without asking again.
 */
@RequestScoped
public class ApprovalExecution {

  private record Running(String entityType, UUID entityId, String action) {}

  private Running running;

  void run(Approval approval, Runnable work) {
    Running previous = running;
    running = new Running(approval.entityType(), approval.entityId(), approval.action());
    try {
      work.run();
    } finally {
      running = previous;
    }
  }

  boolean isRunning(String entityType, UUID entityId, String action) {
    return Objects.equals(running, new Running(entityType, entityId, action));
  }
}
