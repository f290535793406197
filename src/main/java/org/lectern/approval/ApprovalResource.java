package org.lectern.approval;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.lectern.approval.ApprovalDtos.ApprovalView;
import org.lectern.approval.ApprovalDtos.Approve;
import org.lectern.approval.ApprovalDtos.Reject;
import org.lectern.approval.ApprovalDtos.RuleUpdate;
import org.lectern.approval.ApprovalDtos.RuleView;
import org.lectern.platform.Authenticated;
import org.lectern.platform.Page;

/**
 * {@code /api/approvals} and {@code /api/approval-rules}: thin adapters over {@link
 * ApprovalService}.
 */
public final class ApprovalResource {

  private ApprovalResource() {}

  /** Requests and their decisions. */
  @RolesAllowed(Authenticated.ANY)
  @Path("approvals")
  @Produces(MediaType.APPLICATION_JSON)
  @Consumes(MediaType.APPLICATION_JSON)
  public static class Approvals {

    @Inject ApprovalService approvals;

    @GET
    public Page<ApprovalView> list(
        @QueryParam("status") String status,
        @QueryParam("entityType") String entityType,
        @QueryParam("entityId") String entityId,
        @QueryParam("cursor") String cursor,
        @QueryParam("limit") String limit) {
      var filter =
          new ApprovalService.Filter(
              Page.option(Approval.Status.class, "status", status),
              Page.textOption("entityType", entityType, 64),
              Page.idOption("entityId", entityId));
      return approvals.list(filter, cursor, Page.limit(limit));
    }

    @GET
    @Path("{id}")
    public ApprovalView get(@PathParam("id") UUID id) {
      return approvals.get(id);
    }

    @POST
    @Path("{id}/approve")
    public ApprovalView approve(@PathParam("id") UUID id, @Valid Approve request) {
      return approvals.approve(id, request == null ? null : request.comment());
    }

    @POST
    @Path("{id}/reject")
    public ApprovalView reject(@PathParam("id") UUID id, @Valid @NotNull Reject request) {
      return approvals.reject(id, request.reason());
    }

    @POST
    @Path("{id}/cancel")
    public ApprovalView cancel(@PathParam("id") UUID id) {
      return approvals.cancel(id);
    }
  }

  /** Which acts need approval in the tenant. */
  @RolesAllowed(Authenticated.ANY)
  @Path("approval-rules")
  @Produces(MediaType.APPLICATION_JSON)
  @Consumes(MediaType.APPLICATION_JSON)
  public static class Rules {

    @Inject ApprovalService approvals;

    @GET
    public List<RuleView> list() {
      return approvals.rules();
    }

    @PUT
    @Path("{entityType}/{action}")
    public RuleView put(
        @PathParam("entityType") String entityType,
        @PathParam("action") String action,
        @Valid @NotNull RuleUpdate request) {
      return approvals.setRule(entityType, action, request.required());
    }
  }
}
