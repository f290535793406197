package org.lectern.approval;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.UUID;
import org.lectern.access.AccessControl;
import org.lectern.approval.ApprovalSubject.Target;
import org.lectern.platform.EntityIds;

/**
 * Carries out {@link RequiresApproval}. Runs inside the transaction interceptor and outside the
 * audit interceptor, so an act put under approval leaves only the request's audit entry, and the
 * act's own entry is written when it is finally carried out.
 */
@RequiresApproval
@Interceptor
@Priority(Interceptor.Priority.APPLICATION + 10)
public class ApprovalInterceptor {

  @Inject ApprovalService approvals;
  @Inject ApprovalExecution execution;
  @Inject AccessControl access;

  @AroundInvoke
  Object gate(InvocationContext call) throws Exception {
    RequiresApproval rule = call.getMethod().getAnnotation(RequiresApproval.class);
    String entityType = rule.entity();
    String action = rule.action();
    UUID id = EntityIds.of(call);
    if (execution.isRunning(entityType, id, action) || !approvals.required(entityType, action)) {
      return call.proceed();
    }
    Target target = approvals.target(entityType, id);
    // Asking needs the same right as doing: a student cannot queue up a publication.
    access.require(entityType, action, target.attributes());
    if (approvals.mayActAlone(entityType, target)) {
      return call.proceed();
    }
    throw new ApprovalPending(
        approvals.request(entityType, id, action, call.getParameters(), target.version()));
  }
}
