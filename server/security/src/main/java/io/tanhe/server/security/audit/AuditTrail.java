package io.tanhe.server.security.audit;

/**
 * Where audited events go. Recording is durable before it returns: an action that must be audited is
 * not reported as done when its event could not be stored.
 */
@FunctionalInterface
public interface AuditTrail {
    void record(AuditEvent event);
}
