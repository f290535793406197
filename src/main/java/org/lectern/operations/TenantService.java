package org.lectern.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.UUID;
import java.util.logging.Logger;
import org.lectern.access.AccessControl;
import org.lectern.audit.AuditAction;
import org.lectern.audit.Audited;
import org.lectern.context.RequestContext;
import org.lectern.identity.TimeZones;
import org.lectern.operations.TenancyDtos.TenantView;
import org.lectern.platform.Cursor;
import org.lectern.platform.EntityId;
import org.lectern.platform.LecternException;
import org.lectern.platform.Page;
import org.lectern.tenancy.Tenant;
import org.lectern.tenancy.TenantEntityManager;
import org.lectern.tenancy.Tenants;

/**
 * The tenant lifecycle as platform operators drive it. Provisioning is one transaction: the tenant,
 * its roles, grants and default policies, and its first admin all exist, or none does.
 */
@ApplicationScoped
@Transactional
public class TenantService {

  private static final Logger LOG = Logger.getLogger(TenantService.class.getName());

  @Inject TenantEntityManager tem;
  @Inject RequestContext context;
  @Inject Tenants tenants;
  @Inject TenantSetup setup;
  @Inject AccessControl access;

  /**
   * Creates a tenant with its default roles and rules (tenant manifests; the API provisions with
   * {@link #provision}).
   */
  @Audited(action = AuditAction.CREATE, entity = "tenant", platform = true)
  public Tenant create(String slug, String name) {
    return insert(slug, name);
  }

  private Tenant insert(String slug, String name) {
    if (tenants.bySlug(slug).isPresent()) {
      throw LecternException.conflict(
          "tenant.slug-taken", "A school with the slug '" + slug + "' exists.");
    }
    Tenant tenant = new Tenant(slug, name);
    tem.global().persist(tenant);
    tem.global().flush();
    context.runAs(tenant.id(), tenant.policyVersion(), setup::provisionDefaults);
    LOG.info(() -> "Provisioned tenant " + slug + " (" + tenant.id() + ")");
    return tenant;
  }

  @Audited(action = AuditAction.CREATE, entity = "tenant", platform = true)
  public TenantView provision(TenancyDtos.TenantCreate request) {
    access.requirePlatform("tenant", "create");
    String zone = TimeZones.checked("timeZone", request.timeZone());
    Tenant tenant = insert(request.slug(), request.name().strip());
    if (zone != null && !zone.isBlank()) {
      tenant.changeTimeZone(zone);
    }
    context.runAs(tenant.id(), tenant.policyVersion(), () -> setup.createAdmin(request.admin()));
    return TenantView.of(tenant);
  }

  public Page<TenantView> list(String cursor, int limit) {
    access.requirePlatform("tenant", "read");
    String jpql = "SELECT t FROM Tenant t";
    Cursor after = cursor == null ? null : Cursor.decode(cursor);
    if (after != null) {
      jpql += " WHERE t.createdAt < :at OR (t.createdAt = :at AND t.id < :id)";
    }
    TypedQuery<Tenant> q =
        tem.global().createQuery(jpql + " ORDER BY t.createdAt DESC, t.id DESC", Tenant.class);
    if (after != null) {
      q.setParameter("at", after.createdAt()).setParameter("id", after.id());
    }
    return Page.of(
        q.setMaxResults(limit + 1).getResultList(),
        limit,
        t -> new Cursor(t.createdAt(), t.id()),
        page -> page.stream().map(TenantView::of).toList());
  }

  public TenantView get(UUID id) {
    access.requirePlatform("tenant", "read");
    return TenantView.of(find(id));
  }

  @Audited(action = AuditAction.SUSPEND, entity = "tenant", platform = true)
  public TenantView suspend(@EntityId UUID id) {
    access.requirePlatform("tenant", "update");
    Tenant t = find(id);
    t.suspend();
    LOG.info(() -> "Suspended tenant " + t.slug());
    return TenantView.of(t);
  }

  @Audited(action = AuditAction.REACTIVATE, entity = "tenant", platform = true)
  public TenantView reactivate(@EntityId UUID id) {
    access.requirePlatform("tenant", "update");
    Tenant t = find(id);
    t.reactivate();
    LOG.info(() -> "Reactivated tenant " + t.slug());
    return TenantView.of(t);
  }

  private Tenant find(UUID id) {
    return tenants.byId(id).orElseThrow(() -> LecternException.notFound("tenant"));
  }
}
