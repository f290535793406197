package org.lectern.audit;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.lectern.context.Caller;
import org.lectern.context.RequestContext;
import org.lectern.platform.EntityIds;
import org.lectern.platform.InterceptorBindings;
import org.lectern.platform.LecternException;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Carries out {@link Audited}: snapshots the entity before the call, and after it (once the change
 * is flushed, so constraint failures surface first) appends one entry with what changed, in the
 * same transaction. Runs inside the transaction interceptor.
 */
@Audited(action = AuditAction.NONE)
@Interceptor
@Priority(Interceptor.Priority.APPLICATION + 20)
public class AuditInterceptor {

  @Inject AuditNotes notes;
  @Inject AuditTrail trail;
  @Inject RequestContext context;
  @Inject TenantEntityManager tem;
  @Inject @Any Instance<AuditSubject> subjects;

  @AroundInvoke
  Object audit(InvocationContext call) throws Exception {
    // On the method or, for an audited class, on the class: never null.
    Audited audited = InterceptorBindings.of(call, Audited.class);
    UUID id = EntityIds.of(call);
    Optional<AuditSubject> subject = subject(audited.entity());
    Map<String, Object> before =
        id != null && subject.isPresent() && audited.action() != AuditAction.CREATE
            ? subject.get().snapshot(id).orElse(null)
            : null;
    AuditNotes.Frame frame = notes.push();
    try {
      Object result = call.proceed();
      UUID entityId = id != null ? id : frame.subject != null ? frame.subject : idOf(result);
      AuditState.Change change;
      if (frame.explicit) {
        change = new AuditState.Change(frame.oldValues, frame.newValues);
      } else {
        tem.global().flush();
        Map<String, Object> after =
            entityId != null && subject.isPresent()
                ? subject.get().snapshot(entityId).orElse(null)
                : null;
        change = AuditState.change(audited.action(), before, after);
      }
      trail.append(entry(audited, audited.action(), frame, entityId, change));
      return result;
    } catch (LecternException refused) {
      if (audited.onFailure() != AuditAction.NONE
          && (refused.status() == 401 || refused.status() == 403)) {
        AuditState.Change change =
            frame.explicit
                ? new AuditState.Change(frame.oldValues, frame.newValues)
                : AuditState.Change.NONE;
        trail.appendAlone(entry(audited, audited.onFailure(), frame, frame.subject, change));
      }
      throw refused;
    } finally {
      notes.pop();
    }
  }

  private AuditEntry entry(
      Audited audited,
      AuditAction action,
      AuditNotes.Frame frame,
      UUID entityId,
      AuditState.Change change) {
    UUID chain =
        audited.platform() ? AuditTrail.PLATFORM : context.tenantId().orElse(AuditTrail.PLATFORM);
    AuditNotes.Delegation delegation = notes.delegation();
    Caller caller = frame.actor != null ? frame.actor : context.caller();
    return new AuditEntry(
        chain,
        actorKind(caller),
        caller.isAuthenticated() ? caller.id() : null,
        caller.isAuthenticated() ? caller.email() : null,
        delegation == null ? null : delegation.requestedBy(),
        delegation == null ? null : delegation.approvalId(),
        action,
        frame.entityType != null ? frame.entityType : audited.entity(),
        entityId,
        change.oldJson(),
        change.newJson(),
        context.requestId(),
        context.clientAddress());
  }

  private String actorKind(Caller caller) {
    if (caller.isAuthenticated()) {
      return caller.isPlatform() ? "platform" : "user";
    }
    // Outside a request only the application itself acts (tenant manifests at start).
    return context.isRequest() ? "anonymous" : "system";
  }

  private Optional<AuditSubject> subject(String entityType) {
    for (AuditSubject s : subjects) {
      if (s.entityType().equals(entityType)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The {@code id()} of a returned view or entity, when it has one. */
  private static UUID idOf(Object result) {
    if (result == null) {
      return null;
    }
    try {
      Method id = result.getClass().getMethod("id");
      Object value = id.invoke(result);
      return value instanceof UUID uuid ? uuid : null;
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }
}
