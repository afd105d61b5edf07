package io.tanhe.engine.time;

import io.tanhe.engine.units.Unit;
import io.tanhe.grammar.ast.Decl;

import java.time.Duration;
import java.util.Objects;

/**
 * A power or flow: a bucket's amount is the time integral, trapezoid between consecutive readings.
 * Readings further apart than {@code maxGap} are not bridged: that time counts as missing and the
 * buckets get {@link Flag#GAP}.
 *
 * @param amountUnit the input's unit, the rate's unit × h (e.g. {@code kW·h}); readings must
 *                   convert to {@code amountUnit / h} (kW, MW, t/h, kg/s…)
 * @param maxGap     the longest interval between two readings that is integrated; set it to a few
 *                   polling periods
 */
public record RateSettings(Unit amountUnit, Duration maxGap) implements InputSettings {

    /** Five minutes: five polls of a one-minute schedule, the shortest collection period section 9.1 requires. */
    public static final Duration DEFAULT_MAX_GAP = Duration.ofMinutes(5);

    public RateSettings {
        Objects.requireNonNull(amountUnit, "amountUnit");
        Objects.requireNonNull(maxGap, "maxGap");
        if (maxGap.isNegative() || maxGap.isZero()) {
            throw new IllegalArgumentException("a rate's maximum gap must be positive, got " + maxGap);
        }
    }

    public static RateSettings of(Unit amountUnit) {
        return new RateSettings(amountUnit, DEFAULT_MAX_GAP);
    }

    public RateSettings withMaxGap(Duration gap) {
        return new RateSettings(amountUnit, gap);
    }

    @Override
    public Decl.InputKind kind() {
        return Decl.InputKind.RATE;
    }
}
