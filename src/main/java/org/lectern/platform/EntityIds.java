package org.lectern.platform;

import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Parameter;
import java.util.UUID;

/** Reads the {@link EntityId} argument of an intercepted call. */
public final class EntityIds {

  private EntityIds() {}

  /** The value of the call's {@code @EntityId} parameter, or null if it has none. */
  public static UUID of(InvocationContext call) {
    Parameter[] parameters = call.getMethod().getParameters();
    for (int i = 0; i < parameters.length; i++) {
      if (parameters[i].isAnnotationPresent(EntityId.class)) {
        return (UUID) call.getParameters()[i];
      }
    }
    return null;
  }
}
