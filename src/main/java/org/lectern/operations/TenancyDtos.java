package org.lectern.operations;

import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.lectern.tenancy.Tenant;
import org.lectern.tenancy.TenantStatus;

/** Request and response bodies of {@code /api/platform/tenants}. */
public final class TenancyDtos {

  private TenancyDtos() {}

  public static final String SLUG_PATTERN = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";

  public record AdminAccount(
      @NotBlank @Email @Size(max = 254) String email,
      @NotBlank @Size(min = 10, max = 200) String password,
      @NotBlank @Size(max = 200) String displayName) {
    @JsonbCreator
    public AdminAccount {}
  }

  public record TenantCreate(
      @NotBlank
          @Pattern(
              regexp = SLUG_PATTERN,
              message =
                  "must be 1-63 lower-case letters, digits or '-', not starting or ending with '-'")
          String slug,
      @NotBlank @Size(max = 200) String name,
      @NotNull @Valid AdminAccount admin,
      @Size(max = org.lectern.identity.TimeZones.MAX_LENGTH) String timeZone) {
    @JsonbCreator
    public TenantCreate {}
  }

  public record TenantView(
      UUID id, String slug, String name, TenantStatus status, String timeZone, Instant createdAt) {
    static TenantView of(Tenant t) {
      return new TenantView(t.id(), t.slug(), t.name(), t.status(), t.timeZone(), t.createdAt());
    }
  }
}
