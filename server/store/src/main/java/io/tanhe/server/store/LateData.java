package io.tanhe.server.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Readings of one point that arrived after a day they affect had closed: what a recompute request
 * records (see {@link RecomputeQueue}).
 *
 * @param day             the local day (site zone) whose stored results may be out of date
 * @param pointId         the point the readings belong to
 * @param readings        how many of its readings affect that day
 * @param firstReceivedAt when the first of them was received
 */
public record LateData(LocalDate day, String pointId, int readings, Instant firstReceivedAt) {

    public LateData {
        Objects.requireNonNull(day, "day");
        Limits.required("pointId", pointId, Limits.ID);
        if (readings < 1) {
            throw new IllegalArgumentException("late data of " + pointId + " for " + day + " has " + readings
                    + " readings; a request needs at least one");
        }
        Objects.requireNonNull(firstReceivedAt, "firstReceivedAt");
    }
}
