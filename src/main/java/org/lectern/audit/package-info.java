/**
 * The audit trail: {@code @Audited} service methods write a hash-chained, append-only {@code
 * audit_logs} entry in the transaction of the change; {@code /api/audit-logs} reads and verifies
 * it.
 */
package org.lectern.audit;
