package org.lectern.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.lectern.classroom.ClassroomSetup;
import org.lectern.context.RequestContext;
import org.lectern.identity.TimeZones;
import org.lectern.tenancy.Tenant;
import org.lectern.tenancy.Tenants;

/** Applies one tenant manifest in one transaction, in a request context of its own. */
@ApplicationScoped
public class ManifestApplier {

  /** What one application of a manifest changed. */
  public record Result(
      String slug,
      boolean tenantCreated,
      int usersCreated,
      int rolesCreated,
      int policiesCreated,
      int approvalRulesSet,
      int classroomsCreated) {
    @Override
    public String toString() {
      return slug
          + (tenantCreated ? " created" : " exists")
          + ", users +"
          + usersCreated
          + ", roles +"
          + rolesCreated
          + ", policies +"
          + policiesCreated
          + ", approval rules +"
          + approvalRulesSet
          + ", classrooms +"
          + classroomsCreated;
    }
  }

  @Inject Tenants tenants;
  @Inject TenantService tenantService;
  @Inject RequestContext context;
  @Inject TenantSetup setup;
  @Inject ClassroomSetup classroomSetup;

  @ActivateRequestContext
  @Transactional
  public Result apply(JsonObject manifest) {
    List<String> unknown = unknownFields(manifest);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown field(s) " + String.join(", ", unknown));
    }
    String slug = manifest.getString("slug").trim().toLowerCase();
    if (!slug.matches(TenancyDtos.SLUG_PATTERN)) {
      throw new IllegalArgumentException("slug '" + slug + "' is not valid");
    }
    String name = manifest.getString("name", slug);
    Optional<Tenant> existing = tenants.bySlug(slug);
    existing.ifPresent(t -> t.rename(name));
    Tenant tenant = existing.orElseGet(() -> tenantService.create(slug, name));
    String zone = manifest.getString("timeZone", null);
    if (zone != null && !zone.equals(tenant.timeZone())) {
      // A school's default zone is set when it is made; changing it later would need every
      // learner's days counted again, which manifests do not do.
      if (existing.isPresent()) {
        java.util.logging.Logger.getLogger(ManifestApplier.class.getName())
            .warning(
                () ->
                    "School "
                        + slug
                        + " keeps its time zone "
                        + tenant.timeZone()
                        + "; a manifest does not change it to "
                        + zone);
      } else {
        tenant.changeTimeZone(TimeZones.checked("timeZone", zone));
      }
    }
    return context.runAs(
        tenant.id(),
        tenant.policyVersion(),
        () -> applyInTenant(manifest, slug, existing.isEmpty()));
  }

  private Result applyInTenant(JsonObject manifest, String slug, boolean created) {
    int users = 0;
    users += people(manifest, "admins", "admin");
    users += people(manifest, "teachers", "teacher");
    users += people(manifest, "students", "student");
    int roles = 0;
    for (JsonValue role :
        manifest.getJsonArray("roles") == null
            ? JsonValue.EMPTY_JSON_ARRAY
            : manifest.getJsonArray("roles")) {
      roles += setup.ensureRole(role.asJsonObject()) ? 1 : 0;
    }
    int policies = 0;
    for (JsonValue p :
        manifest.getJsonArray("policies") == null
            ? JsonValue.EMPTY_JSON_ARRAY
            : manifest.getJsonArray("policies")) {
      policies += setup.ensurePolicy(p.asJsonObject()) ? 1 : 0;
    }
    int rules = 0;
    JsonObject approvals = manifest.getJsonObject("approvals");
    if (approvals != null) {
      for (String act : approvals.keySet()) {
        rules += setup.ensureApprovalRule(act, approvals.getBoolean(act)) ? 1 : 0;
      }
    }
    int classrooms = 0;
    for (JsonValue c :
        manifest.getJsonArray("classrooms") == null
            ? JsonValue.EMPTY_JSON_ARRAY
            : manifest.getJsonArray("classrooms")) {
      classrooms += classroomSetup.ensure(c.asJsonObject()) ? 1 : 0;
    }
    return new Result(slug, created, users, roles, policies, rules, classrooms);
  }

  private static final Set<String> FIELDS =
      Set.of(
          "slug",
          "name",
          "timeZone",
          "admins",
          "teachers",
          "students",
          "roles",
          "policies",
          "approvals",
          "classrooms");
  private static final Set<String> PERSON_FIELDS =
      Set.of(
          "email",
          "displayName",
          "password",
          "gradeLevel",
          "preferredLanguage",
          "readingLevel",
          "interests",
          "timeZone");

  /**
   * Fields the manifest format does not have, as paths ({@code teachers[2].nickname}): a typo must
   * stop the whole manifest rather than be dropped. Roles and policies are checked as they are
   * read, in the shape of their API requests.
   */
  static List<String> unknownFields(JsonObject manifest) {
    List<String> unknown = new ArrayList<>();
    for (String key : manifest.keySet()) {
      if (!FIELDS.contains(key)) {
        unknown.add(key);
      }
    }
    for (String group : List.of("admins", "teachers", "students")) {
      JsonValue people = manifest.get(group);
      if (people == null || people.getValueType() != JsonValue.ValueType.ARRAY) {
        continue;
      }
      for (int i = 0; i < people.asJsonArray().size(); i++) {
        JsonValue person = people.asJsonArray().get(i);
        if (person.getValueType() == JsonValue.ValueType.OBJECT) {
          for (String key : person.asJsonObject().keySet()) {
            if (!PERSON_FIELDS.contains(key)) {
              unknown.add(group + "[" + i + "]." + key);
            }
          }
        }
      }
    }
    JsonValue classrooms = manifest.get("classrooms");
    if (classrooms != null && classrooms.getValueType() == JsonValue.ValueType.ARRAY) {
      for (int i = 0; i < classrooms.asJsonArray().size(); i++) {
        JsonValue c = classrooms.asJsonArray().get(i);
        if (c.getValueType() == JsonValue.ValueType.OBJECT) {
          for (String key : c.asJsonObject().keySet()) {
            if (!ClassroomSetup.FIELDS.contains(key)) {
              unknown.add("classrooms[" + i + "]." + key);
            }
          }
        }
      }
    }
    return unknown;
  }

  private int people(JsonObject manifest, String key, String role) {
    int n = 0;
    if (manifest.containsKey(key)) {
      for (JsonValue person : manifest.getJsonArray(key)) {
        n += setup.ensureUser(person.asJsonObject(), role) ? 1 : 0;
      }
    }
    return n;
  }
}
