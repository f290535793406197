package org.lectern.tenancy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.util.UUID;
import org.lectern.context.RequestContext;

/**
 * The persistence context for tenant-scoped entities. EclipseLink adds the {@code tenant_id}
 * predicate to every query and fills it on every insert from the {@value #TENANT_PROPERTY}
 * property, which is set here, after the transaction has started, from the {@link TenantContext}.
 * Tenant-scoped code gets its EntityManager only from here.
 */
@ApplicationScoped
public class TenantEntityManager {

  /** The context property named by every {@code @TenantDiscriminatorColumn}. */
  public static final String TENANT_PROPERTY = "lectern.tenant-id";

  @PersistenceContext(unitName = "lectern")
  EntityManager em;

  @Inject RequestContext current;

  /** The transaction's EntityManager bound to the current tenant. Call inside a transaction. */
  public EntityManager get() {
    UUID tenantId = current.tenant();
    String value = tenantId.toString();
    if (!value.equals(em.getProperties().get(TENANT_PROPERTY))) {
      em.setProperty(TENANT_PROPERTY, value);
    }
    return em;
  }

  /**
   * Native SQL on tenant tables. EclipseLink refuses native SQL once multitenant entities exist,
   * since it bypasses the tenant filter; this is the one door through it, and it always binds the
   * current tenant id as parameter {@code ?1}, which the statement must use in its predicate.
   */
  public Query sql(String statement) {
    if (!statement.contains("?1")) {
      throw new IllegalArgumentException("tenant-scoped SQL must filter by the tenant id, ?1");
    }
    return get()
        .createNativeQuery(statement)
        .setHint(NATIVE_SQL_HINT, true)
        .setParameter(1, current.tenant());
  }

  /**
   * Native SQL on tenant tables in the tenant {@code tenantId}, named explicitly because no request
   * context has one yet: for resolving the request's caller, which reads the user of the token's
   * tenant. Binds {@code tenantId} as {@code ?1}, which the statement must use in its predicate.
   */
  public Query sqlIn(UUID tenantId, String statement) {
    if (!statement.contains("?1")) {
      throw new IllegalArgumentException("tenant-scoped SQL must filter by the tenant id, ?1");
    }
    return em.createNativeQuery(statement).setHint(NATIVE_SQL_HINT, true).setParameter(1, tenantId);
  }

  /** Native SQL on global tables only (the permission catalogue). */
  public Query globalSql(String statement) {
    return em.createNativeQuery(statement).setHint(NATIVE_SQL_HINT, true);
  }

  private static final String NATIVE_SQL_HINT = "eclipselink.jdbc.allow-native-sql-query";

  /** The same persistence context without a tenant, for global entities (tenants, accounts). */
  public EntityManager global() {
    return em;
  }
}
