package org.lectern.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.util.List;
import java.util.UUID;
import org.lectern.access.AccessDtos.PolicyRequest;
import org.lectern.access.AccessDtos.PolicyView;
import org.lectern.access.condition.ConditionParser;
import org.lectern.access.condition.ConditionSyntaxException;
import org.lectern.audit.AuditAction;
import org.lectern.audit.Audited;
import org.lectern.platform.ETags;
import org.lectern.platform.EntityId;
import org.lectern.platform.Jsons;
import org.lectern.platform.LecternException;
import org.lectern.tenancy.TenantEntityManager;

/** A tenant's ABAC ResourcePolicy rules. Conditions are parsed before anything is stored. */
@ApplicationScoped
@Transactional
public class PolicyService {

  @Inject TenantEntityManager tem;
  @Inject AccessControl access;
  @Inject RoleService roles;

  public List<PolicyView> list() {
    access.require("policy", "read");
    return tem
        .get()
        .createQuery(
            "SELECT p FROM ResourcePolicy p ORDER BY p.priority DESC, p.name", ResourcePolicy.class)
        .getResultList()
        .stream()
        .map(PolicyService::view)
        .toList();
  }

  public PolicyView get(UUID id) {
    access.require("policy", "read");
    return view(find(id));
  }

  @Audited(action = AuditAction.CREATE, entity = "policy")
  public PolicyView create(PolicyRequest request) {
    access.require("policy", "manage");
    return view(insert(request));
  }

  public boolean exists(String name) {
    return !tem.get()
        .createQuery("SELECT p FROM ResourcePolicy p WHERE p.name = :n", ResourcePolicy.class)
        .setParameter("n", name.strip())
        .getResultList()
        .isEmpty();
  }

  /** Creates a rule without an access check: tenant provisioning and manifests. */
  @Audited(action = AuditAction.CREATE, entity = "policy")
  public ResourcePolicy createUnchecked(PolicyRequest request) {
    return insert(request);
  }

  private ResourcePolicy insert(PolicyRequest request) {
    PolicyDefinition d = definition(request);
    if (exists(d.name())) {
      throw LecternException.conflict(
          "policy.name-taken", "A policy named '" + d.name() + "' exists.");
    }
    ResourcePolicy p = new ResourcePolicy(d);
    tem.get().persist(p);
    tem.get().flush();
    roles.bumpPolicyVersion();
    return p;
  }

  @Audited(action = AuditAction.POLICY_CHANGED, entity = "policy")
  public PolicyView update(@EntityId UUID id, PolicyRequest request, Long ifMatch) {
    access.require("policy", "manage");
    ResourcePolicy p = find(id);
    ETags.requireMatch(ifMatch, p.version());
    p.apply(definition(request));
    tem.get().flush();
    roles.bumpPolicyVersion();
    return view(p);
  }

  @Audited(action = AuditAction.DELETE, entity = "policy")
  public void delete(@EntityId UUID id) {
    access.require("policy", "manage");
    tem.get().remove(find(id));
    roles.bumpPolicyVersion();
  }

  private ResourcePolicy find(UUID id) {
    ResourcePolicy p = tem.get().find(ResourcePolicy.class, id);
    if (p == null) {
      throw LecternException.notFound("policy");
    }
    return p;
  }

  private static PolicyDefinition definition(PolicyRequest r) {
    try {
      ConditionParser.parse(r.conditions(), r.resource());
    } catch (ConditionSyntaxException e) {
      throw LecternException.invalid(
          "policy.invalid-conditions",
          "The conditions are not valid.",
          e.violations().stream()
              .map(v -> new LecternException.FieldError("conditions" + v.path(), v.message()))
              .toList());
    }
    if (r.actions() != null) {
      for (int i = 0; i < r.actions().size(); i++) {
        if (!r.actions().get(i).matches("[a-z][a-z_-]{0,63}|\\*")) {
          throw LecternException.invalid(
              "actions[" + i + "]", "must be an action name such as 'read', or '*'");
        }
      }
    }
    return new PolicyDefinition(
        r.name().strip(),
        r.description(),
        r.resource(),
        r.actions() == null || r.actions().isEmpty() ? List.of("*") : List.copyOf(r.actions()),
        r.conditions().toString(),
        r.effect(),
        r.priority() == null ? 0 : r.priority(),
        r.active() == null || r.active());
  }

  static PolicyView view(ResourcePolicy p) {
    JsonValue conditions;
    try (JsonReader reader = Jsons.provider().createReader(new StringReader(p.conditions()))) {
      conditions = reader.readValue();
    }
    return new PolicyView(
        p.id(),
        p.name(),
        p.description(),
        p.resource(),
        p.actions(),
        conditions,
        p.effect(),
        p.priority(),
        p.isActive(),
        p.createdAt(),
        p.updatedAt(),
        p.version());
  }
}
