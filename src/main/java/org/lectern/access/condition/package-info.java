/**
 * ABAC conditions of tenants' ResourcePolicy rules: parsed once from JSON into an immutable tree,
 * then evaluated thread-safely against user and resource attributes on every access check.
 */
package org.lectern.access.condition;
