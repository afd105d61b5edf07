package io.tanhe.engine.factors;

import io.tanhe.engine.units.Unit;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One value of a factor, with its provenance.
 *
 * @param factor     the factor name as a methodology refers to it, e.g. {@code ncv}
 * @param key        the index key: {@code ""} for a scalar factor, else the index members joined
 *                   with {@code ","} in the order of the factor's index sets, e.g. {@code unit1,bituminous}
 * @param value      the number with the source's digits ({@code 19.570} stays {@code 19.570})
 * @param unit       unit text as the source writes it, parseable by {@link Unit#parse(String)}
 * @param validFrom  first day the value applies to (inclusive), or null for "since ever"
 * @param validUntil first day it no longer applies to (exclusive), or null for "until replaced"
 * @param source     the document the value comes from, and how it was obtained when second-hand
 * @param clause     table or clause within the source, or null
 * @param confidence how far the value is confirmed
 * @param version    version of the table the value was published in
 * @param note       free remark, or null
 */
public record FactorValue(String factor, String key, BigDecimal value, String unit, LocalDate validFrom,
                          LocalDate validUntil, String source, String clause, Confidence confidence,
                          String version, String note) {

    /**
     * @throws IllegalArgumentException if a required part is missing or blank, or the validity period is empty
     * @throws io.tanhe.engine.units.UnitParseException if the unit does not parse
     */
    public FactorValue {
        requireText(factor, "factor");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        requireText(unit, "unit");
        requireText(source, "source");
        Objects.requireNonNull(confidence, "confidence");
        Objects.requireNonNull(version, "version");
        if (validFrom != null && validUntil != null && !validFrom.isBefore(validUntil)) {
            throw new IllegalArgumentException("empty validity for " + label(factor, key) + ": valid_from "
                    + validFrom + " is not before valid_until " + validUntil);
        }
        Unit.parse(unit);
    }

    private static void requireText(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
    }

    /** True when {@code date} (the measurement date of the value being computed) lies in the validity period. */
    public boolean validOn(LocalDate date) {
        return (validFrom == null || !date.isBefore(validFrom)) && (validUntil == null || date.isBefore(validUntil));
    }

    /** True when some day lies in the validity periods of both values. */
    public boolean validityOverlaps(FactorValue other) {
        boolean startsBeforeOtherEnds = validFrom == null || other.validUntil == null || validFrom.isBefore(other.validUntil);
        boolean otherStartsBeforeThisEnds = other.validFrom == null || validUntil == null || other.validFrom.isBefore(validUntil);
        return startsBeforeOtherEnds && otherStartsBeforeThisEnds;
    }

    /** The parsed {@link #unit()}. */
    public Unit parsedUnit() {
        return Unit.parse(unit);
    }

    /** {@code ncv[bituminous]}, or just {@code heat_ef} for a scalar factor. */
    public String label() {
        return label(factor, key);
    }

    /** The validity period as {@code [2021-01-01, 2023-01-01)}, with {@code …} for an open end. */
    public String validityText() {
        return "[" + (validFrom == null ? "…" : validFrom) + ", " + (validUntil == null ? "…" : validUntil) + ")";
    }

    /** One line for error messages and explanations: label, value, unit, validity, source, version. */
    public String describe() {
        return label() + " = " + value.toPlainString() + " " + unit + " valid " + validityText()
                + " (source: " + source + (clause == null ? "" : ", " + clause) + "; confidence " + confidence
                + "; version " + version + ")";
    }

    private static String label(String factor, String key) {
        return key == null || key.isEmpty() ? factor : factor + "[" + key + "]";
    }
}
