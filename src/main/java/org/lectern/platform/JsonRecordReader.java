package org.lectern.platform;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads every JSON request body into its request record, strictly: malformed JSON, a field the
 * record does not have, a value outside an enum, or a value of the wrong JSON type is a 400 that
 * names the field, before anything reaches a service.
 *
 * <p>The cost is bounded and linear in the body: one streaming pass that refuses deep nesting
 * before building it, at most {@link Problems#MAX_ERRORS} errors kept, and text PostgreSQL cannot
 * store refused for every field of every request, whatever its record looks like.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
public class JsonRecordReader implements MessageBodyReader<Record> {

  private static final int MAX_LIST_STRING = 100;

  /** Objects and arrays nest at most this deep; no request record comes near it. */
  public static final int MAX_DEPTH = 64;

  private static final int MAX_DIGITS = 100;

  @Override
  public boolean isReadable(
      Class<?> type, Type generic, Annotation[] annotations, MediaType mediaType) {
    return type.isRecord();
  }

  @Override
  public Record readFrom(
      Class<Record> type,
      Type generic,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, String> headers,
      InputStream body)
      throws IOException, WebApplicationException {
    Errors errors = new Errors();
    JsonValue json = read(body, errors);
    check(json, type, "", errors);
    if (!errors.isEmpty()) {
      throw new LecternException(
          400, "request.invalid", "The request is not valid.", errors.kept, errors.dropped);
    }
    try {
      return JsonbSettings.jsonb().fromJson(json.toString(), type);
    } catch (JsonbException e) {
      throw LecternException.invalid("body", "has a value of the wrong type");
    }
  }

  /**
   * Reads the body in one streaming pass, refusing it before anything deep is built: nesting past
   * {@link #MAX_DEPTH} is a 400 at once, and text PostgreSQL cannot store (NUL, lone surrogates) or
   * a number with absurdly many digits is a field error.
   */
  private static JsonValue read(InputStream body, Errors errors) throws IOException {
    try (JsonParser parser =
        Jsons.parsers().createParser(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      if (!parser.hasNext()) {
        throw LecternException.invalid("body", "is not valid JSON (empty)");
      }
      JsonValue value = value(parser, parser.next(), null, 0, errors);
      if (parser.hasNext()) {
        throw LecternException.invalid("body", "is not valid JSON (text after the end)");
      }
      return value;
    } catch (JsonParsingException e) {
      throw LecternException.invalid("body", "is not valid JSON (" + location(e) + ")");
    } catch (JsonException | NoSuchElementException | IllegalStateException e) {
      if (e.getCause() instanceof BodyLimit.TooLarge tooLarge) {
        throw tooLarge;
      }
      throw LecternException.invalid("body", "is not valid JSON");
    }
  }

  private static JsonValue value(
      JsonParser parser, JsonParser.Event event, At at, int depth, Errors errors) {
    switch (event) {
      case START_OBJECT -> {
        if (depth >= MAX_DEPTH) {
          throw deep();
        }
        JsonObjectBuilder object = Jsons.builders().createObjectBuilder();
        for (JsonParser.Event e = parser.next();
            e != JsonParser.Event.END_OBJECT;
            e = parser.next()) {
          String key = parser.getString();
          At here = new At(at, key, -1);
          if (!StorableText.isStorable(key)) {
            errors.add(here.toString(), "is a field name that " + StorableText.MESSAGE);
          }
          object.add(key, value(parser, parser.next(), here, depth + 1, errors));
        }
        return object.build();
      }
      case START_ARRAY -> {
        if (depth >= MAX_DEPTH) {
          throw deep();
        }
        JsonArrayBuilder array = Jsons.builders().createArrayBuilder();
        int i = 0;
        for (JsonParser.Event e = parser.next();
            e != JsonParser.Event.END_ARRAY;
            e = parser.next()) {
          array.add(value(parser, e, new At(at, null, i++), depth + 1, errors));
        }
        return array.build();
      }
      case VALUE_STRING -> {
        String s = parser.getString();
        if (!StorableText.isStorable(s)) {
          errors.add(at == null ? "body" : at.toString(), StorableText.MESSAGE);
        }
        return Jsons.provider().createValue(s);
      }
      case VALUE_NUMBER -> {
        BigDecimal n = parser.getBigDecimal();
        // 1e999999999 is short text but a huge number: converting it to an integer would
        // allocate without bound, so such numbers never reach the binding.
        if (n.precision() > MAX_DIGITS || Math.abs((long) n.scale()) > MAX_DIGITS) {
          errors.add(at == null ? "body" : at.toString(), "is a number with too many digits");
          return JsonValue.NULL;
        }
        return Jsons.provider().createValue(n);
      }
      case VALUE_TRUE -> {
        return JsonValue.TRUE;
      }
      case VALUE_FALSE -> {
        return JsonValue.FALSE;
      }
      case VALUE_NULL -> {
        return JsonValue.NULL;
      }
      default -> throw LecternException.invalid("body", "is not valid JSON");
    }
  }

  private static LecternException deep() {
    return LecternException.invalid("body", "nests objects or arrays deeper than " + MAX_DEPTH);
  }

  /** A position in the body, turned into a field path only when an error names it. */
  private record At(At parent, String key, int index) {
    @Override
    public String toString() {
      String prefix = parent == null ? "" : parent.toString();
      return key == null ? prefix + "[" + index + "]" : join(prefix, key);
    }
  }

  /**
   * Field errors, keeping the first {@link Problems#MAX_ERRORS} and only counting the rest, so the
   * cost of a body with many bad fields is one pass over it.
   */
  private static final class Errors {
    final List<LecternException.FieldError> kept = new ArrayList<>();
    int dropped;

    void add(String field, String message) {
      if (kept.size() < Problems.MAX_ERRORS) {
        kept.add(new LecternException.FieldError(field, message));
      } else {
        dropped++;
      }
    }

    boolean isEmpty() {
      return kept.isEmpty();
    }
  }

  private static void check(JsonValue value, Type type, String path, Errors errors) {
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return;
    }
    Class<?> raw = rawClass(type);
    String field = path.isEmpty() ? "body" : path;
    if (raw.isRecord()) {
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        errors.add(field, "must be a JSON object");
        return;
      }
      JsonObject object = value.asJsonObject();
      Set<String> known =
          Arrays.stream(raw.getRecordComponents())
              .map(RecordComponent::getName)
              .collect(Collectors.toSet());
      for (String key : object.keySet()) {
        if (!known.contains(key)) {
          errors.add(join(path, key), "is not a field of this request");
        }
      }
      for (RecordComponent c : raw.getRecordComponents()) {
        check(object.get(c.getName()), c.getGenericType(), join(path, c.getName()), errors);
      }
    } else if (List.class.isAssignableFrom(raw)) {
      if (value.getValueType() != JsonValue.ValueType.ARRAY) {
        errors.add(field, "must be a JSON array");
        return;
      }
      Type element =
          type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
      JsonArray array = value.asJsonArray();
      for (int i = 0; i < array.size(); i++) {
        String at = path + "[" + i + "]";
        JsonValue item = array.get(i);
        // Request lists hold names and objects: a null or blank entry is always a mistake.
        if (item.getValueType() == JsonValue.ValueType.NULL) {
          errors.add(at, "must not be null");
        } else if (item instanceof JsonString s
            && (s.getString().isBlank() || s.getString().length() > MAX_LIST_STRING)) {
          errors.add(at, "must be 1 to " + MAX_LIST_STRING + " characters");
        } else {
          check(item, element, at, errors);
        }
      }
    } else if (raw.isEnum()) {
      List<String> names =
          Arrays.stream(raw.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList();
      if (!(value instanceof JsonString s) || !names.contains(s.getString())) {
        errors.add(field, "must be one of " + String.join(", ", names));
      }
    } else if (raw == String.class) {
      if (value.getValueType() != JsonValue.ValueType.STRING) {
        errors.add(field, "must be a string");
      }
    } else if (Number.class.isAssignableFrom(raw) || raw == int.class || raw == long.class) {
      if (value.getValueType() != JsonValue.ValueType.NUMBER) {
        errors.add(field, "must be a number");
      }
    } else if (raw == Boolean.class || raw == boolean.class) {
      if (value.getValueType() != JsonValue.ValueType.TRUE
          && value.getValueType() != JsonValue.ValueType.FALSE) {
        errors.add(field, "must be true or false");
      }
    } else if (raw == java.util.UUID.class) {
      if (!(value instanceof JsonString s) || !isUuid(s.getString())) {
        errors.add(field, "must be a UUID");
      }
    }
  }

  private static boolean isUuid(String s) {
    try {
      java.util.UUID.fromString(s);
      return s.length() == 36;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    return Object.class;
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static String location(JsonParsingException e) {
    return e.getLocation() == null
        ? "unexpected input"
        : "line "
            + e.getLocation().getLineNumber()
            + ", column "
            + e.getLocation().getColumnNumber();
  }
}
