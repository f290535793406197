package org.lectern.platform;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * {@code Idempotency-Key} on POST: the first answer (success or client error) to a request is kept
 * for 24 hours and replayed, with {@code Idempotent-Replayed: true}, when the same caller retries
 * the same request with the same key, so a client can retry a create after a lost answer without
 * creating twice. The same key with a different request is a 409. Runs after the caller is known.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 200)
public class Idempotency implements ContainerRequestFilter, ContainerResponseFilter {

  public static final String HEADER = "Idempotency-Key";
  private static final String PENDING = Idempotency.class.getName();

  private record Pending(UUID caller, String key, String hash) {}

  @Inject IdempotencyStore store;

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    String key = request.getHeaderString(HEADER);
    if (key == null
        || !"POST".equals(request.getMethod())
        || !(request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken jwt)) {
      return;
    }
    if (key.isBlank() || key.length() > 255) {
      throw LecternException.invalid(HEADER, "must be 1 to 255 characters");
    }
    byte[] body = request.getEntityStream().readAllBytes();
    request.setEntityStream(new ByteArrayInputStream(body));
    String hash =
        sha256(
            request.getUriInfo().getRequestUri().getRawPath()
                + "?"
                + request.getUriInfo().getRequestUri().getRawQuery()
                + "\n"
                + request.getHeaderString("X-Tenant-Id")
                + "\n"
                + new String(body, StandardCharsets.UTF_8));
    UUID caller = UUID.fromString(jwt.getSubject());
    var stored = store.find(caller, key);
    if (stored.isPresent()) {
      IdempotencyStore.Stored s = stored.get();
      if (!s.requestHash().equals(hash)) {
        throw LecternException.conflict(
            "idempotency.key-reused",
            "This Idempotency-Key was used for a different request; use a new key.");
      }
      Response.ResponseBuilder replay =
          Response.status(s.status()).entity(s.body()).header("Idempotent-Replayed", "true");
      if (s.contentType() != null) {
        replay.type(s.contentType());
      }
      if (s.location() != null) {
        replay.header("Location", s.location());
      }
      if (s.etag() != null) {
        replay.header("ETag", s.etag());
      }
      request.abortWith(replay.build());
      return;
    }
    request.setProperty(PENDING, new Pending(caller, key, hash));
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!(request.getProperty(PENDING) instanceof Pending p)) {
      return;
    }
    int status = response.getStatus();
    // Server errors and rate limits are worth retrying, so they are not remembered.
    if (status >= 500 || status == 429) {
      return;
    }
    Object entity = response.getEntity();
    String body =
        entity == null
            ? null
            : entity instanceof String s ? s : JsonbSettings.jsonb().toJson(entity);
    store.save(
        p.caller(),
        p.key(),
        new IdempotencyStore.Stored(
            p.hash(),
            status,
            response.getHeaderString("Location"),
            response.getHeaderString("ETag"),
            response.getMediaType() == null ? null : response.getMediaType().toString(),
            body));
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
