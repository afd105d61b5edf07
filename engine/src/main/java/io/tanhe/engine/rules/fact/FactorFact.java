package io.tanhe.engine.rules.fact;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A factor value about to be used (a default from a table, a lab result, a remote update), so that
 * validation rules can judge it before it reaches a total.
 *
 * @param factor    the factor's name in the methodology, e.g. {@code ox_coal}
 * @param key       the index key, "" for a scalar
 * @param value     the value in {@code unit}
 * @param unit      the unit text, e.g. {@code %}
 * @param validFrom the first day the value applies; null when it has no start
 * @param source    where the value comes from ("" when unknown)
 */
public record FactorFact(String factor, String key, double value, String unit, LocalDate validFrom, String source)
        implements RuleFact {

    public FactorFact {
        Objects.requireNonNull(factor, "factor");
        Objects.requireNonNull(unit, "unit");
        key = key == null ? "" : key;
        source = source == null ? "" : source;
    }

    /** The value expressed in {@code target}; NaN when the units do not convert (guard it with {@link #convertibleTo}). */
    public double valueIn(String target) {
        return value * UnitScale.factor(unit, target);
    }

    /** True when the value's unit converts into {@code target}. */
    public boolean convertibleTo(String target) {
        return UnitScale.converts(unit, target);
    }

    @Override
    public String subject() {
        return RuleFact.subject(factor, key);
    }

    @Override
    public Slot slot() {
        return new Slot(FactorFact.class, factor, key, validFrom == null ? "" : validFrom.toString());
    }
}
