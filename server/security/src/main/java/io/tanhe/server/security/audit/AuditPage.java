package io.tanhe.server.security.audit;

import java.util.List;

/**
 * One page of a query's entries.
 *
 * @param total how many entries match in all
 */
public record AuditPage(List<AuditEntry> entries, long total, int offset) {
    public AuditPage {
        entries = List.copyOf(entries);
    }
}
