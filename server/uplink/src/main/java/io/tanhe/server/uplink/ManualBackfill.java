package io.tanhe.server.uplink;

import io.tanhe.engine.time.Grain;
import io.tanhe.server.store.TimeRange;

import java.util.Objects;
import java.util.Optional;

/**
 * An operator's request to re-send corrected data (section 7.2.4 (5) 人工补传): the current results of
 * {@code grain} buckets starting in {@code range}, to one centre or all. The uploads go out marked
 * as manual (HJ 212 data flag {@code S}, "manually entered"; {@code "manual": true} over HTTPS) and the
 * request is recorded in the event log.
 *
 * @param centreIdOrNull the centre, or null for every centre
 * @param grain          15min, hour, day or month
 * @param range          bucket starts
 * @param operator       who asked
 * @param reason         why (e.g. "meter M3 replaced, readings corrected")
 */
public record ManualBackfill(String centreIdOrNull, Grain grain, TimeRange range, String operator, String reason) {

    public ManualBackfill {
        Objects.requireNonNull(grain, "grain");
        Objects.requireNonNull(range, "range");
        if (operator == null || operator.isBlank()) {
            throw new IllegalArgumentException("a manual backfill names the operator who asks for it");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a manual backfill gives its reason");
        }
    }

    /** The centre, when the backfill is for one centre only. */
    public Optional<String> centreId() {
        return Optional.ofNullable(centreIdOrNull);
    }
}
