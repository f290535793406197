package org.lectern.it;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every call the ITs make is checked against {@code openapi.yaml}, the document client authors
 * generate their clients from: a status, header, content type or field that the document does not
 * describe fails the test that made the call.
 *
 * <p>Responses are always checked. Requests are checked only when the server accepted them (status
 * below 400): the suite sends invalid requests on purpose to see them refused, and a request the
 * document forbids but the server accepted is exactly the drift this is here to catch. Checking by
 * outcome needs no opt-out flag that a test could forget or overuse.
 */
final class Contract {

  static final Path DOCUMENT = Path.of("src/main/resources/META-INF/openapi.yaml");

  /** Paths outside the API document: MicroProfile's own endpoints (health, the document itself). */
  private static final Set<String> OUTSIDE_DOCUMENT =
      Set.of("/health", "/openapi", "/metrics", "/api/test-only");

  /** Built once: parsing the 5,000-line document takes about a second. */
  private static final OpenApiInteractionValidator VALIDATOR = build();

  /** What the run checked, written to {@code target/contract-calls.txt} when the JVM ends. */
  private static final AtomicInteger CALLS = new AtomicInteger();

  private static final AtomicInteger REQUESTS = new AtomicInteger();
  private static final Map<String, Pattern> OPERATIONS = operations();
  private static final Set<String> EXERCISED = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(Contract::writeSummary));
  }

  private Contract() {}

  /** {@code "GET /api/stories/{id}"} to a pattern matching its paths. */
  private static Map<String, Pattern> operations() {
    var options = new ParseOptions();
    options.setResolve(false);
    var api = new OpenAPIV3Parser().read(DOCUMENT.toUri().toString(), null, options);
    Map<String, Pattern> out = new TreeMap<>();
    api.getPaths()
        .forEach(
            (template, item) ->
                item.readOperationsMap()
                    .keySet()
                    .forEach(
                        m ->
                            out.put(
                                m.name() + " " + template,
                                Pattern.compile(
                                    m.name() + " " + template.replaceAll("\\{[^}]+}", "[^/]+")))));
    return out;
  }

  private static void writeSummary() {
    Set<String> missed = new TreeSet<>(OPERATIONS.keySet());
    missed.removeAll(EXERCISED);
    String summary =
        String.format(
            "openapi.yaml checked %d IT calls (%d requests too); %d of %d operations called%n"
                + "not called by any IT:%n  %s%n",
            CALLS.get(),
            REQUESTS.get(),
            OPERATIONS.size() - missed.size(),
            OPERATIONS.size(),
            String.join("\n  ", missed));
    try {
      Files.writeString(Path.of("target/contract-calls.txt"), summary);
    } catch (java.io.IOException | RuntimeException e) {
      // Only a report; a missing target/ (unit test runs from elsewhere) is no failure.
    }
  }

  private static OpenApiInteractionValidator build() {
    if (!Files.isRegularFile(DOCUMENT)) {
      throw new IllegalStateException("run from the project directory: no " + DOCUMENT);
    }
    // The validator's default ignores fields a schema does not list unless the schema itself says
    // additionalProperties: false (which the request schemas do, the response schemas mostly not).
    // Raised to an error, every object schema that lists properties and says nothing else is closed
    // for this check: an undocumented response field fails. Schemas that allow more say so
    // (additionalProperties: true or a schema, e.g. audit values), and those are left open.
    return OpenApiInteractionValidator.createForSpecificationUrl(DOCUMENT.toUri().toString())
        .withLevelResolver(
            LevelResolver.create()
                .withLevel("validation.schema.additionalProperties", ValidationReport.Level.ERROR)
                .build())
        .build();
  }

  /** Checks one exchange; throws {@link AssertionError} naming each difference. */
  static void check(
      String method,
      URI uri,
      List<String[]> requestHeaders,
      byte[] requestBody,
      int status,
      HttpHeaders responseHeaders,
      byte[] responseBody) {
    String path = uri.getRawPath();
    if (OUTSIDE_DOCUMENT.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"))) {
      return;
    }
    var request = new SimpleRequest.Builder(method, path);
    for (String[] h : requestHeaders) {
      request.withHeader(h[0], h[1]);
    }
    if (requestBody != null && requestBody.length > 0) {
      request.withBody(requestBody);
    }
    query(uri).forEach(request::withQueryParam);
    var response = new SimpleResponse.Builder(status);
    responseHeaders.map().forEach(response::withHeader);
    if (responseBody != null && responseBody.length > 0) {
      response.withBody(responseBody);
    }
    Request req = request.build();
    CALLS.incrementAndGet();
    if (status < 400) {
      REQUESTS.incrementAndGet();
    }
    OPERATIONS.forEach(
        (op, pattern) -> {
          if (pattern.matcher(method + " " + path).matches()) {
            EXERCISED.add(op);
          }
        });
    ValidationReport report =
        status < 400
            ? VALIDATOR.validate(req, response.build())
            : VALIDATOR.validateResponse(path, req.getMethod(), response.build());
    if (status == 404 || status == 405) {
      // A path or method the API does not have at all (a test probing it) answers 404/405 with
      // no operation to check it against.
      report =
          ValidationReport.from(
              report.getMessages().stream()
                  .filter(
                      m ->
                          !m.getKey().equals("validation.request.path.missing")
                              && !m.getKey().equals("validation.request.operation.notAllowed"))
                  .toList());
    }
    if (report.hasErrors()) {
      String body = responseBody == null ? "" : new String(responseBody, StandardCharsets.UTF_8);
      throw new AssertionError(
          "openapi.yaml does not describe this exchange: "
              + method
              + " "
              + uri.getRawPath()
              + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
              + " -> "
              + status
              + " "
              + (body.length() > 500 ? body.substring(0, 500) + "..." : body)
              + "\n"
              + report.getMessages().stream()
                  .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                  .map(m -> "  " + m.getKey() + ": " + m.getMessage())
                  .collect(Collectors.joining("\n")));
    }
  }

  private static Map<String, List<String>> query(URI uri) {
    String q = uri.getRawQuery();
    if (q == null || q.isEmpty()) {
      return Map.of();
    }
    return java.util.Arrays.stream(q.split("&"))
        .map(p -> p.split("=", 2))
        .collect(
            Collectors.groupingBy(
                kv -> decode(kv[0]),
                java.util.LinkedHashMap::new,
                Collectors.mapping(kv -> kv.length > 1 ? decode(kv[1]) : "", Collectors.toList())));
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
