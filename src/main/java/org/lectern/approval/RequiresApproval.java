package org.lectern.approval;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The gate of an application-service method that may need someone else's approval: the method
 * carries out the {@link ApprovableAct} named {@code entity:action}. When the tenant's rules
 * require approval for it and the caller may not act alone, the method does not run: a pending
 * approval is recorded (the act's name and its payload record for the entity) and the API answers
 * 202. When an approver grants it, the act's handler runs once, as the approver, for the requester,
 * and passes this gate without asking again.
 *
 * <p>The entity is the method's {@link org.lectern.platform.EntityId} parameter, described by the
 * {@link ApprovalSubject} of {@link #entity()}. A caller may act alone when they could approve the
 * request themselves: they hold {@code entity:approve} for it and are not its author. On a class,
 * it gates every method of the class as that one act.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresApproval {

  @Nonbinding
  String entity() default "";

  @Nonbinding
  String action() default "";
}
