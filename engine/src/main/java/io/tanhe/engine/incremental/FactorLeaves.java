package io.tanhe.engine.incremental;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.BiFunction;

/**
 * The factor leaves of one local date, looked up once per factor instance and date instead of once per
 * bucket: a factor's value is valid for whole dates, and looking it up (the library's layers, then the
 * exact unit conversion in BigDecimal) cost a third of creating a minute's bucket when a terminal catches
 * up an outage. Holds the date last asked for only; buckets are created in time order, so that is the one
 * asked for next. Cleared when the factors or the instances change.
 */
final class FactorLeaves {
    /** A factor instance's value on a date, converted to its node's unit; NaN, FAILED and why when none is valid. */
    record Leaf(double value, byte status, BucketState.Cause cause) {
    }

    private final ZoneId zone;
    private final BiFunction<Integer, LocalDate, Leaf> lookUp;
    private Leaf[] leaves = new Leaf[0];
    private LocalDate date;
    /** The instants of {@link #date}: [dayStart, dayEnd). */
    private Instant dayStart;
    private Instant dayEnd;

    /** @param lookUp the uncached value of an instance id on a date */
    FactorLeaves(ZoneId zone, BiFunction<Integer, LocalDate, Leaf> lookUp) {
        this.zone = zone;
        this.lookUp = lookUp;
    }

    /** The leaf of factor instance {@code id} on the local date of {@code at}. */
    Leaf leaf(int id, Instant at) {
        if (date == null || at.isBefore(dayStart) || !at.isBefore(dayEnd)) {
            moveTo(at.atZone(zone).toLocalDate());
        }
        if (id >= leaves.length) {
            leaves = java.util.Arrays.copyOf(leaves, Math.max(id + 1, 2 * leaves.length));
        }
        Leaf leaf = leaves[id];
        if (leaf == null) {
            leaf = lookUp.apply(id, date);
            leaves[id] = leaf;
        }
        return leaf;
    }

    /** Forgets every leaf: the factor library or the instance ids changed. */
    void clear() {
        date = null;
        java.util.Arrays.fill(leaves, null);
    }

    private void moveTo(LocalDate next) {
        java.util.Arrays.fill(leaves, null);
        date = next;
        dayStart = next.atStartOfDay(zone).toInstant();
        dayEnd = next.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
