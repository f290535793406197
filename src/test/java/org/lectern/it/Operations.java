package org.lectern.it;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations of {@code openapi.yaml}, with references resolved, as the attack suite walks them:
 * each one's parameters, JSON request schema and example, and whether it needs a token. Read from
 * the document on every run, so an operation added to it is attacked without anyone listing it.
 */
final class Operations {

  /** One documented operation. */
  record Op(
      String method,
      String template,
      Operation operation,
      List<Parameter> parameters,
      boolean needsToken) {

    String name() {
      return method + " " + template;
    }

    @Override
    public String toString() {
      return name();
    }

    List<Parameter> in(String where) {
      return parameters.stream().filter(p -> where.equals(p.getIn())).toList();
    }

    /** The JSON request body's schema, or null when the body is not JSON (or there is none). */
    Schema<?> jsonSchema() {
      MediaType m = jsonMedia();
      return m == null ? null : m.getSchema();
    }

    MediaType jsonMedia() {
      if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
        return null;
      }
      return operation.getRequestBody().getContent().get("application/json");
    }

    /** A request body is documented but is not JSON (audio uploads). */
    boolean binaryBody() {
      return operation.getRequestBody() != null && jsonMedia() == null;
    }

    /** The document's example request body, or {@code {}}. */
    JsonObject example() {
      MediaType m = jsonMedia();
      if (m == null) {
        return JsonValue.EMPTY_JSON_OBJECT;
      }
      Object value = m.getExample();
      if (value == null && m.getExamples() != null && !m.getExamples().isEmpty()) {
        value = m.getExamples().values().iterator().next().getValue();
      }
      if (value == null) {
        return JsonValue.EMPTY_JSON_OBJECT;
      }
      try {
        String text = io.swagger.v3.core.util.Json.mapper().writeValueAsString(value);
        return Json.createReader(new StringReader(text)).readObject();
      } catch (Exception e) {
        throw new IllegalStateException(name() + ": example is not a JSON object", e);
      }
    }

    /** Top-level properties of the JSON request schema. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    Map<String, Schema<?>> fields() {
      Schema<?> s = jsonSchema();
      Map<String, Schema<?>> out = new LinkedHashMap<>();
      if (s == null) {
        return out;
      }
      if (s.getProperties() != null) {
        out.putAll((Map) s.getProperties());
      }
      if (s.getAllOf() != null) {
        for (Schema<?> part : s.getAllOf()) {
          if (part.getProperties() != null) {
            out.putAll((Map) part.getProperties());
          }
        }
      }
      return out;
    }

    /**
     * The properties one level down: of each top-level field that is an object (key {@code
     * "field.sub"}) or a list of objects (key {@code "field[].sub"}).
     */
    Map<String, Schema<?>> nestedFields() {
      Map<String, Schema<?>> out = new LinkedHashMap<>();
      fields()
          .forEach(
              (field, s) -> {
                boolean list = "array".equals(type(s));
                Schema<?> object = list ? s.getItems() : s;
                if (object != null && "object".equals(type(object))) {
                  properties(object)
                      .forEach((sub, ss) -> out.put(field + (list ? "[]." : ".") + sub, ss));
                }
              });
      return out;
    }
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static Map<String, Schema<?>> properties(Schema<?> s) {
    Map<String, Schema<?>> out = new LinkedHashMap<>();
    if (s.getProperties() != null) {
      out.putAll((Map) s.getProperties());
    }
    if (s.getAllOf() != null) {
      for (Schema<?> part : s.getAllOf()) {
        out.putAll(properties(part));
      }
    }
    return out;
  }

  private static final List<Op> ALL = load();

  private Operations() {}

  static List<Op> all() {
    return ALL;
  }

  /** The schema's type, looking through 3.1-style type sets and a single-member oneOf/allOf. */
  static String type(Schema<?> s) {
    if (s == null) {
      return null;
    }
    if (s.getType() != null) {
      return s.getType();
    }
    if (s.getTypes() != null && !s.getTypes().isEmpty()) {
      return s.getTypes().stream().filter(t -> !"null".equals(t)).findFirst().orElse(null);
    }
    if (s.getAllOf() != null && s.getAllOf().size() == 1) {
      return type(s.getAllOf().get(0));
    }
    if (s.getEnum() != null && !s.getEnum().isEmpty()) {
      return s.getEnum().get(0) instanceof String ? "string" : null;
    }
    if (s.getProperties() != null) {
      return "object";
    }
    return null;
  }

  private static List<Op> load() {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setResolveFully(true);
    OpenAPI api = new OpenAPIV3Parser().read(Contract.DOCUMENT.toUri().toString(), null, options);
    boolean globalToken = api.getSecurity() != null && needs(api.getSecurity());
    List<Op> out = new ArrayList<>();
    for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
      for (Map.Entry<PathItem.HttpMethod, Operation> e :
          path.getValue().readOperationsMap().entrySet()) {
        Operation op = e.getValue();
        List<Parameter> params = new ArrayList<>();
        if (path.getValue().getParameters() != null) {
          params.addAll(path.getValue().getParameters());
        }
        if (op.getParameters() != null) {
          for (Parameter p : op.getParameters()) {
            params.removeIf(q -> q.getName().equals(p.getName()) && q.getIn().equals(p.getIn()));
            params.add(p);
          }
        }
        boolean token = op.getSecurity() == null ? globalToken : needs(op.getSecurity());
        out.add(new Op(e.getKey().name(), path.getKey(), op, params, token));
      }
    }
    return out;
  }

  private static boolean needs(List<SecurityRequirement> security) {
    return !security.isEmpty() && security.stream().noneMatch(Map::isEmpty);
  }
}
