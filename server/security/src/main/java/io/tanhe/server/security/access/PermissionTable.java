package io.tanhe.server.security.access;

import java.util.Locale;

/** The permission table as the Markdown docs/security.md carries between its table markers. */
public final class PermissionTable {
    /** The line before the generated table in docs/security.md. */
    public static final String BEGIN = "<!-- permission table: generated from Permission.java; PermissionTableDocTest checks it -->";
    /** The line after it. */
    public static final String END = "<!-- end of permission table -->";

    private PermissionTable() {
    }

    /** One row per permission, one column per role, ✓ where the role holds it. */
    public static String markdown() {
        StringBuilder out = new StringBuilder("| permission | what it allows |");
        for (Role r : Role.values()) {
            out.append(' ').append(r.code()).append(" |");
        }
        out.append("\n|---|---|");
        out.append("---|".repeat(Role.values().length)).append('\n');
        for (Permission p : Permission.values()) {
            out.append("| `").append(p.name().toLowerCase(Locale.ROOT)).append("` | ").append(p.description()).append(" |");
            for (Role r : Role.values()) {
                out.append(p.grantedTo(r) ? " ✓ |" : "   |");
            }
            out.append('\n');
        }
        return out.toString();
    }
}
