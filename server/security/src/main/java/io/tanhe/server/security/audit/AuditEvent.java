package io.tanhe.server.security.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One event for the audit (§7.4.1.3): when (the device clock), who and in which role, from where, what
 * kind of event, on what, with which outcome, and a detail that never holds a secret.
 *
 * @param user   the account or token name; {@code "-"} when unknown (a failed login names what was tried)
 * @param role   the role the user acted in; {@code "-"} when none
 * @param source the client address, or {@code "local"} for the CLI on the machine itself
 * @param type   the event type, e.g. {@code login}, {@code logout}, {@code config.change}, {@code audit.wipe}
 * @param target what the event acted on (a route, an account, a file); {@code "-"} when nothing
 */
public record AuditEvent(Instant at, String user, String role, String source, String type, String target,
                         AuditOutcome outcome, String detail) {
    public AuditEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
    }
}
