package io.tanhe.engine.cems;

import io.tanhe.engine.time.Quality;

import java.time.Instant;

/**
 * An hour's emission as it is reported: measured, substituted by a rule, or missing.
 *
 * @param start       the hour's start
 * @param value       in the node's unit; NaN when missing
 * @param status      what the data of the hour were
 * @param quality     MEASURED for a valid hour (and a stopped one, counted as 0), SUBSTITUTED, or MISSING
 * @param provenance  how the figure came about, in words: the rule, the capture rate, the hours it was taken from
 */
public record HourFigure(Instant start, double value, HourStatus status, Quality quality, String provenance) {

    public boolean substituted() {
        return quality == Quality.SUBSTITUTED;
    }
}
