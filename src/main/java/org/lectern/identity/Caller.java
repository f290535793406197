package org.lectern.identity;

import jakarta.enterprise.context.RequestScoped;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.lectern.platform.LecternException;

/**
 * Who the current request acts as, established once from the verified token and checked against the
 * database (an account deactivated a second ago is no longer anyone).
 */
@RequestScoped
public class Caller {

  /** A school's user, or a platform operator's global account. */
  public enum Kind {
    USER,
    PLATFORM
  }

  private Kind kind;
  private UUID id;
  private String email;
  private List<String> platformRoles = List.of();
  private Map<String, Object> attributes = Map.of();

  void establish(Kind kind, UUID id, String email, List<String> platformRoles) {
    this.kind = kind;
    this.id = id;
    this.email = email;
    this.platformRoles = List.copyOf(platformRoles);
    Map<String, Object> attrs = new HashMap<>();
    attrs.put("id", id.toString());
    attrs.put("email", email);
    attrs.put("platformRoles", this.platformRoles);
    this.attributes = attrs;
  }

  void establish(User user) {
    establish(Kind.USER, user.id(), user.email(), List.of());
    Map<String, Object> attrs = new HashMap<>(attributes);
    attrs.put("displayName", user.displayName());
    attrs.put("gradeLevel", user.gradeLevel());
    attrs.put("readingLevel", user.readingLevel());
    attrs.put("preferredLanguage", user.preferredLanguage());
    attrs.put("interests", user.interests());
    this.attributes = attrs;
  }

  /**
   * The caller's attributes as ABAC conditions see them under {@code user.*} (roles are added by
   * access control, which owns them).
   */
  public Map<String, Object> attributes() {
    return Collections.unmodifiableMap(attributes);
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

  public String email() {
    return email;
  }
}
