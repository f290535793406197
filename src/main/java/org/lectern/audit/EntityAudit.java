package org.lectern.audit;

import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.lectern.tenancy.TenantEntityManager;

/**
 * An {@link AuditSubject} whose snapshot is simply the entity's persistent fields, as {@link
 * AuditState#of} reads them. Subclasses name the type and the entity class.
 */
public abstract class EntityAudit implements AuditSubject {

  @Inject protected TenantEntityManager tem;

  private final String entityType;
  private final Class<?> entityClass;

  protected EntityAudit(String entityType, Class<?> entityClass) {
    this.entityType = entityType;
    this.entityClass = entityClass;
  }

  @Override
  public String entityType() {
    return entityType;
  }

  @Override
  public Optional<Map<String, Object>> snapshot(UUID id) {
    return Optional.ofNullable(tem.get().find(entityClass, id)).map(AuditState::of);
  }
}
