/**
 * The approval workflow: {@code @RequiresApproval} service methods are recorded as pending
 * approvals instead of run when the tenant's rules say so, and run once someone else approves them.
 */
package org.lectern.approval;
