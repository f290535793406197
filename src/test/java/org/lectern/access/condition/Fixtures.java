package org.lectern.access.condition;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lectern.access.condition.ConditionSyntaxException.Violation;

/**
 * Small builders for the condition tests. JSON is written with single quotes for readability and
 * turned into real JSON here; the resource type is always {@code story}.
 */
final class Fixtures {

  static final String TYPE = "story";

  private Fixtures() {}

  /** A map from alternating keys and values; unlike {@code Map.of}, values may be null. */
  static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  static Attributes resource(Object... keysAndValues) {
    return new Attributes(Map.of(), map(keysAndValues));
  }

  static Attributes user(Object... keysAndValues) {
    return new Attributes(map(keysAndValues), Map.of());
  }

  static Attributes attributes(Map<String, ?> user, Map<String, ?> resource) {
    return new Attributes(user, resource);
  }

  /** One comparison; {@code valueJson} is the JSON of the value, e.g. {@code "'published'"}. */
  static String leaf(String field, String operator, String valueJson) {
    return "{'field': '" + field + "', 'operator': '" + operator + "', 'value': " + valueJson + "}";
  }

  static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  static Condition parse(String singleQuotedJson) {
    return ConditionParser.parse(json(singleQuotedJson), TYPE);
  }

  static boolean holds(String singleQuotedJson, Attributes attributes) {
    return parse(singleQuotedJson).test(attributes);
  }

  static List<Violation> violations(String singleQuotedJson) {
    return assertThrows(ConditionSyntaxException.class, () -> parse(singleQuotedJson)).violations();
  }

  static List<String> paths(String singleQuotedJson) {
    return violations(singleQuotedJson).stream().map(Violation::path).toList();
  }
}
