package org.lectern.access;

import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.lectern.platform.Versioned;

/** Request and response bodies of {@code /api/roles} and {@code /api/policies}. */
public final class AccessDtos {

  private AccessDtos() {}

  /** A (resource, action) pair; '*' is any. */
  public record Permission(
      @NotBlank @Size(max = 64) String resource, @NotBlank @Size(max = 64) String action) {
    @JsonbCreator
    public Permission {}
  }

  public record RoleRequest(
      @NotBlank
          @Pattern(
              regexp = "[a-z][a-z0-9_-]{0,62}",
              message = "must be lower-case letters, digits, '_' or '-', starting with a letter")
          String name,
      @Size(max = 500) String description,
      @NotNull @Size(max = 200) @Valid List<Permission> grants) {
    @JsonbCreator
    public RoleRequest {}
  }

  public record RoleUpdate(
      @Size(max = 500) String description,
      @NotNull @Size(max = 200) @Valid List<Permission> grants) {
    @JsonbCreator
    public RoleUpdate {}
  }

  public record RoleView(
      UUID id,
      String name,
      String description,
      boolean system,
      List<Permission> grants,
      long version)
      implements Versioned {}

  public record PolicyRequest(
      @NotBlank @Size(max = 100) String name,
      @Size(max = 500) String description,
      @NotBlank
          @Size(max = 64)
          @Pattern(
              regexp = "[a-z][a-z0-9_-]*|\\*",
              message = "must be a resource type such as 'story'")
          String resource,
      @Size(min = 1, max = 20) List<String> actions,
      @NotNull JsonValue conditions,
      @NotNull ResourcePolicy.Effect effect,
      @Min(-1000) @Max(1000) Integer priority,
      Boolean active) {
    @JsonbCreator
    public PolicyRequest {}
  }

  public record PolicyView(
      UUID id,
      String name,
      String description,
      String resource,
      List<String> actions,
      JsonValue conditions,
      ResourcePolicy.Effect effect,
      int priority,
      boolean active,
      Instant createdAt,
      Instant updatedAt,
      long version)
      implements Versioned {}
}
