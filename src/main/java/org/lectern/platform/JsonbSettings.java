package org.lectern.platform;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyVisibilityStrategy;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * JSON-B for the API and for manifests.
 *
 * <ul>
 *   <li>A field the resource does not know is an error, not silently dropped, so a typo in a client
 *       ({@code "tittle"}) is a 400 instead of a half-applied change.
 *   <li>Records are written from their components. Payara loads Yasson without its multi-release
 *       record support, so request records also declare a {@code @JsonbCreator} constructor.
 * </ul>
 */
@Provider
public class JsonbSettings implements ContextResolver<Jsonb> {

  private static final Jsonb JSONB = create();

  @Override
  public Jsonb getContext(Class<?> type) {
    return JSONB;
  }

  /** The application's one JSON-B configuration. */
  public static Jsonb jsonb() {
    return JSONB;
  }

  private static Jsonb create() {
    return JsonbBuilder.create(
        new JsonbConfig()
            .withNullValues(true)
            .withPropertyVisibilityStrategy(new RecordComponents())
            .setProperty("jsonb.fail-on-unknown-properties", true));
  }

  /** Records: their component fields are the properties; other classes: JSON-B's defaults. */
  private static final class RecordComponents implements PropertyVisibilityStrategy {
    @Override
    public boolean isVisible(Field field) {
      return field.getDeclaringClass().isRecord()
          || java.lang.reflect.Modifier.isPublic(field.getModifiers());
    }

    @Override
    public boolean isVisible(Method method) {
      return !method.getDeclaringClass().isRecord()
          && java.lang.reflect.Modifier.isPublic(method.getModifiers());
    }
  }
}
