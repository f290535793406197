package org.lectern.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lectern.access.AccessControl;
import org.lectern.access.AccessDtos;
import org.lectern.access.DefaultPolicies;
import org.lectern.access.PolicyService;
import org.lectern.access.RoleService;
import org.lectern.approval.ApprovalService;
import org.lectern.identity.Accounts;
import org.lectern.identity.IdentityDtos.UserCreate;
import org.lectern.identity.UserService;
import org.lectern.operations.TenancyDtos.AdminAccount;
import org.lectern.platform.JsonbSettings;
import org.lectern.tenancy.TenantEntityManager;

/**
 * What a tenant gets when it is provisioned or its manifest is applied, across access (roles,
 * grants, rules), identity (people) and approval (which acts need approval). The {@code ensure*}
 * methods are idempotent: they create what is missing and report whether they did. Manifest entries
 * go through the same Bean Validation as API requests, so a manifest cannot create what the API
 * would refuse.
 */
@ApplicationScoped
public class TenantSetup {

  private static final Jsonb JSONB = JsonbSettings.jsonb();

  @Inject RoleService roles;
  @Inject PolicyService policies;
  @Inject UserService users;
  @Inject Accounts accounts;
  @Inject AccessControl access;
  @Inject DefaultPolicies defaults;
  @Inject TenantEntityManager tem;
  @Inject Validator validator;
  @Inject ApprovalService approvals;

  public void provisionDefaults() {
    roles.provisionDefaults();
    for (JsonObject rule : defaults.defaultRules()) {
      ensurePolicy(rule);
    }
  }

  public void createAdmin(AdminAccount admin) {
    users.createUnchecked(
        new UserCreate(
            admin.email(),
            admin.displayName(),
            admin.password(),
            List.of("admin"),
            null,
            null,
            null,
            null,
            null));
  }

  public boolean ensureUser(JsonObject person, String role) {
    if (accounts.userByEmail(person.getString("email")).isPresent()) {
      return false;
    }
    List<String> interests = new ArrayList<>();
    if (person.containsKey("interests")) {
      person
          .getJsonArray("interests")
          .getValuesAs(jakarta.json.JsonString.class)
          .forEach(s -> interests.add(s.getString()));
    }
    UserCreate create =
        new UserCreate(
            person.getString("email"),
            person.getString("displayName"),
            person.getString("password"),
            List.of(role),
            person.getString("gradeLevel", null),
            person.getString("preferredLanguage", null),
            person.getString("readingLevel", null),
            interests,
            person.getString("timeZone", null));
    valid(create);
    users.createUnchecked(create);
    return true;
  }

  public boolean ensureRole(JsonObject role) {
    AccessDtos.RoleRequest request =
        valid(JSONB.fromJson(role.toString(), AccessDtos.RoleRequest.class));
    if (roles.exists(request.name())) {
      return false;
    }
    roles.createUnchecked(request);
    return true;
  }

  public boolean ensurePolicy(JsonObject policy) {
    AccessDtos.PolicyRequest request =
        valid(JSONB.fromJson(policy.toString(), AccessDtos.PolicyRequest.class));
    if (policies.exists(request.name())) {
      return false;
    }
    policies.createUnchecked(request);
    return true;
  }

  public boolean ensureApprovalRule(String act, boolean required) {
    if (approvals.hasRule(act)) {
      return false;
    }
    approvals.initRule(act, required);
    return true;
  }

  private <T> T valid(T request) {
    Set<ConstraintViolation<T>> violations = validator.validate(request);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
    return request;
  }
}
