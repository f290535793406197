package org.lectern.audit;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An application-service method whose successful call writes one audit entry in its own
 * transaction: who, what, which entity, its values before and after (only the changed fields for an
 * update), the request id and client address. If the entry cannot be written the change rolls back;
 * if the change rolls back, so does the entry.
 *
 * <p>The entity is the method's {@link org.lectern.platform.EntityId} parameter, else the id the
 * method names through {@link AuditNotes#subject}, else the {@code id()} of what it returns. Its
 * before and after values come from the {@link AuditSubject} of {@link #entity()}.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Audited {

  @Nonbinding
  AuditAction action();

  /** The entity type, as {@link AuditSubject#entityType()} names it: "story", "user", ... */
  @Nonbinding
  String entity() default "";

  /** A platform-level act (tenant lifecycle): written to the platform's chain, not a tenant's. */
  @Nonbinding
  boolean platform() default false;

  /**
   * The entry written, in a transaction of its own, when the call is refused with 401 or 403 (a
   * failed sign-in); {@link AuditAction#NONE} writes nothing on failure.
   */
  @Nonbinding
  AuditAction onFailure() default AuditAction.NONE;
}
