package io.tanhe.engine.rules.fact;

import io.tanhe.engine.time.Grain;

import java.time.Instant;
import java.util.Objects;

/**
 * A closed period's figure of a node next to the same period a year before (a year, or a month next to the same month
 * of the year before), for checks of year-on-year fluctuation (CETS-VG-01.01 3.4.1.3: compare with the previous years'
 * reports and explain an abnormal change).
 *
 * @param node     the node
 * @param key      the index key, "" for a scalar
 * @param grain    the period's length
 * @param start    the period's first instant
 * @param end      the instant after it
 * @param value    this period's figure in {@code unit}
 * @param previous the figure of the period a year before, in {@code unit}
 * @param unit     the unit text
 */
public record PeriodChangeFact(String node, String key, Grain grain, Instant start, Instant end, double value, double previous,
                               String unit) implements RuleFact {

    public PeriodChangeFact {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(grain, "grain");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(unit, "unit");
        key = key == null ? "" : key;
    }

    /** The change from the year before in %; NaN when the year before was zero. */
    public double changePercent() {
        return previous == 0 ? Double.NaN : (value - previous) / Math.abs(previous) * 100;
    }

    @Override
    public String subject() {
        return RuleFact.subject(node, key);
    }

    @Override
    public Slot slot() {
        return new Slot(PeriodChangeFact.class, node, key, grain.label());
    }
}
