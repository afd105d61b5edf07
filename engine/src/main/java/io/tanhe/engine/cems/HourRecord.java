package io.tanhe.engine.cems;

import java.time.Instant;

/**
 * One hour of a CEMS emission as measured.
 *
 * @param start         the hour's start
 * @param status        valid, or why not
 * @param value         the hour's emission in the node's unit; NaN when the hour is not valid
 * @param validMinutes  minutes that met the minute rule
 */
public record HourRecord(Instant start, HourStatus status, double value, int validMinutes) {

    public HourRecord {
        if (status == HourStatus.VALID && !Double.isFinite(value)) {
            throw new IllegalArgumentException("a valid hour at " + start + " needs a finite value, not " + value);
        }
    }
}
