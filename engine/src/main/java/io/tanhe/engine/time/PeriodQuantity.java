package io.tanhe.engine.time;

import io.tanhe.engine.units.BaseDimension;
import io.tanhe.engine.units.Unit;

/**
 * How a value given for a whole period relates to the buckets inside it.
 */
public enum PeriodQuantity {
    /**
     * An amount (a month's coal use in t, a month's purchased power in MWh): it is spread over the
     * period by time, so each minute holds its share and any bucket's amount is the sum of the
     * shares it covers; the period's own bucket gets the value back exactly.
     */
    SUMMABLE,
    /**
     * A property (a lab NCV in GJ/t, a carbon content in %): every bucket inside the period holds the
     * period's value unchanged. It is not summed: a formula multiplies it with an amount at the
     * period's grain or finer. A bucket spanning several periods gets their time-weighted mean,
     * flagged {@link Flag#AVERAGED}.
     */
    INTENSIVE;

    /**
     * The proposed default when a declaration does not say: a unit that is a pure number, has a
     * "per" (a negative exponent: GJ/t, tC/TJ, MW) or is a temperature is {@link #INTENSIVE};
     * a plain amount (t, MWh, Nm3, tCO2) is {@link #SUMMABLE}.
     */
    public static PeriodQuantity inferFrom(Unit unit) {
        boolean perSomething = unit.dimension().exponents().values().stream().anyMatch(e -> e < 0);
        boolean temperature = unit.dimension().exponent(BaseDimension.TEMPERATURE) != 0;
        return unit.isDimensionless() || perSomething || temperature ? INTENSIVE : SUMMABLE;
    }
}
