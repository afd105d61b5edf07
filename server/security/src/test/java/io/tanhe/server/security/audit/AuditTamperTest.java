package io.tanhe.server.security.audit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static io.tanhe.server.security.audit.AuditFixture.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Someone with database access changes the audit with SQL, as a real attacker or a careless operator would;
 * verification names the first broken entry every time. 25 entries, checkpoints at 10, 20 and 25 (on close).
 */
class AuditTamperTest {
    @TempDir
    Path dir;
    AuditFixture f;

    @BeforeEach
    void writeTwentyFiveEntries() {
        f = new AuditFixture(dir);
        try (AuditLog log = f.open()) {
            for (int i = 1; i <= 25; i++) {
                f.clock.advance(Duration.ofSeconds(1));
                log.record(event(f.clock.instant(), "user" + i, i % 4 == 0 ? "login.failure" : "config.change",
                        i % 4 == 0 ? AuditOutcome.FAILURE : AuditOutcome.SUCCESS));
            }
        }
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private AuditVerification verify() {
        try (AuditLog log = f.open()) {
            return log.verifyQuietly();
        }
    }

    private void assertBrokenAt(long seq, String words) {
        AuditVerification v = verify();
        assertEquals(seq, v.firstBroken().orElseThrow(() -> new AssertionError("not detected: " + v.summary())), v.summary());
        assertTrue(v.problem().orElseThrow().contains(words), v.summary());
    }

    @Test
    void untouchedItVerifies() {
        AuditVerification v = verify();
        assertTrue(v.intact(), v.summary());
        assertEquals(25, v.entries());
        assertEquals(3, v.checkpoints());
    }

    @Test
    void anEditedDetailIsNamed() throws Exception {
        f.sql("UPDATE audit_entry SET detail = 'nothing happened' WHERE seq = 7");
        assertBrokenAt(7, "was changed after it was written");
    }

    @Test
    void aChangedOutcomeIsNamed() throws Exception {
        f.sql("UPDATE audit_entry SET outcome = 'SUCCESS' WHERE seq = 12");
        assertBrokenAt(12, "was changed");
    }

    @Test
    void aMovedTimeIsNamed() throws Exception {
        f.sql("UPDATE audit_entry SET at_ms = at_ms - 3600000 WHERE seq = 3");
        assertBrokenAt(3, "was changed");
    }

    @Test
    void aDeletedEntryIsNamed() throws Exception {
        f.sql("DELETE FROM audit_entry WHERE seq = 15");
        assertBrokenAt(15, "is missing (deleted)");
    }

    @Test
    void anInsertedEntryIsNamed() throws Exception {
        // make room at 9 by renumbering 9..25 to 10..26 (top down, the key is unique), then insert a forged 9
        for (long seq = 25; seq >= 9; seq--) {
            f.sql("UPDATE audit_entry SET seq = " + (seq + 1) + " WHERE seq = " + seq);
        }
        f.sql("INSERT INTO audit_entry SELECT 9, chain_no, at_ms, 'intruder', role_name, source, event_type, target, outcome,"
                + " detail, prev_hash, entry_hash FROM audit_entry WHERE seq = 8");
        assertBrokenAt(9, "");
    }

    @Test
    void swappedEntriesAreNamed() throws Exception {
        f.sql("UPDATE audit_entry SET seq = -1 WHERE seq = 4",
                "UPDATE audit_entry SET seq = 4 WHERE seq = 5",
                "UPDATE audit_entry SET seq = 5 WHERE seq = -1");
        assertBrokenAt(4, "");
    }

    @Test
    void aForgedLinkIsNamed() throws Exception {
        f.sql("UPDATE audit_entry SET prev_hash = '" + "ab".repeat(32) + "' WHERE seq = 18");
        assertBrokenAt(18, "does not link to the entry before it");
    }

    @Test
    void anEntryAppendedWithAWrongLinkIsNamed() throws Exception {
        f.sql("INSERT INTO audit_entry SELECT 26, chain_no, at_ms, user_name, role_name, source, event_type, target, outcome,"
                + " detail, prev_hash, entry_hash FROM audit_entry WHERE seq = 25");
        assertBrokenAt(26, "does not link");
    }

    @Test
    void rewritingASegmentWithRecomputedHashesIsCaughtByTheSignedCheckpoint() throws Exception {
        // an attacker who knows the hash rule rewrites entry 13 and recomputes 13..25 so that every link holds
        AuditEvent forged = null;
        String prev = f.scalar("SELECT entry_hash FROM audit_entry WHERE seq = 12");
        try (var c = f.store.connect(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT * FROM audit_entry WHERE seq >= 13 ORDER BY seq")) {
            var rows = new java.util.ArrayList<AuditEntry>();
            while (rs.next()) {
                rows.add(AuditLog.entry(rs));
            }
            for (AuditEntry e : rows) {
                AuditEvent ev = e.seq() == 13 ? new AuditEvent(e.event().at(), "someone.else", e.event().role(), e.event().source(),
                        e.event().type(), e.event().target(), e.event().outcome(), e.event().detail()) : e.event();
                String hash = AuditCanonical.entryHash(prev, e.seq(), e.chain(), ev);
                try (var p = c.prepareStatement("UPDATE audit_entry SET user_name = ?, prev_hash = ?, entry_hash = ? WHERE seq = ?")) {
                    p.setString(1, ev.user());
                    p.setString(2, prev);
                    p.setString(3, hash);
                    p.setLong(4, e.seq());
                    p.executeUpdate();
                }
                forged = ev;
                prev = hash;
            }
            c.commit();
        }
        assertTrue(forged != null);
        assertBrokenAt(11, "entries #11..#20 were rewritten with recomputed hashes");
    }

    @Test
    void cuttingOffTheTailPastACheckpointIsNamed() throws Exception {
        f.sql("DELETE FROM audit_entry WHERE seq >= 21");
        assertBrokenAt(21, "were removed: the signed checkpoint at #25");
    }

    @Test
    void aForgedCheckpointSignatureIsNamed() throws Exception {
        f.sql("UPDATE audit_checkpoint SET signature = '" + "30".repeat(35) + "' WHERE seq = 20");
        assertBrokenAt(11, "no valid signature");
    }
}
