package org.lectern.contract;

import static org.junit.jupiter.api.Assertions.fail;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every documented operation shows an example of what it exchanges: its request body (when it takes
 * a JSON body) and its success response (when that has a body; otherwise any of its responses). The
 * examples are what client authors read first, so they are written on the media type itself ({@code
 * example} or {@code examples}), not left to per-field hints. Raw uploads ({@code format: binary})
 * are exempt: a file's bytes make no useful example.
 */
class EveryOperationHasExamplesTest {

  @Test
  void everyOperationHasARequestAndAResponseExample() {
    OpenAPI api = OpenApiDocument.parse();
    List<String> missing = new ArrayList<>();
    OpenApiDocument.operations(api)
        .forEach(
            (key, op) -> {
              RequestBody body = requestBody(api, op);
              if (body != null && !binary(body.getContent()) && !hasExample(body.getContent())) {
                missing.add(key + ": no request body example");
              }
              if (!hasResponseExample(api, op)) {
                missing.add(key + ": no response example");
              }
            });
    if (!missing.isEmpty()) {
      fail(
          missing.size()
              + " operations lack examples in openapi.yaml:\n  "
              + String.join("\n  ", missing));
    }
  }

  private static boolean hasResponseExample(OpenAPI api, Operation op) {
    List<ApiResponse> success = new ArrayList<>();
    List<ApiResponse> all = new ArrayList<>();
    for (Map.Entry<String, ApiResponse> e : op.getResponses().entrySet()) {
      ApiResponse r = response(api, e.getValue());
      all.add(r);
      if (e.getKey().startsWith("2")) {
        success.add(r);
      }
    }
    boolean successHasBody =
        success.stream().anyMatch(r -> r.getContent() != null && !r.getContent().isEmpty());
    return (successHasBody ? success : all)
        .stream().anyMatch(r -> binary(r.getContent()) || hasExample(r.getContent()));
  }

  private static boolean hasExample(Content content) {
    if (content == null) {
      return false;
    }
    for (MediaType m : content.values()) {
      if (m.getExample() != null || (m.getExamples() != null && !m.getExamples().isEmpty())) {
        return true;
      }
    }
    return false;
  }

  private static boolean binary(Content content) {
    return content != null
        && !content.isEmpty()
        && content.values().stream()
            .allMatch(m -> m.getSchema() != null && "binary".equals(m.getSchema().getFormat()));
  }

  private static RequestBody requestBody(OpenAPI api, Operation op) {
    RequestBody b = op.getRequestBody();
    if (b != null && b.get$ref() != null) {
      return api.getComponents().getRequestBodies().get(simpleName(b.get$ref()));
    }
    return b;
  }

  private static ApiResponse response(OpenAPI api, ApiResponse r) {
    if (r.get$ref() != null) {
      return api.getComponents().getResponses().get(simpleName(r.get$ref()));
    }
    return r;
  }

  private static String simpleName(String ref) {
    return ref.substring(ref.lastIndexOf('/') + 1);
  }
}
