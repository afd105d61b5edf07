package io.tanhe.server.security.audit;

/** How an audited action ended. */
public enum AuditOutcome {
    /** It was done. */
    SUCCESS,
    /** It was tried and failed (a wrong password, a validation error). */
    FAILURE,
    /** It was refused for want of a permission, an allowed address or a session. */
    DENIED
}
