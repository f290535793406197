package org.lectern.identity;

import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.lectern.access.AccessDtos.Permission;
import org.lectern.platform.Versioned;

/** Request and response bodies of {@code /api/auth}, {@code /api/me} and {@code /api/users}. */
public final class IdentityDtos {

  private IdentityDtos() {}

  /** {@code tenant} is the school's slug; omitted for platform accounts. */
  public record TokenRequest(
      @Size(max = 63) String tenant,
      @NotBlank @Size(max = 254) String email,
      @NotBlank @Size(max = 200) String password) {
    @JsonbCreator
    public TokenRequest {}
  }

  public record UserCreate(
      @NotBlank @Email @Size(max = 254) String email,
      @NotBlank @Size(max = 200) String displayName,
      @NotBlank @Size(min = Passwords.MIN_LENGTH, max = 200) String password,
      @Size(max = 10) List<String> roles,
      @Size(max = 50) String gradeLevel,
      @Pattern(
              regexp = "[a-z]{2,3}(-[A-Za-z0-9]{2,8})?",
              message = "must be a language tag such as 'en' or 'pt-BR'")
          String preferredLanguage,
      @Size(max = 50) String readingLevel,
      @Size(max = 50) List<String> interests,
      @Size(max = TimeZones.MAX_LENGTH) String timeZone) {
    @JsonbCreator
    public UserCreate {}
  }

  /** A partial update: absent fields stay as they are. */
  public record UserUpdate(
      @Size(min = 1, max = 200) String displayName,
      @Size(max = 50) String gradeLevel,
      @Pattern(
              regexp = "[a-z]{2,3}(-[A-Za-z0-9]{2,8})?",
              message = "must be a language tag such as 'en' or 'pt-BR'")
          String preferredLanguage,
      @Size(max = 50) String readingLevel,
      @Size(max = 50) List<String> interests,
      @Size(max = TimeZones.MAX_LENGTH) String timeZone,
      @Size(min = Passwords.MIN_LENGTH, max = 200) String password,
      Boolean active) {
    @JsonbCreator
    public UserUpdate {}
  }

  public record RolesUpdate(@NotNull @Size(max = 10) List<String> roles) {
    @JsonbCreator
    public RolesUpdate {}
  }

  /** A user's direct grants, replacing the ones they had. */
  public record PermissionsUpdate(@NotNull @Size(max = 200) @Valid List<Permission> permissions) {
    @JsonbCreator
    public PermissionsUpdate {}
  }

  public record UserView(
      UUID id,
      String email,
      String displayName,
      boolean active,
      List<String> roles,
      String gradeLevel,
      String preferredLanguage,
      String readingLevel,
      List<String> interests,
      String timeZone,
      Instant lastActiveAt,
      int totalReadingTime,
      int booksCompleted,
      int currentStreak,
      int longestStreak,
      Instant createdAt,
      long version)
      implements Versioned {

    static UserView of(User u, List<String> roles) {
      return new UserView(
          u.id(),
          u.email(),
          u.displayName(),
          u.isActive(),
          roles,
          u.gradeLevel(),
          u.preferredLanguage(),
          u.readingLevel(),
          u.interests(),
          u.timeZone(),
          u.lastActiveAt(),
          u.totalReadingTime(),
          u.booksCompleted(),
          u.currentStreakNow(),
          u.longestStreak(),
          u.createdAt(),
          u.version());
    }
  }

  public record TenantRef(UUID id, String slug, String name) {}

  /** {@code GET /api/me}: a school user with its tenant, or a platform account (tenant null). */
  public record Me(
      UUID id,
      String email,
      String displayName,
      List<String> roles,
      boolean platform,
      TenantRef tenant,
      UserView profile) {}
}
