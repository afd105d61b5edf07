package io.tanhe.server.terminal;

import io.tanhe.engine.time.PeriodSettings;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.grammar.ast.Decl;
import io.tanhe.server.site.PointBinding;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.ReadingFilter;
import io.tanhe.server.store.ReadingStore;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.TimeRange;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a restarting terminal feeds a fresh evaluator so that it stands where the stopped one stood:
 * every stored reading from the start of the open window on, plus what those buckets depend on from
 * before it — each counter's and rate's last reading before the window (the left end of the first
 * interval) and every per-period value of the periods the window overlaps. In measurement-time order.
 */
final class Replay {
    /** Polls may be up to 3 h apart (section 9.1): the left neighbour of a counter is at most that far back. */
    static final Duration NEIGHBOUR_LOOKBACK = Duration.ofHours(3);
    static final Instant END_OF_TIME = Instant.parse("9999-01-01T00:00:00Z");

    private Replay() {
    }

    static List<StoredReading> readings(Site site, ReadingStore store, Instant windowFrom) {
        List<StoredReading> out = new ArrayList<>();
        for (PointBinding b : site.bindings().values()) {
            if (b.kind() == Decl.InputKind.PERIOD) {
                Instant periodStart = TimeBucket.of(((PeriodSettings) b.settings()).period(), windowFrom, site.zone()).start();
                out.addAll(store.readings(b.pointId(), TimeRange.of(periodStart, windowFrom)));
            } else {
                List<StoredReading> before = store.readings(b.pointId(), TimeRange.of(windowFrom.minus(NEIGHBOUR_LOOKBACK), windowFrom));
                for (int i = before.size() - 1; i >= 0; i--) {
                    if (before.get(i).value() != null) {
                        out.add(before.get(i));
                        break;
                    }
                }
            }
        }
        store.scan(ReadingFilter.of(TimeRange.of(windowFrom, END_OF_TIME)), out::add);
        out.sort(Comparator.comparing(StoredReading::measuredAt));
        return out;
    }
}
