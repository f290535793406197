package org.lectern.tenancy;

import jakarta.persistence.MappedSuperclass;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/**
 * The root of every tenant-scoped entity. EclipseLink adds {@code tenant_id = <current tenant>} to
 * every query on a subclass and fills the column on insert, from the property that {@link
 * TenantEntityManager} sets; {@code tenant_id} is part of the primary key, as the schema has it.
 */
@MappedSuperclass
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(
    name = "tenant_id",
    contextProperty = TenantEntityManager.TENANT_PROPERTY,
    primaryKey = true)
public abstract class TenantScoped {}
