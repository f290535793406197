package org.lectern.ai;

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
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.UUID;
import org.lectern.ai.AiDtos.JobRequest;
import org.lectern.ai.AiDtos.JobView;
import org.lectern.ai.AiDtos.Kind;
import org.lectern.ai.AiDtos.QuotaRequest;
import org.lectern.ai.AiDtos.QuotaView;
import org.lectern.ai.AiDtos.Status;
import org.lectern.platform.Authenticated;
import org.lectern.platform.Page;

/** {@code /api/ai-content}: AI jobs, their images, the reviewers' queue and the school's quota. */
@RolesAllowed(Authenticated.ANY)
@Path("ai-content")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AiContentResource {

  @Inject AiJobs jobs;
  @Inject AiImages images;

  @POST
  @Path("jobs")
  public Response create(@Valid @NotNull JobRequest request) {
    JobView job = jobs.create(request);
    return Response.accepted(job)
        .location(UriBuilder.fromPath("/api/ai-content/jobs/{id}").build(job.id()))
        .build();
  }

  @GET
  @Path("jobs")
  public Page<JobView> list(
      @QueryParam("status") String status,
      @QueryParam("kind") String kind,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    return jobs.list(
        Page.option(Status.class, "status", status),
        Page.option(Kind.class, "kind", kind),
        cursor,
        Page.limit(limit));
  }

  @GET
  @Path("jobs/{id}")
  public JobView get(@PathParam("id") UUID id) {
    return jobs.get(id);
  }

  @POST
  @Path("jobs/{id}/cancel")
  public JobView cancel(@PathParam("id") UUID id) {
    return jobs.cancel(id);
  }

  @GET
  @Path("images/{id}")
  @Produces({"image/png", "image/jpeg", "image/webp", MediaType.APPLICATION_JSON})
  public Response image(@PathParam("id") UUID id) {
    AiImages.Image image = images.get(id);
    CacheControl cache = new CacheControl();
    cache.setPrivate(true);
    cache.setNoCache(true);
    return Response.ok(image.bytes(), image.contentType())
        .cacheControl(cache)
        .header("Content-Length", image.bytes().length)
        .build();
  }

  @GET
  @Path("flagged")
  public Page<JobView> flagged(
      @QueryParam("kind") String kind,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    return jobs.flagged(Page.option(Kind.class, "kind", kind), cursor, Page.limit(limit));
  }

  @POST
  @Path("flagged/{id}/approve")
  public JobView approve(@PathParam("id") UUID id) {
    return jobs.approve(id);
  }

  @POST
  @Path("flagged/{id}/discard")
  public JobView discard(@PathParam("id") UUID id) {
    return jobs.discard(id);
  }

  @GET
  @Path("quota")
  public QuotaView quota() {
    return jobs.quota();
  }

  @PUT
  @Path("quota")
  public QuotaView setQuota(@Valid @NotNull QuotaRequest request) {
    return jobs.setQuota(request);
  }
}
