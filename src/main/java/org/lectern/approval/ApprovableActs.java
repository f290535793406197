package org.lectern.approval;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every {@link ApprovableAct} of the application, by name. Built when the application starts, so
 * two acts claiming one name fail the deployment instead of a later approval.
 */
@ApplicationScoped
public class ApprovableActs {

  private Map<String, ApprovableAct<?>> byName;

  protected ApprovableActs() {}

  @Inject
  ApprovableActs(@Any Instance<ApprovableAct<?>> acts) {
    this.byName = index(acts);
  }

  /** A registry of these acts (for tests, and the container's constructor above). */
  static ApprovableActs of(Iterable<? extends ApprovableAct<?>> acts) {
    ApprovableActs registry = new ApprovableActs();
    registry.byName = index(acts);
    return registry;
  }

  /** Touches the registry at start, so a name clash stops the deployment. */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    all();
  }

  private static Map<String, ApprovableAct<?>> index(Iterable<? extends ApprovableAct<?>> acts) {
    Map<String, ApprovableAct<?>> index = new TreeMap<>();
    for (ApprovableAct<?> act : acts) {
      String name = act.name();
      if (!name.equals(ApprovableAct.name(act.entityType(), act.action()))) {
        throw new IllegalStateException(
            "approvable act " + name + " must be named entityType:action");
      }
      ApprovableAct<?> clash = index.putIfAbsent(name, act);
      if (clash != null) {
        throw new IllegalStateException(
            "two approvable acts are named "
                + name
                + ": "
                + type(clash).getName()
                + " and "
                + type(act).getName());
      }
    }
    return Collections.unmodifiableMap(index);
  }

  /** The act of this name, if the application has one. */
  public Optional<ApprovableAct<?>> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * The act of this name.
   *
   * @throws IllegalArgumentException naming the acts there are, if none has this name
   */
  public ApprovableAct<?> named(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "'"
                        + name
                        + "' names no act that can need approval; known: "
                        + byName.keySet()));
  }

  /** Every act, by name. */
  public Collection<ApprovableAct<?>> all() {
    return byName.values();
  }

  /** The act's class, without the container's proxy subclass. */
  private static Class<?> type(ApprovableAct<?> act) {
    Class<?> c = act.getClass();
    return c.isSynthetic() || c.getName().contains("$Proxy$") ? c.getSuperclass() : c;
  }
}
