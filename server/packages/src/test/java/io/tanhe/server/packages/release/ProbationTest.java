package io.tanhe.server.packages.release;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProbationTest {
    @TempDir
    Path work;

    private Upgrader onProbation(Duration window) throws Exception {
        InstallRoot root = new InstallRoot(work.resolve("opt-tanhe"));
        Upgrader u = new Upgrader(root, Clock.systemUTC(), window, 3);
        u.upgrade(Releases.app(work, "0.2.0"), Releases.policy(), "t");
        u.markGood();
        u.upgrade(Releases.app(work, "0.3.0"), Releases.policy(), "t");
        u.started();
        return u;
    }

    @Test
    void aReleaseThatBecomesHealthyWithinItsWindowIsMarkedGood() throws Exception {
        Upgrader u = onProbation(Duration.ofMinutes(1));
        AtomicInteger asked = new AtomicInteger();
        AtomicInteger restarts = new AtomicInteger();
        Probation p = Probation.start(u, "0.3.0", () -> asked.incrementAndGet() < 3 ? Optional.of("evaluation has not advanced")
                : Optional.empty(), Duration.ofMillis(20), restarts::incrementAndGet);
        assertEquals(Optional.of(Probation.Outcome.GOOD), p.await(Duration.ofSeconds(10)));
        assertEquals(Phase.GOOD, u.status().phase());
        assertEquals(Optional.of("0.3.0"), u.root().currentVersion());
        assertEquals(0, restarts.get());
    }

    @Test
    void aReleaseStillUnhealthyAtTheEndOfItsWindowIsRolledBackAndRestarted() throws Exception {
        Upgrader u = onProbation(Duration.ofMillis(300));
        AtomicInteger restarts = new AtomicInteger();
        Probation p = Probation.start(u, "0.3.0", () -> Optional.of("the store does not open"), Duration.ofMillis(20),
                restarts::incrementAndGet);
        assertEquals(Optional.of(Probation.Outcome.ROLLED_BACK), p.await(Duration.ofSeconds(10)));
        UpgradeState s = u.status();
        assertEquals(Phase.ROLLED_BACK, s.phase());
        assertEquals("unhealthy at the end of its window: the store does not open", s.reason());
        assertEquals(Optional.of("0.2.0"), u.root().currentVersion());
        assertEquals(1, restarts.get());
    }

    @Test
    void theOldReleaseRunningAfterARollbackWatchesNothing() throws Exception {
        Upgrader u = onProbation(Duration.ofMinutes(1));
        Probation p = Probation.start(u, "0.2.0", () -> Optional.of("never asked"), Duration.ofMillis(20), () -> { });
        assertEquals(Optional.of(Probation.Outcome.NOT_ON_PROBATION), p.outcome());
        assertEquals(Phase.PROBATION, u.status().phase());
    }
}
