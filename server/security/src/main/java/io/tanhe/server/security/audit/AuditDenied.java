package io.tanhe.server.security.audit;

/** An audit action the actor's role may not take (only the auditor wipes); the refusal is audited. */
public final class AuditDenied extends RuntimeException {
    public AuditDenied(String message) {
        super(message);
    }
}
