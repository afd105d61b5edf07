package io.tanhe.server.security.access;

import java.util.Objects;

/**
 * Who does an audited action, as the audit names them: a signed-in principal from an address, or the
 * command line on the machine itself (the operating-system user's name, no role, source {@code local}: named as
 * the audit's own local commands name it, so one query finds everything a person did on the machine).
 */
public record Actor(String name, String role, String source) {
    public Actor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(source, "source");
    }

    public static Actor of(Principal p, String source) {
        return new Actor(p.auditName(), p.role().code(), source);
    }

    /** The command line on the machine, run by the operating-system user {@code user.name}. */
    public static Actor local() {
        return new Actor(System.getProperty("user.name", "-"), "-", "local");
    }
}
