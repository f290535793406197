package org.lectern.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every text and every list a client sends has a documented maximum ({@code maxLength}, {@code
 * maxItems}), so client authors and the attack suite know the limits and the server checks them
 * before any work: body fields, path and query parameters and headers alike. UUIDs, timestamps and
 * enums are bounded by their format.
 */
class EveryInputIsBoundedTest {

  private static final Set<String> BOUNDED_FORMATS = Set.of("uuid", "date-time", "date", "binary");

  @Test
  void everyStringAndArrayARequestCarriesHasAMaximum() {
    OpenAPI api = OpenApiDocument.parse();
    Set<String> unbounded = new TreeSet<>();
    OpenApiDocument.operations(api)
        .forEach(
            (key, op) -> {
              for (Parameter p :
                  op.getParameters() == null ? List.<Parameter>of() : op.getParameters()) {
                Parameter param = parameter(api, p);
                walk(
                    api,
                    param.getSchema(),
                    key + " " + param.getIn() + " " + param.getName(),
                    unbounded,
                    new HashSet<>());
              }
              RequestBody body = op.getRequestBody();
              if (body != null && body.get$ref() != null) {
                body = api.getComponents().getRequestBodies().get(name(body.get$ref()));
              }
              if (body != null && body.getContent() != null) {
                for (Map.Entry<String, MediaType> m : body.getContent().entrySet()) {
                  if (m.getKey().contains("json")) {
                    walk(api, m.getValue().getSchema(), key + " body", unbounded, new HashSet<>());
                  }
                }
              }
            });
    assertEquals(Set.of(), unbounded, "inputs without a documented maximum");
  }

  private static void walk(
      OpenAPI api, Schema<?> schema, String where, Set<String> unbounded, Set<String> seen) {
    if (schema == null) {
      return;
    }
    if (schema.get$ref() != null) {
      String name = name(schema.get$ref());
      if (seen.add(name)) {
        walk(api, api.getComponents().getSchemas().get(name), name, unbounded, seen);
      }
      return;
    }
    for (List<Schema> parts :
        java.util.Arrays.asList(schema.getAllOf(), schema.getOneOf(), schema.getAnyOf())) {
      if (parts != null) {
        parts.forEach(part -> walk(api, part, where, unbounded, seen));
      }
    }
    String type = schema.getType();
    if ("string".equals(type)
        && schema.getMaxLength() == null
        && schema.getEnum() == null
        && !BOUNDED_FORMATS.contains(String.valueOf(schema.getFormat()))) {
      unbounded.add(where + ": text without maxLength");
    }
    if ("array".equals(type)) {
      if (schema.getMaxItems() == null) {
        unbounded.add(where + ": list without maxItems");
      }
      walk(api, schema.getItems(), where + "[]", unbounded, seen);
    }
    if (schema.getProperties() != null) {
      schema.getProperties().forEach((n, s) -> walk(api, s, where + "." + n, unbounded, seen));
    }
    if (schema.getAdditionalProperties() instanceof Schema<?> values) {
      walk(api, values, where + "{}", unbounded, seen);
    }
  }

  private static Parameter parameter(OpenAPI api, Parameter p) {
    return p.get$ref() == null ? p : api.getComponents().getParameters().get(name(p.get$ref()));
  }

  private static String name(String ref) {
    return ref.substring(ref.lastIndexOf('/') + 1);
  }
}
