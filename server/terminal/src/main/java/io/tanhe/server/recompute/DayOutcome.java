package io.tanhe.server.recompute;

import java.time.LocalDate;
import java.util.List;

/**
 * What recomputing one closed day did.
 *
 * @param day      the local day
 * @param requests the ids of the requests it answered (none for a recompute on demand of a day without)
 * @param reason   the reason written with the results
 * @param readings stored readings replayed (the day's and those it depends on)
 * @param results  results the replay computed for the day (every stored grain)
 * @param revised  of those, results that differed from the stored ones and were written as revisions
 * @param added    results the store did not have yet, now written
 */
public record DayOutcome(LocalDate day, List<Long> requests, String reason, int readings, int results, int revised,
                         int added) {

    public DayOutcome {
        requests = List.copyOf(requests);
    }

    /** Results written: revised plus added. */
    public int written() {
        return revised + added;
    }

    /** Results the replay left as they were. */
    public int unchanged() {
        return results - written();
    }
}
