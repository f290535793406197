package org.lectern.publishing;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.UUID;
import org.lectern.platform.Authenticated;
import org.lectern.platform.ETags;
import org.lectern.platform.Page;
import org.lectern.publishing.PublishingDtos.BookPatch;
import org.lectern.publishing.PublishingDtos.BookRequest;
import org.lectern.publishing.PublishingDtos.BookView;
import org.lectern.publishing.PublishingDtos.RatingRequest;
import org.lectern.publishing.PublishingDtos.RatingView;

/** {@code /api/books}: the school's catalogue of books, their ratings and views. */
@RolesAllowed(Authenticated.ANY)
@Path("books")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BookResource {

  @Inject Books books;

  @GET
  public Page<BookView> list(
      @QueryParam("gradeLevel") String gradeLevel,
      @QueryParam("curriculum") String curriculum,
      @QueryParam("accessType") String accessType,
      @QueryParam("status") String status,
      @QueryParam("q") String q,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    return books.list(
        new Books.Filter(
            Page.textOption("gradeLevel", gradeLevel, 40),
            Page.textOption("curriculum", curriculum, 40),
            Page.option(Book.AccessType.class, "accessType", accessType),
            Page.option(Book.Status.class, "status", status),
            Page.textOption("q", q, 200)),
        cursor,
        Page.limit(limit));
  }

  @POST
  public Response create(@Valid @NotNull BookRequest request) {
    BookView b = books.create(request);
    return Response.created(UriBuilder.fromPath("/api/books/{id}").build(b.id())).entity(b).build();
  }

  @GET
  @Path("{id}")
  public BookView get(@PathParam("id") UUID id) {
    return books.get(id);
  }

  @PATCH
  @Path("{id}")
  public BookView patch(
      @PathParam("id") UUID id,
      @HeaderParam("If-Match") String ifMatch,
      @Valid @NotNull BookPatch request) {
    return books.patch(id, request, ETags.ifMatch(ifMatch));
  }

  @PUT
  @Path("{id}/rating")
  public RatingView rate(@PathParam("id") UUID id, @Valid @NotNull RatingRequest request) {
    return books.rate(id, request.rating());
  }

  @POST
  @Path("{id}/views")
  @Consumes(MediaType.WILDCARD)
  public Response view(@PathParam("id") UUID id) {
    books.countView(id);
    return Response.noContent().build();
  }
}
