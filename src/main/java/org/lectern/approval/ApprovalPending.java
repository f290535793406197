package org.lectern.approval;

import org.lectern.approval.ApprovalDtos.ApprovalView;

/**
 * Thrown by the approval interceptor instead of running an act that now waits for approval. Not an
 * error: it is answered 202 Accepted with the approval (see {@link ApprovalPendingMapper}). The
 * approval itself was committed in a transaction of its own.
 */
public class ApprovalPending extends RuntimeException {

  private final transient ApprovalView approval;

  ApprovalPending(ApprovalView approval) {
    super("waiting for approval " + approval.id(), null, false, false);
    this.approval = approval;
  }

  public ApprovalView approval() {
    return approval;
  }
}
