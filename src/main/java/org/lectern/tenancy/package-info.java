/**
 * Tenants (schools) as data, and tenant-scoped persistence: the root of every tenant-scoped entity
 * and the EntityManager that keeps every query inside the request context's tenant.
 */
package org.lectern.tenancy;
