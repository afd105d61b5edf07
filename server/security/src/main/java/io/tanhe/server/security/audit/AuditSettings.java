package io.tanhe.server.security.audit;

import java.time.Duration;
import java.time.Period;

/**
 * How the audit keeps and signs its entries.
 *
 * @param retention        how long entries are kept at least; never below {@link #MINIMUM_RETENTION} (§7.4.1.3)
 * @param checkpointEvery  a signed checkpoint after this many entries
 * @param checkpointAfter  or when the last one is this old at the next entry
 */
public record AuditSettings(Period retention, int checkpointEvery, Duration checkpointAfter) {
    /** The standard's minimum: six months. */
    public static final Period MINIMUM_RETENTION = Period.ofMonths(6);

    public AuditSettings {
        if (retention.toTotalMonths() < MINIMUM_RETENTION.toTotalMonths() || retention.isNegative()) {
            throw new IllegalArgumentException("audit retention must be at least 6 months (§7.4.1.3), not " + retention);
        }
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpointEvery must be 1 or more, not " + checkpointEvery);
        }
    }

    /** Six months, a checkpoint every 100 entries or 5 minutes. */
    public static AuditSettings defaults() {
        return new AuditSettings(MINIMUM_RETENTION, 100, Duration.ofMinutes(5));
    }

    public AuditSettings withRetention(Period retention) {
        return new AuditSettings(retention, checkpointEvery, checkpointAfter);
    }

    public AuditSettings withCheckpointAfter(Duration age) {
        return new AuditSettings(retention, checkpointEvery, age);
    }

    public AuditSettings withCheckpointEvery(int entries) {
        return new AuditSettings(retention, entries, checkpointAfter);
    }
}
