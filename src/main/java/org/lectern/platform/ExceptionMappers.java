package org.lectern.platform;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every failure that reaches JAX-RS into one RFC 9457 problem+json shape. Invalid input of
 * any kind (malformed JSON, unknown fields, failed validation) is 400 with the offending fields in
 * {@code errors}; the catch-all logs the cause and answers 500 with the request id only.
 */
@Provider
public class ExceptionMappers implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(ExceptionMappers.class.getName());

  @Context HttpServletRequest request;

  @Override
  public Response toResponse(Throwable failure) {
    Throwable e = unwrap(failure);
    if (e instanceof LecternException le) {
      Response r =
          problem(
              le.status(), le.code(), le.getMessage(), le.errors(), le.moreErrors(), le.members());
      le.headers().forEach((k, v) -> r.getHeaders().putSingle(k, v));
      return r;
    }
    if (e instanceof ConstraintViolationException cve) {
      return problem(400, "request.invalid", "The request is not valid.", fieldErrors(cve));
    }
    if (e instanceof BodyLimit.TooLarge) {
      return problem(413, "request.too-large", e.getMessage(), List.of());
    }
    if (e instanceof JsonbException || e instanceof JsonException) {
      return problem(400, "request.malformed", jsonDetail(e), List.of());
    }
    if (e instanceof WebApplicationException wae) {
      int status = wae.getResponse().getStatus();
      String detail =
          status == 400
              ? "The request could not be read as JSON of the expected shape."
              : Problems.defaultDetail(status);
      return problem(status, Problems.codeFor(status), detail, List.of());
    }
    if (e instanceof OptimisticLockException) {
      return problem(
          409,
          "resource.concurrent-change",
          "Someone changed this at the same time; reload and retry.",
          List.of());
    }
    if (e instanceof PersistenceException && "23505".equals(sqlState(e))) {
      return problem(
          409, "resource.duplicate", "That would duplicate an existing record.", List.of());
    }
    LOG.log(Level.SEVERE, "Unhandled error in request " + requestId(), failure);
    return problem(500, "server.error", Problems.defaultDetail(500), List.of());
  }

  private Response problem(
      int status, String code, String detail, List<LecternException.FieldError> errors) {
    return problem(status, code, detail, errors, 0, Map.of());
  }

  private Response problem(
      int status,
      String code,
      String detail,
      List<LecternException.FieldError> errors,
      int moreErrors,
      Map<String, String> members) {
    JsonObject body = Problems.of(status, code, detail, errors, moreErrors, requestId());
    if (!members.isEmpty()) {
      JsonObjectBuilder withMembers = Jsons.builders().createObjectBuilder(body);
      members.forEach(withMembers::add);
      body = withMembers.build();
    }
    Response.ResponseBuilder b =
        Response.status(status).type(Problems.MEDIA_TYPE).entity(body.toString());
    if (status == 401) {
      b.header("WWW-Authenticate", "Bearer");
    }
    return b.build();
  }

  private String requestId() {
    try {
      return request == null ? null : RequestIds.of(request);
    } catch (RuntimeException outsideRequest) {
      return null;
    }
  }

  private static Throwable unwrap(Throwable t) {
    Throwable e = t;
    while ((e instanceof ProcessingException
            || (e instanceof jakarta.ejb.EJBException)
            || (e instanceof jakarta.transaction.RollbackException)
            || e.getClass().getName().equals("jakarta.transaction.TransactionalException"))
        && e.getCause() != null) {
      e = e.getCause();
    }
    // Jersey wraps body-reading failures; find a cause we know how to explain.
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof LecternException
          || c instanceof BodyLimit.TooLarge
          || c instanceof ConstraintViolationException
          || c instanceof JsonbException
          || c instanceof JsonParsingException) {
        return c;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return e;
  }

  private static String jsonDetail(Throwable e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    if (m.contains("nknown") || m.contains("not found in class")) {
      return "The body has a field this resource does not know; check the field names.";
    }
    return "The body is not valid JSON of the expected shape.";
  }

  private static String sqlState(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }

  static List<LecternException.FieldError> fieldErrors(ConstraintViolationException cve) {
    List<LecternException.FieldError> errors = new ArrayList<>();
    for (ConstraintViolation<?> v : cve.getConstraintViolations()) {
      errors.add(new LecternException.FieldError(fieldName(v.getPropertyPath()), v.getMessage()));
    }
    errors.sort(Comparator.comparing(LecternException.FieldError::field));
    return errors;
  }

  /** "create.arg0.admin.email" (method, parameter, bean path) becomes "admin.email". */
  private static String fieldName(Path path) {
    List<String> names = new ArrayList<>();
    for (Path.Node node : path) {
      switch (node.getKind()) {
        case METHOD, CONSTRUCTOR, PARAMETER, CROSS_PARAMETER, RETURN_VALUE -> {}
        default ->
            names.add(
                node.getName() + (node.getIndex() != null ? "[" + node.getIndex() + "]" : ""));
      }
    }
    return names.isEmpty() ? "body" : String.join(".", names);
  }
}
