package org.lectern.content;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.lectern.platform.LecternException;
import org.lectern.platform.LecternException.FieldError;

/**
 * Positions of units in a course and of lessons in a unit: always 1..n with no gaps and no
 * duplicates. A reorder names every item once, in the new order; anything else is refused whole.
 */
public final class Ordering {

  private Ordering() {}

  /**
   * Checks that {@code requested} is {@code current} in some order: no id twice, none missing, none
   * that is not there. Returns the new order.
   */
  public static List<UUID> reorder(List<UUID> current, List<UUID> requested, String field) {
    List<FieldError> errors = new ArrayList<>();
    Set<UUID> seen = new HashSet<>();
    Set<UUID> known = new HashSet<>(current);
    for (int i = 0; i < requested.size(); i++) {
      UUID id = requested.get(i);
      if (id == null) {
        errors.add(new FieldError(field + "[" + i + "]", "must be an id"));
      } else if (!seen.add(id)) {
        errors.add(new FieldError(field + "[" + i + "]", "names " + id + " a second time"));
      } else if (!known.contains(id)) {
        errors.add(new FieldError(field + "[" + i + "]", id + " is not one of the items here"));
      }
    }
    Set<UUID> missing = new LinkedHashSet<>(current);
    missing.removeAll(seen);
    if (!missing.isEmpty()) {
      errors.add(new FieldError(field, "leaves out " + missing + "; name every item once"));
    }
    if (!errors.isEmpty()) {
      throw LecternException.invalid(
          "order.invalid", "A new order names every item exactly once.", errors);
    }
    return List.copyOf(requested);
  }

  /**
   * Where an item goes when it is added at {@code requested} (1-based) among {@code size} items:
   * null or anything past the end appends it.
   */
  public static int insertionPoint(Integer requested, int size) {
    if (requested == null || requested > size + 1) {
      return size + 1;
    }
    if (requested < 1) {
      throw LecternException.invalid("position", "must be 1 or more");
    }
    return requested;
  }

  /** {@code items} with {@code id} moved to the 1-based {@code position} (clamped to the end). */
  public static List<UUID> move(List<UUID> items, UUID id, int position) {
    List<UUID> out = new ArrayList<>(items);
    out.remove(id);
    out.add(Math.min(Math.max(position, 1), out.size() + 1) - 1, id);
    return out;
  }
}
