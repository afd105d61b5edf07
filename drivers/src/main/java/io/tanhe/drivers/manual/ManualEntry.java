package io.tanhe.drivers.manual;

import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A value typed in or imported by a person: the monthly coal use from the weighbridge book, a lab NCV.
 * It becomes a {@link Quality#MANUAL} reading whose detail names the operator (and the comment).
 *
 * @param pointId    the point the value is for
 * @param measuredAt the time the value refers to
 * @param value      the value with the digits the operator entered
 * @param unit       its unit
 * @param operator   who entered or imported it; required
 * @param comment    why or from where (e.g. "lab report 2024-03"), may be empty
 */
public record ManualEntry(String pointId, Instant measuredAt, BigDecimal value, String unit, String operator,
                          String comment) {

    public ManualEntry {
        Objects.requireNonNull(measuredAt, "measuredAt");
        Objects.requireNonNull(value, "value");
        if (pointId == null || pointId.isBlank()) {
            throw new IllegalArgumentException("a manual entry needs a point id");
        }
        if (operator == null || operator.isBlank()) {
            throw new IllegalArgumentException("manual entry for " + pointId + " needs the operator's name");
        }
        unit = unit == null ? "" : unit;
        comment = comment == null ? "" : comment;
    }

    /** The reading this entry becomes; {@code detail} is {@code operator=<name>} plus the comment. */
    public Reading toReading(String sourceId) {
        String detail = "operator=" + operator + (comment.isBlank() ? "" : "; " + comment);
        return new Reading(pointId, measuredAt, value, unit, Quality.MANUAL, sourceId, detail);
    }
}
