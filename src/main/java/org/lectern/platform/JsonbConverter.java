package org.lectern.platform;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Maps a JSON document held as text to a {@code jsonb} column: the string goes out untyped and
 * PostgreSQL parses it; the driver's PGobject comes back as its text.
 */
@Converter
public class JsonbConverter implements AttributeConverter<String, Object> {

  @Override
  public Object convertToDatabaseColumn(String json) {
    return json;
  }

  @Override
  public String convertToEntityAttribute(Object dbValue) {
    return dbValue == null ? null : dbValue.toString();
  }
}
