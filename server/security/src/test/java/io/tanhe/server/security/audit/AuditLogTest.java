package io.tanhe.server.security.audit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.util.List;

import static io.tanhe.server.security.audit.AuditFixture.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditLogTest {
    private static final AuditActor AUDITOR = new AuditActor("li.auditor", AuditLog.AUDITOR_ROLE, "10.0.0.9");

    @TempDir
    Path dir;
    AuditFixture f;

    @BeforeEach
    void setUp() {
        f = new AuditFixture(dir);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void entriesAreChainedSignedAndVerifyAfterAReopen() {
        try (AuditLog log = f.open()) {
            for (int i = 0; i < 25; i++) {
                f.clock.advance(Duration.ofSeconds(1));
                log.record(event(f.clock.instant(), "wang", "login", AuditOutcome.SUCCESS));
            }
        }
        try (AuditLog log = f.open()) {
            log.record(event(f.clock.instant(), "wang", "logout", AuditOutcome.SUCCESS));
            AuditVerification v = log.verifyQuietly();
            assertTrue(v.intact(), v.summary());
            assertEquals(26, v.entries());
            assertEquals(3, v.checkpoints(), "every 10 entries and one at the close after entry 25");
            assertEquals(1, v.unsignedTail());
        }
    }

    @Test
    void queryCombinesConditionsSortsPagesAndIsItselfAudited() {
        try (AuditLog log = f.open()) {
            for (int i = 0; i < 30; i++) {
                f.clock.advance(Duration.ofMinutes(1));
                log.record(event(f.clock.instant(), i % 3 == 0 ? "zhao" : "qian", i % 2 == 0 ? "login" : "config.change",
                        i % 5 == 0 ? AuditOutcome.FAILURE : AuditOutcome.SUCCESS));
            }
            AuditQuery q = AuditQuery.all().user("zhao").type("login").between(AuditFixture.T0, AuditFixture.T0.plus(Duration.ofMinutes(25)))
                    .sorted(AuditQuery.Sort.TIME, false).page(1, 2);
            AuditPage page = log.query(q, AUDITOR);
            // zhao logs in at i = 0, 6, 12, 18, 24 (minutes 1, 7, 13, 19, 25): minute 25 is excluded by "to"
            assertEquals(4, page.total());
            assertEquals(List.of(7L, 13L), page.entries().stream().map(e -> e.seq()).toList());
            AuditPage failures = log.query(AuditQuery.all().outcome(AuditOutcome.FAILURE).source("10.0.0.7"), AUDITOR);
            assertEquals(6, failures.total());
            AuditPage reads = log.query(AuditQuery.all().type("audit.query").role(AuditLog.AUDITOR_ROLE), AUDITOR);
            assertEquals(2, reads.total(), "the two queries before this one were audited");
            assertTrue(reads.entries().getLast().event().detail().contains("user=zhao"), reads.entries().getLast().event().detail());
            assertTrue(log.verifyQuietly().intact());
        }
    }

    @Test
    void exportWritesCsvAndJsonEscapingWhatNeedsItAndIsAudited() {
        try (AuditLog log = f.open()) {
            log.record(new AuditEvent(f.clock.instant(), "=HYPERLINK(\"x\")", "admin", "local", "config.change", "site, line 2",
                    AuditOutcome.SUCCESS, "changed \"pw\"\nline two"));
            StringWriter csv = new StringWriter();
            assertEquals(1, log.export(AuditQuery.all().type("config.change"), AuditExport.Format.CSV, csv, AUDITOR));
            String[] lines = csv.toString().split("\r\n");
            assertEquals("seq,time,user,role,source,type,target,outcome,detail,chain,hash", lines[0]);
            assertTrue(lines[1].startsWith("1,2026-01-05T08:00:00Z,\"'=HYPERLINK(\"\"x\"\")\",admin,local,config.change,\"site, line 2\""),
                    lines[1]);
            StringWriter json = new StringWriter();
            log.export(AuditQuery.all().sorted(AuditQuery.Sort.SEQ, false), AuditExport.Format.JSON, json, AUDITOR);
            assertTrue(json.toString().contains("\"detail\":\"changed \\\"pw\\\"\\nline two\""), json.toString());
            assertTrue(json.toString().contains("\"type\":\"audit.export\""), "the first export is in the second: " + json);
            assertEquals(2, log.query(AuditQuery.all().type("audit.export"), AUDITOR).total());
        }
    }

    @Test
    void onlyTheAuditorWipesAndTheNewChainStartsFromTheOldHead() throws Exception {
        try (AuditLog log = f.open()) {
            for (int i = 0; i < 15; i++) {
                log.record(event(f.clock.instant(), "wang", "login", AuditOutcome.SUCCESS));
            }
            AuditActor admin = new AuditActor("wang", "admin", "10.0.0.7");
            assertThrows(AuditDenied.class, () -> log.wipe(admin));
            AuditPage denied = log.query(AuditQuery.all().type("audit.wipe").outcome(AuditOutcome.DENIED), AUDITOR);
            assertEquals(1, denied.total(), "the refused wipe is audited");
            String oldHead = f.scalar("SELECT entry_hash FROM audit_entry WHERE seq = (SELECT MAX(seq) FROM audit_entry)");

            AuditEntry first = log.wipe(AUDITOR);
            assertEquals(2, first.chain());
            assertEquals(oldHead, first.prevHash());
            assertTrue(first.event().detail().contains("head hash " + oldHead), first.event().detail());
            assertEquals(18, first.seq(), "numbers are never reused: 15 events, a denied wipe, a query, then the wipe");
            AuditPage all = log.query(AuditQuery.all(), AUDITOR);
            assertEquals(1, all.total(), "only the wipe entry is left when the query runs");
            log.record(event(f.clock.instant(), "wang", "login", AuditOutcome.SUCCESS));
            AuditVerification v = log.verifyQuietly();
            assertTrue(v.intact(), v.summary());
            assertEquals(2, v.chain());
            assertEquals(3, v.entries());
        }
    }

    @Test
    void retentionDropsOnlyWholeSegmentsOlderThanSixMonthsAndTheChainStillVerifies() {
        try (AuditLog log = f.open()) {
            for (int i = 0; i < 35; i++) {
                f.clock.advance(Duration.ofDays(1));
                log.record(event(f.clock.instant(), "wang", "login", AuditOutcome.SUCCESS));
            }
            f.clock.advance(Duration.ofDays(150));
            assertEquals(0, log.applyRetention(), "nothing is six months old yet");
            f.clock.advance(Duration.ofDays(20));
            for (int i = 0; i < 5; i++) {
                log.record(event(f.clock.instant(), "wang", "login", AuditOutcome.SUCCESS));
            }
            // now = T0 + 205 d; cut = now - 6 months ≈ T0 + 23 d: entries 1..23 are older, the checkpoint at 20 is the boundary
            assertEquals(20, log.applyRetention());
            AuditVerification v = log.verifyQuietly();
            assertTrue(v.intact(), v.summary());
            assertEquals(21, v.keptFrom());
            assertEquals(21, v.entries(), "entries 21..40 and the retention entry");
        }
    }

    @Test
    void deletingRecentEntriesDressedUpAsRetentionIsCaught() throws Exception {
        try (AuditLog log = f.open()) {
            for (int i = 0; i < 25; i++) {
                log.record(event(f.clock.instant(), "wang", "login", AuditOutcome.SUCCESS));
            }
        }
        f.sql("DELETE FROM audit_entry WHERE seq <= 10", "UPDATE audit_chain SET kept_seq = 11");
        try (AuditLog log = f.open()) {
            AuditVerification v = log.verifyQuietly();
            assertEquals(11L, v.firstBroken().orElseThrow());
            assertTrue(v.problem().orElseThrow().contains("deleted, not expired"), v.summary());
        }
    }

    @Test
    void retentionBelowSixMonthsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuditSettings.defaults().withRetention(Period.ofMonths(5)));
        assertTrue(e.getMessage().contains("at least 6 months"), e.getMessage());
    }
}
