package org.lectern.platform;

import jakarta.interceptor.InvocationContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Optional;

/**
 * The interceptor binding an intercepted call carries, whether it was put on the method or on its
 * class. Interceptors must not read only the method: a binding on the class intercepts every
 * method, and those methods carry no annotation of their own.
 */
public final class InterceptorBindings {

  /** Where Weld (Payara's CDI) lists the call's resolved bindings in the context data. */
  static final String WELD_BINDINGS = "org.jboss.weld.interceptor.bindings";

  private InterceptorBindings() {}

  /**
   * The binding of type {@code type} on the call: the method's own, else the container's resolved
   * binding, else the class's (the declaring class, then the target's class and its superclasses,
   * since the target may be a container subclass).
   *
   * @throws IllegalStateException if the call carries none, which means the interceptor is bound in
   *     a way this lookup does not know
   */
  public static <A extends Annotation> A of(InvocationContext call, Class<A> type) {
    Method method = call.getMethod();
    A own = method.getAnnotation(type);
    if (own != null) {
      return own;
    }
    return resolved(call, type)
        .or(() -> onClass(method.getDeclaringClass(), type))
        .or(
            () ->
                call.getTarget() == null
                    ? Optional.empty()
                    : onClass(call.getTarget().getClass(), type))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "@" + type.getSimpleName() + " found neither on " + method + " nor its class"));
  }

  /** The binding on a method or, failing that, on its class and superclasses. */
  public static <A extends Annotation> Optional<A> of(Method method, Class<A> type) {
    A own = method.getAnnotation(type);
    return own != null ? Optional.of(own) : onClass(method.getDeclaringClass(), type);
  }

  private static <A extends Annotation> Optional<A> resolved(
      InvocationContext call, Class<A> type) {
    Object bindings =
        call.getContextData() == null ? null : call.getContextData().get(WELD_BINDINGS);
    if (bindings instanceof Collection<?> all) {
      for (Object b : all) {
        if (type.isInstance(b)) {
          return Optional.of(type.cast(b));
        }
      }
    }
    return Optional.empty();
  }

  private static <A extends Annotation> Optional<A> onClass(Class<?> start, Class<A> type) {
    for (Class<?> c = start; c != null && c != Object.class; c = c.getSuperclass()) {
      A found = c.getAnnotation(type);
      if (found != null) {
        return Optional.of(found);
      }
    }
    return Optional.empty();
  }
}
