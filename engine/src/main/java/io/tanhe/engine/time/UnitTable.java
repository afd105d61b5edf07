package io.tanhe.engine.time;

import io.tanhe.engine.units.IncompatibleUnitsException;
import io.tanhe.engine.units.Unit;

import java.time.Instant;
import java.util.Arrays;

/**
 * The units one series has seen, each with its factor into the unit values are held in. A series
 * almost always sees one unit, so the lookup is an identity check on the first slot.
 */
final class UnitTable {
    private static final int MAX_UNITS = 127;

    private final String input;
    private final String key;
    private final Unit target;
    private final String targetDescription;
    private Unit[] units = new Unit[2];
    private double[] factors = new double[2];
    private int size;

    /**
     * @param target            the unit observation values are converted into
     * @param targetDescription how to name that unit in an error, e.g. "the input's unit `t`"
     */
    UnitTable(String input, String key, Unit target, String targetDescription) {
        this.input = input;
        this.key = key;
        this.target = target;
        this.targetDescription = targetDescription;
    }

    Unit target() {
        return target;
    }

    /** The slot of {@code unit}, adding it on first sight. */
    int indexOf(Unit unit, Instant at) {
        for (int i = 0; i < size; i++) {
            if (units[i] == unit) {
                return i;
            }
        }
        for (int i = 0; i < size; i++) {
            if (units[i].equals(unit) && units[i].text().equals(unit.text())) {
                return i;
            }
        }
        return add(unit, at);
    }

    private int add(Unit unit, Instant at) {
        double factor;
        try {
            factor = unit.conversionFactor(target);
        } catch (IncompatibleUnitsException e) {
            throw new ObservationException(input, key, at, "the value is in `" + unit.text() + "` ("
                    + unit.dimension().describe() + "), which does not convert to " + targetDescription + " ("
                    + target.dimension().describe() + "); correct the point's unit in the site configuration"
                    + " or bind the point to another input");
        }
        if (size == MAX_UNITS) {
            throw new ObservationException(input, key, at, "more than " + MAX_UNITS + " different units for one series");
        }
        if (size == units.length) {
            units = Arrays.copyOf(units, size * 2);
            factors = Arrays.copyOf(factors, size * 2);
        }
        units[size] = unit;
        factors[size] = factor;
        return size++;
    }

    double factor(int index) {
        return factors[index];
    }

    Unit unit(int index) {
        return units[index];
    }
}
