package io.tanhe.engine.factors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two values that cannot live in one library.
 *
 * @param kind   what is wrong
 * @param first  the value met first
 * @param second the value that conflicts with it
 */
public record FactorConflict(Kind kind, FactorValue first, FactorValue second) {

    public enum Kind {
        /** Same factor and key, and some day on which both are valid: a lookup would be ambiguous. */
        OVERLAPPING_VALIDITY,
        /** Same factor, units of different dimensions: a factor has one declared unit. */
        MIXED_DIMENSIONS
    }

    /** A sentence naming both values. */
    public String describe() {
        return switch (kind) {
            case OVERLAPPING_VALIDITY -> "overlapping validity for " + first.label() + ": "
                    + first.describe() + " and " + second.describe();
            case MIXED_DIMENSIONS -> "factor `" + first.factor() + "` mixes dimensions: " + first.label() + " is in "
                    + first.unit() + " (" + first.parsedUnit().dimension().describe() + ") but " + second.label()
                    + " is in " + second.unit() + " (" + second.parsedUnit().dimension().describe()
                    + "); one factor has one dimension, use a separate factor name";
        };
    }

    /** Every conflict among {@code values}, in input order. */
    static List<FactorConflict> among(List<FactorValue> values) {
        List<FactorConflict> conflicts = new ArrayList<>();
        Map<String, FactorValue> firstOfFactor = new LinkedHashMap<>();
        Map<String, List<FactorValue>> byFactorAndKey = new LinkedHashMap<>();
        for (FactorValue value : values) {
            FactorValue first = firstOfFactor.putIfAbsent(value.factor(), value);
            if (first != null && !first.parsedUnit().isCompatible(value.parsedUnit())) {
                conflicts.add(new FactorConflict(Kind.MIXED_DIMENSIONS, first, value));
            }
            List<FactorValue> sameKey = byFactorAndKey.computeIfAbsent(value.factor() + "\u0000" + value.key(),
                    k -> new ArrayList<>());
            for (FactorValue earlier : sameKey) {
                if (earlier.validityOverlaps(value)) {
                    conflicts.add(new FactorConflict(Kind.OVERLAPPING_VALIDITY, earlier, value));
                }
            }
            sameKey.add(value);
        }
        return conflicts;
    }
}
