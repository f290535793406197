package org.lectern.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.lectern.audit.AuditDtos.AuditEntryView;
import org.lectern.audit.AuditDtos.Verification;
import org.lectern.platform.Authenticated;
import org.lectern.platform.LecternException;
import org.lectern.platform.Page;

/** {@code /api/audit-logs}: a thin adapter over {@link AuditLogService}. */
@RolesAllowed(Authenticated.ANY)
@Path("audit-logs")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

  @Inject AuditLogService audit;

  @GET
  public Page<AuditEntryView> list(
      @QueryParam("entityType") String entityType,
      @QueryParam("entityId") String entityId,
      @QueryParam("userId") String userId,
      @QueryParam("action") String action,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    var filter =
        new AuditLogService.Filter(
            Page.textOption("entityType", entityType, 64),
            Page.idOption("entityId", entityId),
            Page.idOption("userId", userId),
            Page.option(AuditAction.class, "action", action),
            instant("from", from),
            instant("to", to));
    return audit.list(filter, cursor, Page.limit(limit));
  }

  @GET
  @Path("verify")
  public Verification verify() {
    return audit.verify();
  }

  private static Instant instant(String parameter, String value) {
    try {
      return value == null ? null : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw LecternException.invalid(
          parameter, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
    }
  }
}
