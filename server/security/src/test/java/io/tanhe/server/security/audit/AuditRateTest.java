package io.tanhe.server.security.audit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Measures the audit on the real Derby store: durable appends per second (one commit each, a signed
 * checkpoint every 100) and entries verified per second. Prints the numbers for docs/security-audit-and-keys.md.
 */
@Tag("slow")
class AuditRateTest {
    private static final int ENTRIES = 20_000;

    @TempDir
    Path dir;

    @Test
    void appendAndVerifyRates() {
        try (AuditFixture f = new AuditFixture(dir);
             AuditLog log = AuditLog.open(f.store::connect, f.identity, Clock.systemUTC(), AuditSettings.defaults())) {
            for (int i = 0; i < 500; i++) {
                log.record(AuditFixture.event(java.time.Instant.now(), "warm", "login", AuditOutcome.SUCCESS));
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < ENTRIES; i++) {
                log.record(AuditFixture.event(java.time.Instant.now(), "user" + (i % 50), "config.change", AuditOutcome.SUCCESS));
            }
            double appendSeconds = (System.nanoTime() - t0) / 1e9;
            log.verifyQuietly();
            long t1 = System.nanoTime();
            AuditVerification v = log.verifyQuietly();
            double verifySeconds = (System.nanoTime() - t1) / 1e9;
            assertTrue(v.intact(), v.summary());
            assertEquals(ENTRIES + 500, v.entries());
            System.out.printf("audit append: %d entries in %.2f s = %.0f entries/s (durable commit each, checkpoint every 100)%n",
                    ENTRIES, appendSeconds, ENTRIES / appendSeconds);
            System.out.printf("audit verify: %d entries, %d checkpoints in %.2f s = %.0f entries/s%n",
                    v.entries(), v.checkpoints(), verifySeconds, v.entries() / verifySeconds);
            assertTrue(ENTRIES / appendSeconds > 100, "fewer than 100 appends per second");
        }
    }
}
