package org.lectern.platform;

import jakarta.json.JsonBuilderFactory;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParserFactory;
import java.util.Map;

/**
 * The one JSON-P provider of the application, looked up once. {@code Json.createObjectBuilder()}
 * and its siblings look the provider up through the service loader on every call, which under
 * Payara's class loaders costs about a millisecond each: per error entry or per audited field, that
 * made a request's cost grow with its size many times over. Use these instead.
 */
public final class Jsons {

  private static final JsonProvider PROVIDER = JsonProvider.provider();
  private static final JsonBuilderFactory BUILDERS = PROVIDER.createBuilderFactory(Map.of());
  private static final JsonParserFactory PARSERS = PROVIDER.createParserFactory(Map.of());

  private Jsons() {}

  /** For values ({@code createValue}), readers and writers. */
  public static JsonProvider provider() {
    return PROVIDER;
  }

  /** For object and array builders. */
  public static JsonBuilderFactory builders() {
    return BUILDERS;
  }

  /** For streaming parsers. */
  public static JsonParserFactory parsers() {
    return PARSERS;
  }
}
