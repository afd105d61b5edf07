package io.tanhe.server.terminal;

import io.tanhe.engine.rules.verification.FindingListener;
import io.tanhe.engine.rules.verification.VerificationFinding;
import io.tanhe.server.store.FindingStore;
import io.tanhe.server.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Keeps the rules' verification findings in the store's {@code verification_finding} table: not alerts (nothing to
 * acknowledge or clear, nothing sent to the platform), read by {@code GET /api/findings}, {@code tanhe findings} and the
 * reports. A finding found again (a month rolled up again, a restart's replay) is the same row.
 */
final class FindingRecorder implements FindingListener {
    private static final Logger LOG = LoggerFactory.getLogger(FindingRecorder.class);

    private final FindingStore store;
    private final Clock wallClock;

    FindingRecorder(FindingStore store, Clock wallClock) {
        this.store = store;
        this.wallClock = wallClock;
    }

    @Override
    public void onFinding(VerificationFinding f) {
        try {
            long id = store.record(f, wallClock.instant()).id();
            LOG.info("verification finding id={} check={} subject={} from={} measured={} {} bound={}", id, f.check(), f.subject(),
                    f.from(), f.measured(), f.unit(), f.bound());
        } catch (StoreException | IllegalArgumentException e) {
            LOG.error("verification finding {} on {} not stored: {}", f.check(), f.subject(), e.getMessage());
        }
    }
}
