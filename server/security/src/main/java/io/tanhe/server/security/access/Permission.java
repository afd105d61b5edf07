package io.tanhe.server.security.access;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import static io.tanhe.server.security.access.Role.SECURITY_AUDITOR;
import static io.tanhe.server.security.access.Role.SECURITY_OPERATOR;
import static io.tanhe.server.security.access.Role.SYSTEM_ADMINISTRATOR;
import static io.tanhe.server.security.access.Role.VIEWER;

/**
 * The permission table: what each role may do. Every API route declares one of these, and
 * docs/security.md shows this table ({@link PermissionTable}); a test fails when the two disagree.
 * Least privilege: the security operator and the auditor do not read plant data, the administrator
 * does not touch accounts or the audit.
 */
public enum Permission {
    /** Status, results, readings, alerts and reports. */
    READ_DATA("read status, results, readings, alerts and reports", VIEWER, SYSTEM_ADMINISTRATOR),
    /** Any signed-in account: its own session, its own password, logging out. */
    OWN_SESSION("see one's own session, change one's own password, log out",
            VIEWER, SYSTEM_ADMINISTRATOR, SECURITY_OPERATOR, SECURITY_AUDITOR),
    /** Changes to how the terminal runs and what it holds: alerts, manual entry, CEMS QA records, polling, jobs, backfill, configuration, upgrades. */
    OPERATE("operate and configure the terminal (acknowledge alerts, enter values and CEMS QA records by hand, poll, run jobs,"
            + " backfill, configuration, upgrades)", SYSTEM_ADMINISTRATOR),
    /** Accounts, tokens and the address and password policy. */
    MANAGE_ACCOUNTS("list, add, lock, unlock and reset accounts; issue and revoke tokens; address allow-lists",
            SECURITY_OPERATOR),
    /** The device's keys, certificates and trust. */
    MANAGE_KEYS("device identity, certificates, keys for secrets at rest", SECURITY_OPERATOR),
    /** Evidence bundles of a period for a verification body (issue 24). */
    EXPORT_EVIDENCE("export a period's evidence bundle (readings, results with revisions, methodology, packages, signed)",
            SYSTEM_ADMINISTRATOR, SECURITY_AUDITOR),
    /** Querying and exporting the audit. */
    READ_AUDIT("query, verify and export the audit", SECURITY_AUDITOR),
    /** Wiping the whole audit (never a single entry). */
    WIPE_AUDIT("wipe the whole audit (starts a new chain)", SECURITY_AUDITOR);

    private final String description;
    private final Set<Role> roles;

    Permission(String description, Role first, Role... more) {
        this.description = description;
        this.roles = Collections.unmodifiableSet(EnumSet.of(first, more));
    }

    public String description() {
        return description;
    }

    /** The roles that hold this permission. */
    public Set<Role> roles() {
        return roles;
    }

    public boolean grantedTo(Role role) {
        return roles.contains(role);
    }
}
