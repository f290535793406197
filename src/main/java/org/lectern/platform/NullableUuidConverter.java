package org.lectern.platform;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.UUID;

/**
 * For nullable uuid columns: EclipseLink 4.0's built-in UUID conversion fails on SQL NULL, so such
 * attributes name this converter explicitly.
 */
@Converter
public class NullableUuidConverter implements AttributeConverter<UUID, Object> {

  @Override
  public Object convertToDatabaseColumn(UUID value) {
    return value;
  }

  @Override
  public UUID convertToEntityAttribute(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof UUID uuid ? uuid : UUID.fromString(value.toString());
  }
}
