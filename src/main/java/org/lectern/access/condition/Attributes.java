package org.lectern.access.condition;

import java.util.Map;

/**
 * What a condition may look at: the acting user's attributes and the resource's attributes.
 *
 * <p>Values are plain Java so that the engine knows nothing about entities: {@code String}, {@code
 * Boolean}, any {@code Number}, a {@code Collection} of those, a {@code Map<String, ?>} for nested
 * attributes ({@code resource.owner.id}), or null. A {@code null} map counts as empty. The maps are
 * read, not copied: build them per check and do not change them while a condition is being
 * evaluated.
 *
 * @param user the acting user's attributes, such as {@code id}, {@code roles}, {@code readingLevel}
 * @param resource the attributes of the resource being accessed, such as {@code status}
 */
public record Attributes(Map<String, ?> user, Map<String, ?> resource) {

  public Attributes {
    user = user == null ? Map.of() : user;
    resource = resource == null ? Map.of() : resource;
  }

  /**
   * The value at {@code path}, such as {@code user.readingLevel} or {@code resource.owner.id}: each
   * name after the first dot is a key in the map reached so far.
   *
   * @return the value, or null when an attribute on the way is missing or is not a map (a missing
   *     attribute and an attribute whose value is null are the same to conditions)
   * @throws IllegalArgumentException when {@code path} does not start with {@code user.} or {@code
   *     resource.}, or has an empty name
   */
  public Object lookup(String path) {
    return FieldPath.tryParse(path, null)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "'" + path + "' is not an attribute path: it " + FieldPath.explain(path, null)))
        .lookupIn(this);
  }

  Object lookup(FieldPath path) {
    return path.lookupIn(this);
  }
}
