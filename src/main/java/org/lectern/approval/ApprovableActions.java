package org.lectern.approval;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The acts that can be put under approval, found at deployment: every method carrying {@link
 * RequiresApproval}. An approval names its act by key ({@code story:publish}), never by class or
 * method name, so stored approvals survive refactoring.
 */
public class ApprovableActions implements Extension {

  /** One act that can need approval, and the service method that carries it out. */
  public record Act(
      String entityType, String action, boolean byDefault, Class<?> bean, Method method) {
    public String key() {
      return key(entityType, action);
    }

    static String key(String entityType, String action) {
      return entityType + ":" + action;
    }
  }

  private final Map<String, Act> acts = new TreeMap<>();

  <T> void collect(
      @Observes @WithAnnotations(RequiresApproval.class) ProcessAnnotatedType<T> type) {
    for (AnnotatedMethod<? super T> m : type.getAnnotatedType().getMethods()) {
      RequiresApproval r = m.getAnnotation(RequiresApproval.class);
      if (r != null) {
        Act act =
            new Act(
                r.entity(),
                r.action(),
                r.byDefault(),
                type.getAnnotatedType().getJavaClass(),
                m.getJavaMember());
        Act clash = acts.putIfAbsent(act.key(), act);
        if (clash != null && !clash.method().equals(act.method())) {
          throw new IllegalStateException(
              act.key() + " is carried by both " + clash.method() + " and " + act.method());
        }
      }
    }
  }

  public Optional<Act> find(String entityType, String action) {
    return Optional.ofNullable(acts.get(Act.key(entityType, action)));
  }

  public Collection<Act> all() {
    return acts.values();
  }
}
