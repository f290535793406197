package org.lectern.approval;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An application-service method that may need someone else's approval. When the tenant's rules
 * require approval for {@code entity:action} and the caller may not act alone, the method does not
 * run: a pending approval is recorded (its arguments kept as the payload) and the API answers 202.
 * When an approver grants it, the method runs once, as the approver, for the requester.
 *
 * <p>The entity is the method's {@link org.lectern.platform.EntityId} parameter, described by the
 * {@link ApprovalSubject} of {@link #entity()}. A caller may act alone when they could approve the
 * request themselves: they hold {@code entity:approve} for it and are not its author.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresApproval {

  @Nonbinding
  String entity() default "";

  @Nonbinding
  String action() default "";

  /** Whether a tenant that has not chosen needs approval for this act. */
  @Nonbinding
  boolean byDefault() default true;
}
