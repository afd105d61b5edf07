package io.tanhe.server.security.audit;

/** The audit could not be read or written; an action that must be audited must not go ahead. */
public final class AuditException extends RuntimeException {
    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }

    public AuditException(String message) {
        super(message);
    }
}
