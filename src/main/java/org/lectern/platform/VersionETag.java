package org.lectern.platform;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * The one place that sets {@code ETag}: a successful answer whose body is {@link Versioned} carries
 * its version (see {@link ETags}). A tag the resource set itself (an audio file's checksum) stays.
 * Its priority makes it run before {@link Idempotency} stores an answer for replay, so a replay
 * carries the same tag.
 */
@Provider
@Priority(Priorities.HEADER_DECORATOR)
public class VersionETag implements ContainerResponseFilter {

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Long version =
        taggedVersion(
            response.getStatus(),
            response.getEntity(),
            response.getHeaderString(HttpHeaders.ETAG) != null);
    if (version != null) {
      response.getHeaders().putSingle(HttpHeaders.ETAG, ETags.of(version));
    }
  }

  /**
   * The version an answer is tagged with: its body's, when the answer is 2xx, the body {@link
   * Versioned} and no tag set yet; otherwise null (no tag).
   */
  static Long taggedVersion(int status, Object entity, boolean alreadyTagged) {
    if (alreadyTagged || status < 200 || status > 299 || !(entity instanceof Versioned v)) {
      return null;
    }
    return v.version();
  }
}
