/**
 * Who may do what to which resource: roles and grants per tenant (RBAC), the tenants' JSON
 * ResourcePolicy rules (ABAC), and {@link org.lectern.access.AccessControl}, the one place where
 * jCasbin decides.
 */
package org.lectern.access;
