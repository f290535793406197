package org.lectern.access.condition;

import jakarta.json.JsonArray;
import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lectern.access.condition.ConditionSyntaxException.Violation;
import org.lectern.access.condition.Operand.Literal;
import org.lectern.access.condition.Operand.Reference;

/**
 * Turns the JSON {@code conditions} of a tenant's ResourcePolicy into a {@link Condition}. Parse
 * once when the rule is saved or loaded, keep the result, and call {@link Condition#test} for every
 * access check: the tree is immutable, safe to share between threads, and evaluation does no
 * parsing and almost no allocation.
 *
 * <h2>Format</h2>
 *
 * <p>A condition is one of:
 *
 * <ul>
 *   <li>a <b>comparison</b> {@code {"field": "resource.status", "operator": "eq", "value":
 *       "published"}};
 *   <li>a <b>list</b> of conditions, the form of the seed: {@code [{...}, {..., "logic": "or"},
 *       {..., "logic": "and"}]}. Each item after the first may carry {@code "logic": "and"} (the
 *       default) or {@code "or"}, joining it to the items before it; on the first item it has no
 *       effect. {@code and} binds tighter than {@code or}, as in SQL: {@code a, or b, and c} means
 *       {@code a OR (b AND c)};
 *   <li>a <b>group</b> {@code {"and": [...]}} or {@code {"or": [...]}}, whose members are any
 *       conditions, or a <b>negation</b> {@code {"not": <condition>}}.
 * </ul>
 *
 * <p>These nest freely (a list item may be a group, a group member may be a list) up to 32 levels.
 * A list or group must not be empty: a rule that applies always is written without conditions and
 * uses {@link Condition#ALWAYS}. {@code logic} is only allowed on list items.
 *
 * <p><b>field</b> is an attribute path: {@code user.<name>} or {@code resource.<name>}, with
 * further dots for nested maps ({@code resource.owner.id}). Names use letters, digits, {@code _}
 * and {@code -}. The resource type given to the parser is an alias of {@code resource}: with
 * resource type {@code story}, {@code story.status} means {@code resource.status}. Any other prefix
 * is an error.
 *
 * <p><b>operator</b> is one of {@code eq, ne, in, nin, gt, lt, contains} (lower case).
 *
 * <p><b>value</b> is any JSON literal: text, number, {@code true}, {@code false}, {@code null}, or
 * a list of those. Text that is itself an attribute path ({@code "user.readingLevel"}, {@code
 * "resource.x"}, {@code "story.x"}) is a <b>dynamic reference</b>: it is replaced by that
 * attribute's value at each evaluation. {@code {"ref": "user.readingLevel"}} says the same
 * explicitly. Text inside a list is always literal text.
 *
 * <h2>Semantics</h2>
 *
 * <p>Attribute values are read from {@link Attributes}; a missing attribute is {@code null}.
 * Evaluation never fails: a comparison that does not make sense for the values at hand is false.
 *
 * <ul>
 *   <li><b>Numbers</b> of any Java type compare by numeric value ({@code 1} equals {@code 1.0});
 *       NaN equals and orders against nothing. <b>Text</b> compares exactly (case-sensitive).
 *       {@code true}/{@code false} equal only themselves. Two <b>collections</b> are equal when
 *       they have the same size and each member of one equals a member of the other (order does not
 *       matter). {@code null} equals only {@code null}. A number never equals text, not even {@code
 *       5} and {@code "5"}. Enums count as their name; other objects (UUIDs, dates) as the text of
 *       their {@code toString()}.
 *   <li><b>eq</b>: equal as above ({@code null eq null} is true). <b>ne</b>: not {@code eq}, so a
 *       missing attribute is {@code ne} any non-null value.
 *   <li><b>gt</b> / <b>lt</b>: two numbers compare numerically; two texts compare lexicographically
 *       by character code, so ISO-8601 dates and timestamps written in the same format and zone
 *       order correctly (but {@code "10" lt "9"}); a number and text that reads as a number ({@code
 *       "3.5"}, {@code "-2"}, {@code "1e3"}) compare numerically. Anything else, including a {@code
 *       null} side, is false for both.
 *   <li><b>in</b>: the attribute equals a member of the value list; when the attribute is itself a
 *       collection, at least one of its members does (an empty collection is in nothing). A value
 *       that is not a list counts as a one-element list. <b>nin</b>: not {@code in}, so a missing
 *       attribute is {@code nin} any list without {@code null}.
 *   <li><b>contains</b>: when the attribute is a collection, it has a member equal to the value,
 *       or, when the value is a list, a member equal to each of the value's members (all of them);
 *       when the attribute is text and the value is text, the value occurs in it (case-sensitive);
 *       false otherwise.
 * </ul>
 *
 * <h2>Errors</h2>
 *
 * <p>A document that does not follow the format is rejected with a {@link ConditionSyntaxException}
 * listing every problem with its JSON-pointer location. Besides the format above, these are
 * rejected because they can only be mistakes: properties other than the ones named here, a property
 * given twice (in JSON text), {@code gt}/{@code lt} against {@code true}, {@code false}, {@code
 * null} or a list, and an empty list as the value of {@code in}, {@code nin} or {@code contains}.
 */
public final class ConditionParser {

  private static final int MAX_DEPTH = 32;

  /** Most conditions in one list or group, and most members of one list value. */
  static final int MAX_ITEMS = 100;

  /** Longest attribute path, and longest text value. */
  static final int MAX_PATH = 200;

  static final int MAX_TEXT = 500;
  private static final String LOGIC = "logic";
  private static final List<String> GROUP_KEYS = List.of("and", "or", "not");
  private static final Set<String> LEAF_KEYS = Set.of("field", "operator", "value");
  private static final String EXAMPLE =
      "{\"field\": \"resource.status\", \"operator\": \"eq\", \"value\": \"published\"}";

  private final String resourceType;
  private final List<Violation> violations = new ArrayList<>();

  private ConditionParser(String resourceType) {
    this.resourceType = resourceType;
  }

  /**
   * Parses a conditions document already read as JSON (for example the {@code conditions} member of
   * a request body).
   *
   * @param json the conditions; null counts as missing and is rejected
   * @param resourceType the policy's resource type, such as {@code story}, usable as an alias of
   *     {@code resource} in paths; null or blank for none
   * @throws ConditionSyntaxException listing every problem in the document
   */
  public static Condition parse(JsonValue json, String resourceType) {
    ConditionParser parser = new ConditionParser(resourceType);
    if (json == null) {
      parser.violation("", "the conditions are missing; write a list such as [" + EXAMPLE + "]");
      parser.throwIfInvalid();
    }
    Condition condition = parser.condition(json, "", 0, false);
    parser.throwIfInvalid();
    return condition;
  }

  /**
   * Parses a conditions document given as JSON text, such as a stored {@code jsonb} column or a
   * policy file.
   *
   * @throws ConditionSyntaxException when the text is not JSON, or as {@link #parse(JsonValue,
   *     String)}
   */
  public static Condition parse(String json, String resourceType) {
    return parse(read(json), resourceType);
  }

  // ---- JSON text ----

  /** Created on first use, so that merely loading the class needs no JSON-P provider. */
  private static final class Factories {
    static final JsonParserFactory PARSERS = jakarta.json.Json.createParserFactory(Map.of());
    static final JsonReaderFactory STRICT_READERS =
        jakarta.json.Json.createReaderFactory(
            Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));
  }

  private static JsonValue read(String text) {
    if (text == null || text.isBlank()) {
      throw single("the conditions are empty; write a list such as [" + EXAMPLE + "]");
    }
    // Two passes over a small document: the streaming parser rejects text after the value, which
    // the reader ignores; the reader rejects a property given twice, which the parser allows.
    try (JsonParser parser = Factories.PARSERS.createParser(new StringReader(text))) {
      while (parser.hasNext()) {
        parser.next();
      }
    } catch (JsonParsingException e) {
      throw single(
          "the conditions are not valid JSON"
              + near(e.getLocation(), text)
              + "; check for a missing comma, quote or bracket, or text after the end");
    } catch (JsonException e) {
      throw single(
          "the conditions are not valid JSON; check for a missing comma, quote or bracket, or text"
              + " after the end");
    }
    try (JsonReader reader = Factories.STRICT_READERS.createReader(new StringReader(text))) {
      return reader.readValue();
    } catch (JsonException e) {
      JsonLocation location = e instanceof JsonParsingException p ? p.getLocation() : null;
      throw single(
          "the conditions give the same property twice in one object"
              + near(location, text)
              + "; keep only one");
    } catch (RuntimeException e) {
      // The syntax pass succeeded, so this is a number the JSON reader cannot represent.
      throw single("the conditions hold a number that is too large or too precise to compare");
    }
  }

  /** " near line 2, column 9", or nothing when the parser's location is not inside the text. */
  private static String near(JsonLocation location, String text) {
    if (location == null
        || location.getLineNumber() < 1
        || location.getStreamOffset() < 0
        || location.getStreamOffset() >= text.length()) {
      return "";
    }
    return " near line " + location.getLineNumber() + ", column " + location.getColumnNumber();
  }

  private static ConditionSyntaxException single(String message) {
    return new ConditionSyntaxException(List.of(new Violation("", message)));
  }

  // ---- Conditions ----

  private Condition condition(JsonValue json, String path, int depth, boolean inList) {
    if (depth > MAX_DEPTH) {
      violation(
          path,
          "the conditions are nested more than " + MAX_DEPTH + " levels deep; simplify the rule");
      return Condition.ALWAYS;
    }
    switch (json.getValueType()) {
      case ARRAY:
        return list(json.asJsonArray(), path, depth);
      case OBJECT:
        return object(json.asJsonObject(), path, depth, inList);
      default:
        violation(
            path,
            "a condition must be an object such as "
                + EXAMPLE
                + " or a list of them, not "
                + describe(json));
        return Condition.ALWAYS;
    }
  }

  /** The seed's form: items joined by their "logic", with "and" binding tighter than "or". */
  private Condition list(JsonArray items, String path, int depth) {
    if (items.isEmpty()) {
      violation(path, "the list of conditions is empty; add at least one condition");
      return Condition.ALWAYS;
    }
    if (items.size() > MAX_ITEMS) {
      violation(path, "a list holds at most " + MAX_ITEMS + " conditions; split the rule");
      return Condition.ALWAYS;
    }
    List<Condition> alternatives = new ArrayList<>();
    List<Condition> conjunction = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String at = path + "/" + i;
      boolean startsAlternative = isOr(items.get(i), at) && i > 0;
      Condition item = condition(items.get(i), at, depth + 1, true);
      if (startsAlternative) {
        alternatives.add(allOf(conjunction));
        conjunction = new ArrayList<>();
      }
      conjunction.add(item);
    }
    alternatives.add(allOf(conjunction));
    return anyOf(alternatives);
  }

  private boolean isOr(JsonValue item, String path) {
    if (item.getValueType() != JsonValue.ValueType.OBJECT) {
      return false;
    }
    JsonValue logic = item.asJsonObject().get(LOGIC);
    if (logic == null || isText(logic, "and")) {
      return false;
    }
    if (isText(logic, "or")) {
      return true;
    }
    violation(path + "/" + LOGIC, "logic must be \"and\" or \"or\", not " + describe(logic));
    return false;
  }

  private Condition object(JsonObject object, String path, int depth, boolean inList) {
    List<String> groups = GROUP_KEYS.stream().filter(object::containsKey).toList();
    boolean comparison = object.keySet().stream().anyMatch(LEAF_KEYS::contains);
    for (String key : object.keySet()) {
      if (key.equals(LOGIC)) {
        if (!inList) {
          violation(
              pointer(path, key),
              "logic only joins the items of a list of conditions; remove it here");
        }
      } else if (!LEAF_KEYS.contains(key) && !GROUP_KEYS.contains(key)) {
        violation(
            pointer(path, key),
            "unknown property '"
                + key
                + "'; a condition has field, operator and value, or one of and, or, not");
      }
    }
    if (!groups.isEmpty() && comparison) {
      violation(
          path,
          "a condition cannot have both field, operator, value and '"
              + groups.get(0)
              + "'; put the comparison inside the group");
      return Condition.ALWAYS;
    }
    if (groups.size() > 1) {
      violation(
          path,
          "use only one of and, or, not in one object (found "
              + String.join(", ", groups)
              + "); nest one group inside the other");
      return Condition.ALWAYS;
    }
    if (groups.size() == 1) {
      return group(object, groups.get(0), path, depth);
    }
    return comparison(object, path);
  }

  private Condition group(JsonObject object, String key, String path, int depth) {
    String at = pointer(path, key);
    JsonValue content = object.get(key);
    if (key.equals("not")) {
      return new Not(condition(content, at, depth + 1, false));
    }
    if (content.getValueType() != JsonValue.ValueType.ARRAY) {
      violation(at, "'" + key + "' must be a list of conditions, not " + describe(content));
      return Condition.ALWAYS;
    }
    JsonArray members = content.asJsonArray();
    if (members.isEmpty()) {
      violation(at, "the '" + key + "' group is empty; add at least one condition to it");
      return Condition.ALWAYS;
    }
    if (members.size() > MAX_ITEMS) {
      violation(at, "a group holds at most " + MAX_ITEMS + " conditions; split the rule");
      return Condition.ALWAYS;
    }
    List<Condition> parsed = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      parsed.add(condition(members.get(i), at + "/" + i, depth + 1, false));
    }
    return key.equals("and") ? allOf(parsed) : anyOf(parsed);
  }

  // ---- Comparisons ----

  private Condition comparison(JsonObject object, String path) {
    Optional<FieldPath> field = field(object, path);
    Optional<Operator> operator = operator(object, path);
    Optional<Operand> value = value(object, path, operator);
    if (field.isEmpty() || operator.isEmpty() || value.isEmpty()) {
      return Condition.ALWAYS;
    }
    return new Comparison(field.get(), operator.get(), value.get());
  }

  private Optional<FieldPath> field(JsonObject object, String path) {
    String at = pointer(path, "field");
    JsonValue field = object.get("field");
    if (field == null) {
      violation(
          at,
          "field is missing; name the attribute to test, such as resource.status or user.roles");
      return Optional.empty();
    }
    if (field.getValueType() != JsonValue.ValueType.STRING) {
      violation(
          at,
          "field must be text naming an attribute, such as \"resource.status\", not "
              + describe(field));
      return Optional.empty();
    }
    String text = ((JsonString) field).getString();
    if (text.length() > MAX_PATH) {
      violation(at, "field is longer than " + MAX_PATH + " characters");
      return Optional.empty();
    }
    return attributePath(text, "field", at);
  }

  private Optional<Operator> operator(JsonObject object, String path) {
    String at = pointer(path, "operator");
    JsonValue operator = object.get("operator");
    if (operator == null) {
      violation(at, "operator is missing; use one of " + Operator.TOKENS);
      return Optional.empty();
    }
    if (operator.getValueType() != JsonValue.ValueType.STRING) {
      violation(
          at,
          "operator must be text, not " + describe(operator) + "; use one of " + Operator.TOKENS);
      return Optional.empty();
    }
    String token = ((JsonString) operator).getString();
    Optional<Operator> known = Operator.fromToken(token);
    if (known.isEmpty()) {
      violation(at, "unknown operator '" + token + "'; use one of " + Operator.TOKENS);
    }
    return known;
  }

  private Optional<Operand> value(JsonObject object, String path, Optional<Operator> operator) {
    String at = pointer(path, "value");
    JsonValue value = object.get("value");
    if (value == null) {
      violation(
          at,
          "value is missing; give the value to compare with, or null to test for a missing"
              + " attribute");
      return Optional.empty();
    }
    if (operator.isPresent() && !fits(operator.get(), value, at)) {
      return Optional.empty();
    }
    switch (value.getValueType()) {
      case STRING:
        String text = ((JsonString) value).getString();
        if (text.length() > MAX_TEXT) {
          violation(at, "a text value is at most " + MAX_TEXT + " characters");
          return Optional.empty();
        }
        return Optional.of(
            FieldPath.tryParse(text, resourceType)
                .<Operand>map(Reference::new)
                .orElseGet(() -> new Literal(text)));
      case OBJECT:
        return reference(value.asJsonObject(), at);
      case ARRAY:
        return listLiteral(value.asJsonArray(), at);
      case NULL:
        return Optional.of(new Literal(null));
      default:
        return scalar(value, at).map(Literal::new);
    }
  }

  /** Rejects values that make a comparison constant, which can only be a mistake. */
  private boolean fits(Operator operator, JsonValue value, String at) {
    switch (operator) {
      case GT:
      case LT:
        JsonValue.ValueType type = value.getValueType();
        if (type != JsonValue.ValueType.NUMBER
            && type != JsonValue.ValueType.STRING
            && type != JsonValue.ValueType.OBJECT) {
          violation(
              at,
              "'"
                  + operator.token()
                  + "' compares numbers or text, so value must be a number, text or a reference,"
                  + " not "
                  + describe(value));
          return false;
        }
        return true;
      case IN:
      case NIN:
      case CONTAINS:
        if (value.getValueType() == JsonValue.ValueType.ARRAY && value.asJsonArray().isEmpty()) {
          violation(
              at, "value is an empty list; list at least one value for '" + operator.token() + "'");
          return false;
        }
        return true;
      default:
        return true;
    }
  }

  /** The explicit form {"ref": "user.readingLevel"}. */
  private Optional<Operand> reference(JsonObject object, String at) {
    JsonValue ref = object.get("ref");
    if (ref == null) {
      violation(
          at,
          "an object as value must be a reference such as {\"ref\": \"user.readingLevel\"}; to"
              + " compare with a fixed value write text, a number, true, false, null or a list");
      return Optional.empty();
    }
    for (String key : object.keySet()) {
      if (!key.equals("ref")) {
        violation(
            pointer(at, key),
            "unknown property '"
                + key
                + "'; a reference has only ref, as in {\"ref\": \"user.readingLevel\"}");
      }
    }
    String refAt = pointer(at, "ref");
    if (ref.getValueType() != JsonValue.ValueType.STRING) {
      violation(
          refAt,
          "ref must be text naming an attribute, such as \"user.readingLevel\", not "
              + describe(ref));
      return Optional.empty();
    }
    return attributePath(((JsonString) ref).getString(), "ref", refAt).map(Reference::new);
  }

  private Optional<Operand> listLiteral(JsonArray items, String at) {
    if (items.size() > MAX_ITEMS) {
      violation(at, "a list value holds at most " + MAX_ITEMS + " members");
      return Optional.empty();
    }
    List<Object> values = new ArrayList<>(items.size());
    boolean valid = true;
    for (int i = 0; i < items.size(); i++) {
      JsonValue item = items.get(i);
      JsonValue.ValueType type = item.getValueType();
      if (type == JsonValue.ValueType.ARRAY || type == JsonValue.ValueType.OBJECT) {
        violation(
            at + "/" + i,
            "a list value may only hold text, numbers, true, false and null, not "
                + describe(item));
        valid = false;
      } else if (type == JsonValue.ValueType.STRING) {
        String text = ((JsonString) item).getString();
        if (text.length() > MAX_TEXT) {
          violation(at + "/" + i, "a text value is at most " + MAX_TEXT + " characters");
          valid = false;
        }
        values.add(text); // literal text, never a reference
      } else {
        Optional<Object> scalar = scalar(item, at + "/" + i);
        valid &= scalar.isPresent() || type == JsonValue.ValueType.NULL;
        values.add(scalar.orElse(null));
      }
    }
    // Unmodifiable but, unlike List.copyOf, able to hold null.
    return valid
        ? Optional.of(new Literal(Collections.unmodifiableList(values)))
        : Optional.empty();
  }

  /**
   * A number, true or false as plain Java; empty for null (which is a valid value) and for a number
   * too large to use (reported).
   */
  private Optional<Object> scalar(JsonValue value, String at) {
    switch (value.getValueType()) {
      case TRUE:
        return Optional.of(Boolean.TRUE);
      case FALSE:
        return Optional.of(Boolean.FALSE);
      case NUMBER:
        try {
          return Optional.of(((JsonNumber) value).bigDecimalValue());
        } catch (RuntimeException tooLarge) {
          violation(
              at, "the number " + abbreviate(value.toString()) + " is too large or too precise");
          return Optional.empty();
        }
      default:
        return Optional.empty();
    }
  }

  private Optional<FieldPath> attributePath(String text, String what, String at) {
    Optional<FieldPath> path = FieldPath.tryParse(text, resourceType);
    if (path.isEmpty()) {
      violation(at, what + " '" + abbreviate(text) + "' " + FieldPath.explain(text, resourceType));
    }
    return path;
  }

  // ---- Helpers ----

  private void violation(String path, String message) {
    violations.add(new Violation(path, message));
  }

  private void throwIfInvalid() {
    if (!violations.isEmpty()) {
      throw new ConditionSyntaxException(violations);
    }
  }

  private static Condition allOf(List<Condition> members) {
    return members.size() == 1 ? members.get(0) : new AllOf(members);
  }

  private static Condition anyOf(List<Condition> members) {
    return members.size() == 1 ? members.get(0) : new AnyOf(members);
  }

  private static boolean isText(JsonValue value, String text) {
    return value.getValueType() == JsonValue.ValueType.STRING
        && ((JsonString) value).getString().equals(text);
  }

  /** A JSON pointer (RFC 6901) step: "~" and "/" in a key are escaped. */
  private static String pointer(String path, String key) {
    return path + "/" + key.replace("~", "~0").replace("/", "~1");
  }

  /** The JSON type in words an admin knows. */
  private static String describe(JsonValue value) {
    switch (value.getValueType()) {
      case STRING:
        return "the text \"" + abbreviate(((JsonString) value).getString()) + "\"";
      case NUMBER:
        return "a number";
      case TRUE:
        return "true";
      case FALSE:
        return "false";
      case NULL:
        return "null";
      case ARRAY:
        return "a list";
      default:
        return "an object";
    }
  }

  /** Keeps messages short when an admin pasted something long by mistake. */
  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
