package org.lectern.platform;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Map;

/**
 * Builds RFC 9457 problem documents. The {@code type} is a stable URI per error code, so clients
 * can branch on it; {@code detail} is for people; nothing here ever carries a stack trace, SQL or a
 * class name.
 */
public final class Problems {

  public static final String MEDIA_TYPE = "application/problem+json";

  /**
   * The most field errors one answer lists; the rest are only counted, in {@code moreErrors}, so a
   * body with 50,000 bad fields costs no more to answer than one with 50.
   */
  public static final int MAX_ERRORS = 50;

  private static final String TYPE_BASE = "https://lectern.dev/problems/";

  private static final Map<Integer, String> TITLES =
      Map.ofEntries(
          Map.entry(400, "Bad Request"),
          Map.entry(401, "Unauthorized"),
          Map.entry(403, "Forbidden"),
          Map.entry(404, "Not Found"),
          Map.entry(405, "Method Not Allowed"),
          Map.entry(406, "Not Acceptable"),
          Map.entry(409, "Conflict"),
          Map.entry(412, "Precondition Failed"),
          Map.entry(413, "Content Too Large"),
          Map.entry(415, "Unsupported Media Type"),
          Map.entry(416, "Range Not Satisfiable"),
          Map.entry(422, "Unprocessable Content"),
          Map.entry(428, "Precondition Required"),
          Map.entry(429, "Too Many Requests"),
          Map.entry(500, "Internal Server Error"),
          Map.entry(503, "Service Unavailable"));

  private Problems() {}

  public static JsonObject of(
      int status,
      String code,
      String detail,
      List<LecternException.FieldError> errors,
      String requestId) {
    return of(status, code, detail, errors, 0, requestId);
  }

  /**
   * A problem document listing at most {@link #MAX_ERRORS} of {@code errors}; those left out, and
   * {@code moreErrors} found but never kept, are counted in {@code moreErrors}.
   */
  public static JsonObject of(
      int status,
      String code,
      String detail,
      List<LecternException.FieldError> errors,
      int moreErrors,
      String requestId) {
    JsonObjectBuilder b =
        Jsons.builders()
            .createObjectBuilder()
            .add("type", TYPE_BASE + code)
            .add("title", TITLES.getOrDefault(status, "Error"))
            .add("status", status)
            .add("code", code)
            .add("detail", detail == null ? TITLES.getOrDefault(status, "Error") : detail);
    if (requestId != null) {
      b.add("requestId", requestId);
    }
    if (!errors.isEmpty()) {
      JsonArrayBuilder arr = Jsons.builders().createArrayBuilder();
      for (LecternException.FieldError e : errors.subList(0, Math.min(MAX_ERRORS, errors.size()))) {
        arr.add(
            Jsons.builders()
                .createObjectBuilder()
                .add("field", e.field())
                .add("message", e.message()));
      }
      b.add("errors", arr);
    }
    long more = (long) moreErrors + Math.max(0, errors.size() - MAX_ERRORS);
    if (more > 0) {
      b.add("moreErrors", more);
    }
    return b.build();
  }

  /** A generic code for statuses the container or JAX-RS answers without a domain exception. */
  public static String codeFor(int status) {
    return switch (status) {
      case 400 -> "request.malformed";
      case 401 -> "auth.unauthenticated";
      case 403 -> "access.denied";
      case 404 -> "resource.not-found";
      case 405 -> "request.method-not-allowed";
      case 406 -> "request.not-acceptable";
      case 413 -> "request.too-large";
      case 415 -> "request.unsupported-media-type";
      case 429 -> "request.rate-limited";
      case 503 -> "service.unavailable";
      default -> status >= 500 ? "server.error" : "request.failed";
    };
  }

  public static String defaultDetail(int status) {
    return switch (status) {
      case 401 -> "A valid bearer token is required.";
      case 403 -> "You are not allowed to do this.";
      case 404 -> "Nothing is here.";
      case 405 -> "This method is not supported on this resource.";
      case 413 -> "The request body is too large.";
      case 415 -> "Send the body as application/json.";
      case 500 -> "Something went wrong on our side; quote the request id when you report it.";
      default -> TITLES.getOrDefault(status, "Error");
    };
  }
}
