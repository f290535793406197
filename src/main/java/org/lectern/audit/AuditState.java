package org.lectern.audit;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.persistence.Transient;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lectern.platform.Jsons;
import org.lectern.tenancy.TenantScoped;

/**
 * Entity state as the audit trail records it: every persistent field by its Java name, with {@link
 * Sensitive} fields masked, and the before/after pair an audited call leaves.
 */
public final class AuditState {

  /** What a sensitive value is recorded as. */
  public static final String MASK = "***";

  private AuditState() {}

  /** The persistent fields of an entity, as JSON-ready values. */
  public static Map<String, Object> of(Object entity) {
    Map<String, Object> state = new LinkedHashMap<>();
    List<Class<?>> hierarchy = new ArrayList<>();
    for (Class<?> c = entity.getClass();
        c != null && c != Object.class && c != TenantScoped.class;
        c = c.getSuperclass()) {
      hierarchy.add(0, c);
    }
    for (Class<?> c : hierarchy) {
      for (Field f : c.getDeclaredFields()) {
        if (!recorded(f)) {
          continue;
        }
        f.setAccessible(true);
        Object value;
        try {
          value = f.get(entity);
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("cannot read " + f, e);
        }
        state.put(
            f.getName(), f.isAnnotationPresent(Sensitive.class) ? new Masked(value) : plain(value));
      }
    }
    return state;
  }

  /** The old and new values of an audit entry; either may be null. */
  public record Change(Map<String, Object> oldValues, Map<String, Object> newValues) {

    static final Change NONE = new Change(null, null);

    JsonObject oldJson() {
      return oldValues == null ? null : json(oldValues);
    }

    JsonObject newJson() {
      return newValues == null ? null : json(newValues);
    }
  }

  /**
   * What changed between two states. A creation records the new state whole, a hard deletion the
   * old state whole, anything else only the fields whose values differ (a masked field that changed
   * shows as masked on both sides). Without a before state nothing is recorded.
   */
  public static Change change(
      AuditAction action, Map<String, Object> before, Map<String, Object> after) {
    if (action == AuditAction.CREATE || before == null) {
      return after == null ? Change.NONE : new Change(null, after);
    }
    if (after == null) {
      return new Change(before, null);
    }
    Map<String, Object> oldValues = new LinkedHashMap<>();
    Map<String, Object> newValues = new LinkedHashMap<>();
    for (String key : union(before, after)) {
      Object was = before.get(key);
      Object is = after.get(key);
      if (!Objects.equals(was, is)) {
        oldValues.put(key, was);
        newValues.put(key, is);
      }
    }
    return new Change(oldValues, newValues);
  }

  /**
   * A sensitive value: compared like the value, so a change is noticed, but written only as {@value
   * #MASK}.
   */
  private record Masked(Object secret) {
    @Override
    public String toString() {
      return MASK;
    }
  }

  /** The keys of both states, the first state's first. */
  private static List<String> union(Map<String, Object> a, Map<String, Object> b) {
    List<String> keys = new ArrayList<>(a.keySet());
    b.keySet().stream().filter(k -> !a.containsKey(k)).forEach(keys::add);
    return keys;
  }

  private static boolean recorded(Field f) {
    int m = f.getModifiers();
    return !Modifier.isStatic(m)
        && !Modifier.isTransient(m)
        && !f.isAnnotationPresent(Transient.class)
        // EclipseLink's weaving adds bookkeeping fields such as _persistence_fetchGroup.
        && !f.getName().startsWith("_");
  }

  /** Java values as plain JSON-ready ones: strings, numbers, booleans, lists and maps. */
  static Object plain(Object value) {
    if (value == null
        || value instanceof Masked
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof BigDecimal
        || value instanceof BigInteger) {
      return value;
    }
    if (value instanceof Number n) {
      return new BigDecimal(n.toString());
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    if (value instanceof Collection<?> c) {
      return c.stream().map(AuditState::plain).toList();
    }
    if (value instanceof Object[] array) {
      return java.util.Arrays.stream(array).map(AuditState::plain).toList();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
      return out;
    }
    if (value instanceof TemporalAccessor) {
      return value.toString();
    }
    return value.toString();
  }

  static JsonObject json(Map<String, ?> map) {
    JsonObjectBuilder b = Jsons.builders().createObjectBuilder();
    map.forEach((k, v) -> b.add(k, jsonValue(v)));
    return b.build();
  }

  private static JsonValue jsonValue(Object v) {
    Object p = plain(v);
    if (p == null) {
      return JsonValue.NULL;
    }
    if (p instanceof Masked) {
      return Jsons.provider().createValue(MASK);
    }
    if (p instanceof String s) {
      return Jsons.provider().createValue(s);
    }
    if (p instanceof Boolean bool) {
      return bool ? JsonValue.TRUE : JsonValue.FALSE;
    }
    if (p instanceof Integer i) {
      return Jsons.provider().createValue(i);
    }
    if (p instanceof Long l) {
      return Jsons.provider().createValue(l);
    }
    if (p instanceof BigDecimal d) {
      return Jsons.provider().createValue(d);
    }
    if (p instanceof BigInteger i) {
      return Jsons.provider().createValue(i);
    }
    if (p instanceof List<?> list) {
      JsonArrayBuilder a = Jsons.builders().createArrayBuilder();
      list.forEach(item -> a.add(jsonValue(item)));
      return a.build();
    }
    if (p instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      Map<String, ?> typed = (Map<String, ?>) m;
      return json(typed);
    }
    return Jsons.provider().createValue(p.toString());
  }
}
