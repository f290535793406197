package org.lectern.approval;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 202 Accepted with the pending approval and its address. */
@Provider
public class ApprovalPendingMapper implements ExceptionMapper<ApprovalPending> {

  @Context UriInfo uri;

  @Override
  public Response toResponse(ApprovalPending pending) {
    return Response.accepted(pending.approval())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .location(
            uri.getBaseUriBuilder()
                .path("approvals")
                .path(pending.approval().id().toString())
                .build())
        .build();
  }
}
