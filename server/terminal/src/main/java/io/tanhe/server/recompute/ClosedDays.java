package io.tanhe.server.recompute;

import io.tanhe.server.site.Site;
import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.Event;
import io.tanhe.server.store.EventKind;
import io.tanhe.server.store.RecomputeRequest;
import io.tanhe.server.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Recomputes closed days of one site's store and keeps the books: answers the day's pending
 * requests, marks them done, logs one line and records a {@link EventKind#RECOMPUTE} event per day.
 * Used by the running terminal's {@link RecomputeJob} and by {@code tanhe recompute} on a stopped store.
 */
public final class ClosedDays {
    private static final Logger LOG = LoggerFactory.getLogger(ClosedDays.class);

    private final Site site;
    private final Store store;
    private final Clock wallClock;
    private final DayRecompute recompute;

    public ClosedDays(Site site, Store store, Clock wallClock) {
        this(site, store, wallClock, r -> { });
    }

    /** @param stored told the day and coarser figures each recompute writes ({@link DayRecompute}) */
    public ClosedDays(Site site, Store store, Clock wallClock, Consumer<BucketResult> stored) {
        this.site = site;
        this.store = store;
        this.wallClock = wallClock;
        this.recompute = new DayRecompute(site, store, wallClock, stored);
    }

    /** The earliest day with a pending request that is closed, i.e. before the open window starting at {@code windowFrom}. */
    public Optional<LocalDate> nextPending(Instant windowFrom) {
        return store.recomputeQueue().firstPendingDay(windowFrom.atZone(site.zone()).toLocalDate());
    }

    /**
     * Recomputes {@code day} with its pending requests (possibly none) and marks them done, last: a
     * crash before that recomputes the day again, which changes nothing twice.
     *
     * @param trigger what asked for it when no request did, for the reason (e.g. {@code on demand})
     */
    public DayOutcome recompute(LocalDate day, String trigger) {
        List<RecomputeRequest> requests = store.recomputeQueue().pending(day);
        DayOutcome o = recompute.run(day, requests, trigger);
        LOG.info("site {}: recomputed {} (requests {}): {} readings replayed, {} results revised, {} new, {} unchanged",
                site.identity().siteId(), day, o.requests(), o.readings(), o.revised(), o.added(), o.unchanged());
        store.events().append(new Event(wallClock.instant(), EventKind.RECOMPUTE, day.toString(),
                LateDataText.clip(o.revised() + " results revised, " + o.added() + " new — " + o.reason()),
                "{\"day\":\"" + day + "\",\"requests\":" + o.requests() + ",\"readings\":" + o.readings() + ",\"results\":"
                        + o.results() + ",\"revised\":" + o.revised() + ",\"added\":" + o.added() + "}"));
        store.recomputeQueue().done(o.requests(), wallClock.instant());
        return o;
    }
}
