package org.lectern.platform;

import java.util.List;
import java.util.Map;

/**
 * The one exception family of the application. Each carries a stable {@code code} ({@code
 * story.not-found}, {@code tenant.slug-taken}) that clients may branch on, the HTTP status it maps
 * to, a sentence for people, and, for invalid input, the offending fields.
 */
public class LecternException extends RuntimeException {

  private final String code;
  private final int status;
  private final List<FieldError> errors;
  private final int moreErrors;

  public LecternException(int status, String code, String detail) {
    this(status, code, detail, List.of());
  }

  public LecternException(int status, String code, String detail, List<FieldError> errors) {
    this(status, code, detail, errors, 0);
  }

  /**
   * @param moreErrors field errors found beyond those listed, which an answer counts but does not
   *     list (see {@link Problems#MAX_ERRORS})
   */
  public LecternException(
      int status, String code, String detail, List<FieldError> errors, int moreErrors) {
    super(detail);
    this.status = status;
    this.code = code;
    this.errors = List.copyOf(errors);
    this.moreErrors = moreErrors;
  }

  public String code() {
    return code;
  }

  public int status() {
    return status;
  }

  public List<FieldError> errors() {
    return errors;
  }

  /** How many more field errors there were than {@link #errors()} lists. */
  public int moreErrors() {
    return moreErrors;
  }

  /** Response headers the answer must carry (Retry-After on 429); none by default. */
  public Map<String, String> headers() {
    return Map.of();
  }

  /**
   * Members the problem document carries besides the standard ones (RFC 9457 extension members),
   * such as the {@code resetsAt} of an exhausted quota; none by default.
   */
  public Map<String, String> members() {
    return Map.of();
  }

  /** One invalid field: a JSON-pointer-like path into the request and what is wrong with it. */
  public record FieldError(String field, String message) {}

  /**
   * 404 for anything outside the caller's tenant or visibility: answering 403 would confirm that
   * the id exists, and ids could then be probed across tenants.
   */
  public static LecternException notFound(String resource) {
    return new LecternException(404, resource + ".not-found", "No such " + resource + ".");
  }

  public static LecternException forbidden(String detail) {
    return new LecternException(403, "access.denied", detail);
  }

  public static LecternException conflict(String code, String detail) {
    return new LecternException(409, code, detail);
  }

  public static LecternException invalid(String code, String detail, List<FieldError> errors) {
    return new LecternException(400, code, detail, errors);
  }

  public static LecternException invalid(String field, String message) {
    return invalid(
        "request.invalid", "The request is not valid.", List.of(new FieldError(field, message)));
  }
}
