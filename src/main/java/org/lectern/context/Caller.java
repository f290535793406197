package org.lectern.context;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.lectern.platform.LecternException;

/**
 * Who a request acts as: a school's user, a platform operator's global account, or nobody yet (a
 * public request, or the application itself at start). Immutable; made by identity from the
 * verified token and the database, never from anything else the client sends.
 */
public final class Caller {

  /** A school's user, or a platform operator's global account. */
  public enum Kind {
    USER,
    PLATFORM
  }

  /** No one: a request without a token, or work the application does on its own. */
  public static final Caller NOBODY = new Caller(null, null, null, List.of(), Map.of());

  private final Kind kind;
  private final UUID id;
  private final String email;
  private final List<String> platformRoles;
  private final Map<String, Object> attributes;

  private Caller(
      Kind kind, UUID id, String email, List<String> platformRoles, Map<String, Object> attrs) {
    this.kind = kind;
    this.id = id;
    this.email = email;
    this.platformRoles = platformRoles;
    this.attributes = Collections.unmodifiableMap(attrs);
  }

  /** A platform account with its global roles. */
  public static Caller platform(UUID id, String email, List<String> platformRoles) {
    return new Caller(
        Kind.PLATFORM, id, email, List.copyOf(platformRoles), base(id, email, platformRoles));
  }

  /**
   * A school's user; {@code profile} holds the attributes ABAC conditions read under {@code user.*}
   * (display name, grade level, ...). Null values are kept: a condition on them sees null.
   */
  public static Caller user(UUID id, String email, Map<String, Object> profile) {
    Map<String, Object> attrs = base(id, email, List.of());
    attrs.putAll(profile);
    return new Caller(Kind.USER, id, email, List.of(), attrs);
  }

  private static Map<String, Object> base(UUID id, String email, List<String> platformRoles) {
    Map<String, Object> attrs = new HashMap<>();
    attrs.put("id", id.toString());
    attrs.put("email", email);
    attrs.put("platformRoles", List.copyOf(platformRoles));
    return attrs;
  }

  /**
   * The caller's attributes as ABAC conditions see them under {@code user.*} (roles are added by
   * access control, which owns them).
   */
  public Map<String, Object> attributes() {
    return attributes;
  }

  public boolean isAuthenticated() {
    return kind != null;
  }

  public Optional<Kind> kind() {
    return Optional.ofNullable(kind);
  }

  public boolean isPlatform() {
    return kind == Kind.PLATFORM;
  }

  public boolean isSuperAdmin() {
    return isPlatform() && platformRoles.contains("super_admin");
  }

  public List<String> platformRoles() {
    return platformRoles;
  }

  /** The caller's id; 401 when the request carries no valid token. */
  public UUID id() {
    if (kind == null) {
      throw new LecternException(401, "auth.unauthenticated", "A valid bearer token is required.");
    }
    return id;
  }

  /** The caller's id, or empty for nobody. */
  public Optional<UUID> idIfAny() {
    return Optional.ofNullable(id);
  }

  public String email() {
    return email;
  }
}
