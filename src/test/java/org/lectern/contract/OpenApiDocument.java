package org.lectern.contract;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The hand-written API document, {@code src/main/resources/META-INF/openapi.yaml}, parsed. */
final class OpenApiDocument {

  static final Path FILE = Path.of("src/main/resources/META-INF/openapi.yaml");

  private OpenApiDocument() {}

  /** Parsed without resolving references, so the document is read as it is written. */
  static OpenAPI parse() {
    if (!Files.isRegularFile(FILE)) {
      throw new IllegalStateException("run from the project directory: no " + FILE);
    }
    ParseOptions options = new ParseOptions();
    options.setResolve(false);
    var result = new OpenAPIV3Parser().readLocation(FILE.toUri().toString(), null, options);
    if (result.getOpenAPI() == null) {
      throw new IllegalStateException("openapi.yaml does not parse: " + result.getMessages());
    }
    if (result.getMessages() != null && !result.getMessages().isEmpty()) {
      throw new IllegalStateException("openapi.yaml has problems: " + result.getMessages());
    }
    return result.getOpenAPI();
  }

  /** Every operation, keyed {@code "GET /api/stories/{}"} (path parameters unnamed). */
  static Map<String, Operation> operations(OpenAPI api) {
    Map<String, Operation> out = new LinkedHashMap<>();
    for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
      for (Map.Entry<PathItem.HttpMethod, Operation> op :
          path.getValue().readOperationsMap().entrySet()) {
        out.put(op.getKey().name() + " " + normalize(path.getKey()), op.getValue());
      }
    }
    return out;
  }

  /**
   * A path template with its parameters unnamed and any regex dropped ({@code /a/{id: [0-9]+}/b}
   * becomes {@code /a/{}/b}), no doubled or trailing slash.
   */
  static String normalize(String template) {
    StringBuilder out = new StringBuilder();
    int depth = 0;
    for (char c : template.toCharArray()) {
      if (c == '{') {
        if (depth++ == 0) {
          out.append("{}");
        }
      } else if (c == '}') {
        depth--;
      } else if (depth == 0) {
        out.append(c);
      }
    }
    String s = ("/" + out).replaceAll("/+", "/");
    return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
