package org.lectern.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Bean Validation failures of request records. Declared for the exact type so it wins over the
 * JAX-RS implementation's own mapper, which would answer a bare 400 without the fields.
 */
@Provider
public class ValidationExceptionMapper implements ExceptionMapper<ConstraintViolationException> {

  @Context HttpServletRequest request;

  @Override
  public Response toResponse(ConstraintViolationException e) {
    ExceptionMappers mappers = new ExceptionMappers();
    mappers.request = request;
    return mappers.toResponse(e);
  }
}
