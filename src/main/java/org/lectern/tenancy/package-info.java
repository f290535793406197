/**
 * Tenants (schools): provisioning by platform super-admins, suspension, declarative manifests, and
 * the request's {@link org.lectern.tenancy.TenantContext} that every tenant-scoped query runs
 * under.
 */
package org.lectern.tenancy;
