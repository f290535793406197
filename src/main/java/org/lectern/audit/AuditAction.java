package org.lectern.audit;

/** What an audit entry records: a plain change or a domain verb. */
public enum AuditAction {
  CREATE,
  UPDATE,
  DELETE,
  RESTORE,
  DEACTIVATE,
  PUBLISH,
  REQUEST_APPROVAL,
  APPROVE,
  REJECT,
  CANCEL,
  LOGIN,
  LOGIN_FAILED,
  ROLE_GRANTED,
  PERMISSION_GRANTED,
  POLICY_CHANGED,
  SUSPEND,
  REACTIVATE,
  PURGE,
  REORDER,
  ENROLL,
  UNENROLL,
  JOIN,
  CHANGE_CODE,
  START,
  TURN_IN,
  RETURN,
  REOPEN,
  EXCUSE,
  /** A job's work done (AI jobs). */
  SUCCEED,
  /** A job given up: a non-retryable error, or its attempts used up. */
  FAIL,
  /** Blocked content a reviewer threw out (kept, marked). */
  DISCARD,
  /** No entry: the default of {@link Audited#onFailure()}. */
  NONE
}
