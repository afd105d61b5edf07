package io.tanhe.server.terminal.operations;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A value an operator enters by hand (§7.2.2): a month's lab NCV or carbon content, a month's fuel use.
 *
 * @param point   the point of a {@code type: manual} source
 * @param at      a time inside the period the value is for (a per-period input), or the value's time (any other)
 * @param value   the value with the digits entered
 * @param unit    its unit; empty for the point's own unit (it is never converted: another unit is refused)
 * @param comment why or from where, e.g. "lab report 2026-06 No. 17"; may be empty
 */
public record ManualValue(String point, Instant at, BigDecimal value, String unit, String comment) {
    public ManualValue {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(value, "value");
        unit = unit == null ? "" : unit.strip();
        comment = comment == null ? "" : comment.strip();
    }
}
