package io.tanhe.server.security.audit;

import java.util.Objects;

/**
 * Who reads, exports, verifies or wipes the audit: these actions are audited themselves.
 *
 * @param user   the account, token or (on the machine itself) operating-system user name
 * @param role   the role acted in; wiping needs {@link AuditLog#AUDITOR_ROLE}
 * @param source the client address, or {@code "local"} for the CLI on the machine itself
 */
public record AuditActor(String user, String role, String source) {
    public AuditActor {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(source, "source");
    }

    /** The operating-system user running the CLI on the machine itself, acting as {@code role}. */
    public static AuditActor local(String role) {
        return new AuditActor(System.getProperty("user.name", "-"), role, "local");
    }
}
