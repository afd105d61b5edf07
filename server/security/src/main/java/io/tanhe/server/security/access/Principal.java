package io.tanhe.server.security.access;

import java.util.Objects;

/**
 * Who a request acts as: an account (through a session) or a machine token, in its one role.
 *
 * @param mustChangePassword the account's password is one-time or expired: it may only change it (and log out)
 */
public record Principal(String name, Role role, Kind kind, boolean mustChangePassword) {
    /** How the principal proved itself. */
    public enum Kind { ACCOUNT, TOKEN }

    public Principal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(kind, "kind");
    }

    /** The name the audit shows: a token's is {@code token:NAME}. */
    public String auditName() {
        return kind == Kind.TOKEN ? "token:" + name : name;
    }
}
