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
import org.lectern.platform.InterceptorBindings;

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
  @Inject ApprovableActs acts;
  @Inject AccessControl access;

  @AroundInvoke
  Object gate(InvocationContext call) throws Exception {
    // On the method or, for a gated class, on the class: never null.
    RequiresApproval rule = InterceptorBindings.of(call, RequiresApproval.class);
    ApprovableAct<?> act = acts.named(ApprovableAct.name(rule.entity(), rule.action()));
    UUID id = EntityIds.of(call);
    if (execution.isRunning(act.entityType(), id, act.action()) || !approvals.required(act)) {
      return call.proceed();
    }
    Target target = approvals.target(act.entityType(), id);
    // Asking needs the same right as doing: a student cannot queue up a publication.
    access.require(act.entityType(), act.action(), target.attributes());
    if (approvals.mayActAlone(act.entityType(), target)) {
      return call.proceed();
    }
    throw new ApprovalPending(approvals.request(act, id, target.version()));
  }
}
