package org.lectern.platform;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Maps {@code List<String>} to a PostgreSQL {@code text[]} column. Writes an array literal that
 * PostgreSQL types itself (the pool sends strings untyped); reads the driver's {@link Array}.
 */
@Converter
public class TextArrayConverter implements AttributeConverter<List<String>, Object> {

  @Override
  public Object convertToDatabaseColumn(List<String> values) {
    if (values == null) {
      return null;
    }
    return SqlValues.quotedArray(values);
  }

  @Override
  public List<String> convertToEntityAttribute(Object dbValue) {
    if (dbValue == null) {
      return new ArrayList<>();
    }
    if (dbValue instanceof Array array) {
      try {
        Object[] values = (Object[]) array.getArray();
        List<String> out = new ArrayList<>(values.length);
        for (Object v : values) {
          out.add(String.valueOf(v));
        }
        return out;
      } catch (SQLException e) {
        throw new IllegalStateException("cannot read a text[] value", e);
      }
    }
    if (dbValue instanceof String[] strings) {
      return new ArrayList<>(Arrays.asList(strings));
    }
    if (dbValue instanceof Object[] values) {
      // uuid[] columns arrive as UUID[]
      List<String> out = new ArrayList<>(values.length);
      for (Object v : values) {
        out.add(String.valueOf(v));
      }
      return out;
    }
    throw new IllegalStateException(
        "unexpected text[] value of type " + dbValue.getClass().getName());
  }
}
