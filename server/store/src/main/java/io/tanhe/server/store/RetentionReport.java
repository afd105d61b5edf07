package io.tanhe.server.store;

import java.util.Map;

/**
 * What one retention pass deleted.
 *
 * @param deleted rows deleted per table (table names as in docs/store.md)
 */
public record RetentionReport(Map<String, Long> deleted) {

    public RetentionReport {
        deleted = Map.copyOf(deleted);
    }

    public long total() {
        return deleted.values().stream().mapToLong(Long::longValue).sum();
    }
}
