package io.tanhe.server.security.access;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The roles an account or token acts in: the three officers of §7.4 kept apart as Chinese practice keeps
 * them (三员: an account holds exactly one role, so no account holds two of them), and a read-only viewer.
 * What each may do is {@link Permission}'s table, the single source docs/security.md is checked against.
 */
public enum Role {
    /** 系统管理员: operates and configures the terminal; reads its data. */
    SYSTEM_ADMINISTRATOR("sysadmin", "系统管理员 system administrator"),
    /** 安全管理员: accounts, roles, password and address policy, keys and trust. */
    SECURITY_OPERATOR("secop", "安全管理员 security operator"),
    /** 安全审计员: reads, exports and wipes the audit; nothing else. */
    SECURITY_AUDITOR("auditor", "安全审计员 security auditor"),
    /** 只读用户: plant staff, screens and metrics scrapers; reads data only. */
    VIEWER("viewer", "只读用户 viewer");

    private final String code;
    private final String title;

    Role(String code, String title) {
        this.code = code;
        this.title = title;
    }

    /** The short name used on the command line, in the API and in the database, e.g. {@code secop}. */
    public String code() {
        return code;
    }

    /** The role's Chinese and English names. */
    public String title() {
        return title;
    }

    /** What this role may do. */
    public Set<Permission> permissions() {
        return Arrays.stream(Permission.values()).filter(p -> p.roles().contains(this))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Permission.class)));
    }

    /**
     * The role named {@code code} ({@code sysadmin}, {@code secop}, {@code auditor}, {@code viewer}).
     *
     * @throws IllegalArgumentException naming the roles there are
     */
    public static Role fromCode(String code) {
        String c = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
        for (Role r : values()) {
            if (r.code.equals(c)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no role `" + code + "`; the roles are "
                + Arrays.stream(values()).map(Role::code).collect(Collectors.joining(", ")));
    }
}
