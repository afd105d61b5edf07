package io.tanhe.engine.time;

import io.tanhe.engine.units.Unit;
import io.tanhe.grammar.ast.Decl;

import java.time.Duration;
import java.util.Objects;

/**
 * A cumulative meter total: a bucket's amount is the delta across it, each delta between two
 * consecutive readings apportioned to the buckets by time.
 *
 * @param amountUnit  the input's unit; readings must convert to it
 * @param rollover    where the register wraps to zero, or null when it never does (or is not known)
 * @param spreadLimit readings further apart than this still count in full, but the buckets between
 *                    them get {@link Flag#SPREAD} and quality at most {@link Quality#SUBSTITUTED},
 *                    because the split by time is a guess; null for no limit (polls every 1 min to
 *                    3 h are all normal, section 9.1)
 */
public record CounterSettings(Unit amountUnit, Rollover rollover, Duration spreadLimit) implements InputSettings {

    public CounterSettings {
        Objects.requireNonNull(amountUnit, "amountUnit");
        if (spreadLimit != null && (spreadLimit.isNegative() || spreadLimit.isZero())) {
            throw new IllegalArgumentException("a counter's spread limit must be positive, got " + spreadLimit);
        }
    }

    public static CounterSettings of(Unit amountUnit) {
        return new CounterSettings(amountUnit, null, null);
    }

    public CounterSettings withRollover(Rollover newRollover) {
        return new CounterSettings(amountUnit, newRollover, spreadLimit);
    }

    public CounterSettings withSpreadLimit(Duration limit) {
        return new CounterSettings(amountUnit, rollover, limit);
    }

    @Override
    public Decl.InputKind kind() {
        return Decl.InputKind.COUNTER;
    }
}
