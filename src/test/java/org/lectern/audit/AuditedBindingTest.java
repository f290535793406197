package org.lectern.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lectern.platform.InterceptorBindings;

/**
 * How the audit interceptor finds its {@link Audited}: on the method, else on the class. A class
 * level {@code @Audited} used to be a NullPointerException in the interceptor.
 */
class AuditedBindingTest {

  @Audited(action = AuditAction.UPDATE, entity = "thing")
  static class AuditedClass {
    public void edit() {}

    @Audited(action = AuditAction.DELETE, entity = "thing")
    public void remove() {}
  }

  /** What the container instantiates: a subclass without annotations of its own. */
  static class ContainerSubclass extends AuditedClass {}

  static class NotAudited {
    public void edit() {}
  }

  @Test
  void aClassLevelBindingCoversMethodsWithoutTheirOwn() throws Exception {
    Audited a = InterceptorBindings.of(call(AuditedClass.class, "edit", Map.of()), Audited.class);
    assertEquals(AuditAction.UPDATE, a.action());
    assertEquals("thing", a.entity());
  }

  @Test
  void theMethodsOwnBindingWins() throws Exception {
    Audited a = InterceptorBindings.of(call(AuditedClass.class, "remove", Map.of()), Audited.class);
    assertEquals(AuditAction.DELETE, a.action());
  }

  @Test
  void aContainerSubclassTargetStillFindsTheClassBinding() throws Exception {
    Method edit = AuditedClass.class.getMethod("edit");
    InvocationContext call = call(edit, new ContainerSubclass(), Map.of());
    assertEquals(AuditAction.UPDATE, InterceptorBindings.of(call, Audited.class).action());
    assertEquals(
        AuditAction.UPDATE,
        InterceptorBindings.of(edit, Audited.class).orElseThrow().action(),
        "from a Method alone too");
  }

  @Test
  void theContainersResolvedBindingIsUsedWhenReflectionFindsNone() throws Exception {
    Audited resolved = AuditedClass.class.getAnnotation(Audited.class);
    InvocationContext call =
        call(
            NotAudited.class,
            "edit",
            Map.of("org.jboss.weld.interceptor.bindings", Set.of(resolved)));
    assertEquals(resolved, InterceptorBindings.of(call, Audited.class));
  }

  @Test
  void noBindingAtAllIsAClearError() throws Exception {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> InterceptorBindings.of(call(NotAudited.class, "edit", Map.of()), Audited.class));
    assertEquals(
        "@Audited found neither on " + NotAudited.class.getMethod("edit") + " nor its class",
        e.getMessage());
  }

  private static InvocationContext call(Class<?> type, String method, Map<String, Object> data)
      throws Exception {
    return call(type.getMethod(method), type.getDeclaredConstructor().newInstance(), data);
  }

  private static InvocationContext call(Method method, Object target, Map<String, Object> data) {
    Map<String, Object> context = new HashMap<>(data);
    return new InvocationContext() {
      @Override
      public Object getTarget() {
        return target;
      }

      @Override
      public Object getTimer() {
        return null;
      }

      @Override
      public Method getMethod() {
        return method;
      }

      @Override
      public Constructor<?> getConstructor() {
        return null;
      }

      @Override
      public Object[] getParameters() {
        return new Object[0];
      }

      @Override
      public void setParameters(Object[] params) {}

      @Override
      public Map<String, Object> getContextData() {
        return context;
      }

      @Override
      public Object proceed() {
        return null;
      }
    };
  }
}
