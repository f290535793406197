package org.lectern.approval;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import java.io.StringReader;
import java.util.Map;
import java.util.UUID;
import org.lectern.platform.JsonbSettings;
import org.lectern.platform.Jsons;

/**
 * Payload records to and from the JSON an approval stores. Reading is lenient on purpose, unlike
 * the API's JSON-B ({@link JsonbSettings} rejects unknown fields): a stored payload was written by
 * whatever release took the request, and must still run after its record gained or lost a field.
 */
final class ApprovalPayloads {

  /**
   * A JSON-B of its own that ignores unknown properties, so that how the API's configuration treats
   * them can change without failing stored approvals.
   */
  private static final Jsonb READER = JsonbBuilder.create(new JsonbConfig());

  private ApprovalPayloads() {}

  /** The payload as stored: a JSON object of the record's components, nulls included. */
  static <P extends Record> String write(P payload) {
    // Writing is not affected by unknown-field rules; the API's JSON-B knows how to write records.
    return JsonbSettings.jsonb().toJson(payload);
  }

  /**
   * The stored payload of an approval for {@code entityId}, as the act's record. Fields the record
   * does not know are ignored; fields the stored JSON lacks take the value a request made now would
   * have (the approval's entity version check guarantees the entity is as it was requested), and
   * null where that has none.
   *
   * @throws IllegalArgumentException if the stored JSON is not an object, or names another entity
   */
  static <P extends Record> P read(ApprovableAct<P> act, UUID entityId, String stored) {
    JsonValue value;
    try (JsonReader reader = Jsons.provider().createReader(new StringReader(stored))) {
      value = reader.readValue();
    }
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new IllegalArgumentException(
          "the payload of " + act.name() + " is not a JSON object: " + stored);
    }
    JsonObjectBuilder merged = Jsons.builders().createObjectBuilder(defaults(act, entityId));
    for (Map.Entry<String, JsonValue> field : value.asJsonObject().entrySet()) {
      merged.add(field.getKey(), field.getValue());
    }
    P payload = READER.fromJson(merged.build().toString(), act.payloadType());
    if (!entityId.equals(act.entityId(payload))) {
      throw new IllegalArgumentException(
          "the payload of " + act.name() + " names another entity than " + entityId);
    }
    return payload;
  }

  private static <P extends Record> JsonObject defaults(ApprovableAct<P> act, UUID entityId) {
    try (JsonReader reader =
        Jsons.provider().createReader(new StringReader(write(act.payload(entityId))))) {
      return reader.readObject();
    }
  }
}
