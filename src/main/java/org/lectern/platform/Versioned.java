package org.lectern.platform;

/**
 * A response body that is one entity with an optimistic-locking version. {@link VersionETag}
 * answers it with {@code ETag: "<version>"}, so resources never set the tag by hand; lists ({@link
 * Page}) are not versioned and get none.
 */
public interface Versioned {

  long version();
}
