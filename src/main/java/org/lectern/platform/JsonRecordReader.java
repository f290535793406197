package org.lectern.platform;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads every JSON request body into its request record, strictly: malformed JSON, a field the
 * record does not have, a value outside an enum, or a value of the wrong JSON type is a 400 that
 * names the field, before anything reaches a service.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
public class JsonRecordReader implements MessageBodyReader<Record> {

  private static final int MAX_LIST_STRING = 100;

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
    JsonValue json;
    try (JsonReader reader =
        Json.createReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      json = reader.readValue();
    } catch (JsonParsingException e) {
      throw LecternException.invalid("body", "is not valid JSON (" + location(e) + ")");
    } catch (JsonException e) {
      if (e.getCause() instanceof BodyLimit.TooLarge tooLarge) {
        throw tooLarge;
      }
      throw LecternException.invalid("body", "is not valid JSON");
    }
    List<LecternException.FieldError> errors = new ArrayList<>();
    check(json, type, "", errors);
    if (!errors.isEmpty()) {
      throw LecternException.invalid("request.invalid", "The request is not valid.", errors);
    }
    try {
      return JsonbSettings.jsonb().fromJson(json.toString(), type);
    } catch (JsonbException e) {
      throw LecternException.invalid("body", "has a value of the wrong type");
    }
  }

  private static void check(
      JsonValue value, Type type, String path, List<LecternException.FieldError> errors) {
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return;
    }
    Class<?> raw = rawClass(type);
    String field = path.isEmpty() ? "body" : path;
    if (raw.isRecord()) {
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        errors.add(new LecternException.FieldError(field, "must be a JSON object"));
        return;
      }
      JsonObject object = value.asJsonObject();
      Set<String> known =
          Arrays.stream(raw.getRecordComponents())
              .map(RecordComponent::getName)
              .collect(Collectors.toSet());
      for (String key : object.keySet()) {
        if (!known.contains(key)) {
          errors.add(
              new LecternException.FieldError(join(path, key), "is not a field of this request"));
        }
      }
      for (RecordComponent c : raw.getRecordComponents()) {
        check(object.get(c.getName()), c.getGenericType(), join(path, c.getName()), errors);
      }
    } else if (List.class.isAssignableFrom(raw)) {
      if (value.getValueType() != JsonValue.ValueType.ARRAY) {
        errors.add(new LecternException.FieldError(field, "must be a JSON array"));
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
          errors.add(new LecternException.FieldError(at, "must not be null"));
        } else if (item instanceof JsonString s
            && (s.getString().isBlank() || s.getString().length() > MAX_LIST_STRING)) {
          errors.add(
              new LecternException.FieldError(
                  at, "must be 1 to " + MAX_LIST_STRING + " characters"));
        } else {
          check(item, element, at, errors);
        }
      }
    } else if (raw.isEnum()) {
      List<String> names =
          Arrays.stream(raw.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList();
      if (!(value instanceof JsonString s) || !names.contains(s.getString())) {
        errors.add(
            new LecternException.FieldError(field, "must be one of " + String.join(", ", names)));
      }
    } else if (raw == String.class) {
      if (value.getValueType() != JsonValue.ValueType.STRING) {
        errors.add(new LecternException.FieldError(field, "must be a string"));
      }
    } else if (Number.class.isAssignableFrom(raw) || raw == int.class || raw == long.class) {
      if (value.getValueType() != JsonValue.ValueType.NUMBER) {
        errors.add(new LecternException.FieldError(field, "must be a number"));
      }
    } else if (raw == Boolean.class || raw == boolean.class) {
      if (value.getValueType() != JsonValue.ValueType.TRUE
          && value.getValueType() != JsonValue.ValueType.FALSE) {
        errors.add(new LecternException.FieldError(field, "must be true or false"));
      }
    } else if (raw == java.util.UUID.class) {
      if (!(value instanceof JsonString s) || !isUuid(s.getString())) {
        errors.add(new LecternException.FieldError(field, "must be a UUID"));
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
