/**
 * The approval workflow: acts gated by {@code @RequiresApproval} are recorded as pending approvals,
 * a named {@code ApprovableAct} with a JSON payload, and run by that act's handler once someone
 * else approves them.
 */
package org.lectern.approval;
