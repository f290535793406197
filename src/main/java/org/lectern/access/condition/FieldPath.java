package org.lectern.access.condition;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated attribute path such as {@code resource.owner.id}, split once at parse time so that
 * evaluation walks the maps without string work.
 *
 * @param root whose attributes the path starts in
 * @param segments the map keys to follow, at least one, none empty
 */
record FieldPath(Root root, List<String> segments) {

  /** The two attribute maps a path can start in. */
  enum Root {
    USER("user"),
    RESOURCE("resource");

    private final String prefix;

    Root(String prefix) {
      this.prefix = prefix;
    }
  }

  FieldPath {
    segments = List.copyOf(segments);
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("a path needs at least one attribute name");
    }
  }

  /**
   * Reads {@code text} as a path; empty when it is not one (then {@link #explain} says why).
   *
   * @param resourceType when not null or blank, {@code <resourceType>.x} is accepted as an alias of
   *     {@code resource.x}; {@code user.} and {@code resource.} win over the alias
   */
  static Optional<FieldPath> tryParse(String text, String resourceType) {
    return Optional.ofNullable(parseOrNull(text, resourceType));
  }

  /**
   * Why {@code text} is not a path, as the end of a sentence for an admin ("must start with user.,
   * resource. or story."), to be prefixed with what the text is.
   */
  static String explain(String text, String resourceType) {
    Root root = rootOf(text, resourceType);
    if (root == null) {
      String first = text.contains(".") ? text.substring(0, text.indexOf('.')) : text;
      if (first.equals("user") || first.equals("resource") || first.equals(resourceType)) {
        return "must name an attribute after '" + first + ".', such as " + first + ".status";
      }
      return "must start with " + prefixes(resourceType);
    }
    String first = text.substring(0, prefixLength(text, resourceType));
    String rest = text.substring(first.length() + 1);
    if (rest.isEmpty()) {
      return "must name an attribute after '" + first + ".', such as " + first + ".status";
    }
    for (String part : rest.split("\\.", -1)) {
      if (part.isEmpty()) {
        return "has an empty name between dots";
      }
    }
    return "may only use letters, digits, '_' and '-' between the dots";
  }

  Object lookupIn(Attributes attributes) {
    Object current = root == Root.USER ? attributes.user() : attributes.resource();
    for (int i = 0, n = segments.size(); i < n; i++) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(segments.get(i));
    }
    return current;
  }

  @Override
  public String toString() {
    return root.prefix + "." + String.join(".", segments);
  }

  // Private: null means "not a path"; the package API above never returns null.
  private static FieldPath parseOrNull(String text, String resourceType) {
    Root root = rootOf(text, resourceType);
    if (root == null) {
      return null;
    }
    String rest = text.substring(prefixLength(text, resourceType) + 1);
    String[] parts = rest.split("\\.", -1);
    for (String part : parts) {
      if (!isName(part)) {
        return null;
      }
    }
    return new FieldPath(root, List.of(parts));
  }

  /** "user., resource. or story." for messages to admins. */
  static String prefixes(String resourceType) {
    return hasAlias(resourceType)
        ? "user., resource. or " + resourceType + "."
        : "user. or resource.";
  }

  private static Root rootOf(String text, String resourceType) {
    if (text.startsWith("user.")) {
      return Root.USER;
    }
    if (text.startsWith("resource.")) {
      return Root.RESOURCE;
    }
    if (hasAlias(resourceType) && text.startsWith(resourceType + ".")) {
      return Root.RESOURCE;
    }
    return null;
  }

  private static int prefixLength(String text, String resourceType) {
    if (text.startsWith("user.")) {
      return "user".length();
    }
    if (text.startsWith("resource.")) {
      return "resource".length();
    }
    return resourceType.length();
  }

  private static boolean hasAlias(String resourceType) {
    return resourceType != null && !resourceType.isBlank();
  }

  private static boolean isName(String part) {
    if (part.isEmpty()) {
      return false;
    }
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (!Character.isLetterOrDigit(c) && c != '_' && c != '-') {
        return false;
      }
    }
    return true;
  }
}
