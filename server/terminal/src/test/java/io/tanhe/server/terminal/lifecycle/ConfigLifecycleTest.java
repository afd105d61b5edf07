package io.tanhe.server.terminal.lifecycle;

import io.tanhe.engine.time.Grain;
import io.tanhe.server.recompute.LatePlant;
import io.tanhe.server.security.audit.AuditActor;
import io.tanhe.server.store.ConfigPackage;
import io.tanhe.server.store.Store;
import io.tanhe.server.store.StoredResult;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.terminal.Terminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.tanhe.server.recompute.LatePlant.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A factor package through the whole lifecycle on a running terminal (the late-data test plant: coal
 * 18:00…24:00 yesterday, 60 t × C_ar 0.50 × oxidation × 44/12), and every refusal leaving it unchanged.
 */
@Timeout(120)
class ConfigLifecycleTest {
    private static final Duration QUICK = Duration.ofMillis(50);
    private static final Instant YESTERDAY = local("2025-10-02T00:00");
    private static final AuditActor ADMIN = new AuditActor("admin", "sysadmin", "127.0.0.1");
    static final CandidateVerifier TRUSTING = c -> CandidateVerifier.Verification.accepted("author alice (test key)",
            "accepted by the test's verifier", "");

    @TempDir
    Path dir;

    /** A factor package setting the coal oxidation rate to {@code percent}. */
    static Candidate oxidation(String version, String percent) {
        return Candidate.fromFiles(Map.of("ox-coal.factors.yaml", """
                table: ox-coal
                version: "%s"
                factors:
                  - factor: ox_coal
                    value: %s
                    unit: "%%"
                    source: "test: the plant's measured oxidation rate"
                    confidence: A
                """.formatted(version, percent)), "test");
    }

    private Terminal running(boolean verifierRequired) throws Exception {
        SignedPackages.trust(dir.resolve("data"), verifierRequired);
        Terminal t = LatePlant.open(dir.resolve("site"), dir.resolve("data"), QUICK);
        LatePlant.deliver(t, LatePlant.yesterdayEvening());
        // on a loaded machine the window may move past yesterday a moment after the readings settle
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (t.openWindowFrom().orElse(Instant.MIN).isBefore(YESTERDAY.plus(Duration.ofDays(1)))
                || t.store().results().current("coal_combustion", "unit1", Grain.DAY, TimeRange.of(YESTERDAY, YESTERDAY.plusSeconds(1))).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "yesterday did not close within 30 s: window " + t.openWindowFrom());
            Thread.sleep(20);
        }
        LatePlant.settle(t);
        t.lifecycle().selfTestAfter(Duration.ofMillis(200));
        return t;
    }

    private Terminal running() throws Exception {
        return running(false);
    }

    private Candidate signed(String version, String percent, io.tanhe.server.packages.SigningKey key) throws Exception {
        return Candidate.fromPackage(SignedPackages.oxidation(dir.resolve("work"), version, percent, key).toBytes(), "test");
    }

    @Test
    void aFactorUpdateActivatedFromYesterdayRevisesYesterdayKeepingTheOldFigureAndRollsBack() throws Exception {
        try (Terminal t = running()) {
            Store store = t.store();
            assertEquals(108.9, day(store).value(), 1e-9, "60 t × 0.50 × 0.99 × 44/12");

            ConfigPackage p = t.lifecycle().upload(signed("2026.1", "98", SignedPackages.AUTHOR), ADMIN);
            assertEquals("reviewed", p.state(), t.lifecycle().versions().log().getLast().detail());
            assertTrue(p.signatures().contains("author Li Wei (accountant)"), p.signatures());
            Review review = Review.fromJson(p.review());
            Review.Figure combustion = review.figures().stream().filter(f -> f.node().equals("coal_combustion")).findFirst().orElseThrow();
            assertEquals(108.9, combustion.stored(), 1e-9);
            assertEquals(107.8, combustion.replayed(), 1e-9, "60 t × 0.50 × 0.98 × 44/12");
            assertEquals(108.9, day(store).value(), 1e-9, "the review changes nothing");

            assertEquals("staged", t.lifecycle().stage(p.id(), local("2025-10-02T09:30"), ADMIN).state());
            assertEquals(YESTERDAY, store.packages().get(p.id()).orElseThrow().effectiveFrom(), "a package applies from the start of a day");
            assertEquals("self-test", t.lifecycle().activate(p.id(), ADMIN).state());
            awaitClosedDaysRecomputed(t);
            assertEquals(107.8, day(store).value(), 1e-9);
            List<StoredResult> history = store.results().revisions("coal_combustion", "unit1", Grain.DAY, YESTERDAY);
            assertEquals(108.9, history.get(0).result().value(), 1e-9, "the old figure is kept");
            assertTrue(history.get(1).result().reason().contains("configuration package #" + p.id() + " ox-coal 2026.1 activated"),
                    history.get(1).result().reason());
            awaitState(store, p.id(), "active");

            List<ConfigPackage> undone = t.lifecycle().rollback(0, ADMIN);
            assertEquals(List.of("rolled-back"), undone.stream().map(ConfigPackage::state).toList());
            awaitClosedDaysRecomputed(t);
            assertEquals(108.9, day(store).value(), 1e-9, "back to the site file's factors");
            assertEquals(3, store.results().revisions("coal_combustion", "unit1", Grain.DAY, YESTERDAY).size());
            assertEquals(List.of("candidate", "verified", "compiled", "tested", "replayed", "reviewed", "staged", "activating",
                    "self-test", "active", "rolled-back"), t.lifecycle().versions().log().stream().map(s -> s.to()).toList());
            assertEveryStepAudited(t, p.id());
        }
    }

    /**
     * The audit holds every step of the package's way: who (the person for the steps they asked for, the terminal for
     * its own checks and the self-test), when (the terminal's clock), what (the package and from → to).
     */
    private static void assertEveryStepAudited(Terminal t, long id) {
        List<io.tanhe.server.security.audit.AuditEvent> steps = t.audit().query(io.tanhe.server.security.audit.AuditQuery.all()
                        .sorted(io.tanhe.server.security.audit.AuditQuery.Sort.SEQ, false), new AuditActor("auditor", "auditor", "test"))
                .entries().stream().map(io.tanhe.server.security.audit.AuditEntry::event)
                .filter(e -> e.type().startsWith("config.") && !e.type().equals("config.change")).toList(); // config.change: the site file
        assertEquals(List.of("config.upload admin", "config.verified terminal", "config.compiled terminal", "config.tested terminal",
                "config.replayed terminal", "config.reviewed terminal", "config.staged admin", "config.activating admin",
                "config.self-test admin", "config.active terminal", "config.rolled-back admin"),
                steps.stream().map(e -> e.type() + " " + e.user()).toList());
        String previous = null;
        for (io.tanhe.server.security.audit.AuditEvent e : steps) {
            assertEquals(LatePlant.RECEIVED, e.at(), "stamped with the terminal's clock: " + e);
            assertEquals("package #" + id + " ox-coal 2026.1", e.target(), e.toString());
            assertEquals(io.tanhe.server.security.audit.AuditOutcome.SUCCESS, e.outcome(), e.toString());
            if (e.user().equals("admin")) {
                assertEquals("sysadmin", e.role(), e.toString());
                assertEquals("127.0.0.1", e.source(), "the address the request came from: " + e);
            }
            String state = e.type().substring("config.".length());
            if (previous != null) {
                assertTrue(e.detail().startsWith(previous + " → " + state + ": "), "from → to: " + e.detail());
            }
            previous = state.equals("upload") ? "candidate" : state;
        }
        assertTrue(steps.getFirst().detail().contains("factor-update package, 1 files, sha256 "), steps.getFirst().detail());
        assertTrue(steps.get(6).detail().contains("to apply from 2025-10-01T16:00:00Z"), steps.get(6).detail());
        assertTrue(steps.get(9).detail().startsWith("self-test → active: self-test passed: "), steps.get(9).detail());
        assertTrue(steps.getLast().detail().contains("on command, back to the site file's configuration"), steps.getLast().detail());
    }

    @Test
    void aPackageSignedByAnUntrustedKeyIsRefusedAndChangesNothing() throws Exception {
        try (Terminal t = running()) {
            assertRefusedUnchanged(t, signed("2026.1", "98", SignedPackages.STRANGER), "UNTRUSTED_KEY");
            List<io.tanhe.server.security.audit.AuditEvent> refusals = t.audit().query(io.tanhe.server.security.audit.AuditQuery.all()
                    .type("config.refuse"), ADMIN).entries().stream().map(io.tanhe.server.security.audit.AuditEntry::event).toList();
            assertEquals(1, refusals.size(), "the refusal is audited");
            assertEquals(io.tanhe.server.security.audit.AuditOutcome.FAILURE, refusals.getFirst().outcome());
            assertTrue(refusals.getFirst().detail().startsWith("at verified: UNTRUSTED_KEY"), refusals.getFirst().detail());
        }
    }

    @Test
    void aFactorUpdateWithoutTheCountersignatureThePolicyAsksForIsRefused() throws Exception {
        try (Terminal t = running(true)) {
            assertRefusedUnchanged(t, signed("2026.1", "98", SignedPackages.AUTHOR), "MISSING_COUNTERSIGNATURE");
        }
    }

    @Test
    void aPackageWhoseFileChangedAfterSigningIsRefused() throws Exception {
        try (Terminal t = running()) {
            var pkg = SignedPackages.oxidation(dir.resolve("work"), "2026.1", "98", SignedPackages.AUTHOR);
            Map<String, byte[]> files = new java.util.TreeMap<>(pkg.files());
            String path = files.keySet().iterator().next();
            files.put(path, new String(files.get(path), java.nio.charset.StandardCharsets.UTF_8).replace("value: 98", "value: 90")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            var tampered = new io.tanhe.server.packages.ConfigPackage(pkg.manifest(), pkg.manifestBytes(), files, pkg.signatures());
            assertRefusedUnchanged(t, Candidate.fromPackage(tampered.toBytes(), "test"), "FILE_CHANGED");
        }
    }

    @Test
    void aPackageWithABadSignatureIsRefused() throws Exception {
        try (Terminal t = running()) {
            var pkg = SignedPackages.oxidation(dir.resolve("work"), "2026.1", "98", SignedPackages.AUTHOR);
            var s = pkg.signatures().getFirst();
            byte[] broken = s.signature().clone();
            broken[broken.length - 3] ^= 0x5a;
            var forged = new io.tanhe.server.packages.ConfigPackage(pkg.manifest(), pkg.manifestBytes(), pkg.files(),
                    List.of(new io.tanhe.server.packages.PackageSignature(s.role(), s.name(), s.publicKey(), broken)));
            assertRefusedUnchanged(t, Candidate.fromPackage(forged.toBytes(), "test"), "BAD_SIGNATURE");
        }
    }

    @Test
    void plainFilesThatAreNotASignedPackageAreRefused() throws Exception {
        try (Terminal t = running()) {
            assertRefusedUnchanged(t, oxidation("2026.1", "98"), "not a signed package");
        }
    }

    @Test
    void aPackageNamingAFactorTheMethodologyLacksIsRefusedAtCompile() throws Exception {
        try (Terminal t = running()) {
            t.lifecycle().useVerifier(TRUSTING);
            Candidate typo = Candidate.fromFiles(Map.of("x.factors.yaml", """
                    table: typo
                    version: "1"
                    factors:
                      - factor: ox_cole
                        value: 98
                        unit: "%"
                        source: "test"
                        confidence: A
                    """), "test");
            assertRefusedUnchanged(t, typo, "`ox_cole` is not a factor of");
        }
    }

    @Test
    void aPackageWithAUnitOfAnotherDimensionIsRefused() throws Exception {
        try (Terminal t = running()) {
            t.lifecycle().useVerifier(TRUSTING);
            assertRefusedUnchanged(t, Candidate.fromFiles(Map.of("x.factors.yaml", """
                    table: wrong-unit
                    version: "1"
                    factors:
                      - factor: ox_coal
                        value: 98
                        unit: "t"
                        source: "test"
                        confidence: A
                    """), "test"), "ox_coal");
        }
    }

    @Test
    void onlyAReviewedPackageCanBeStagedAndOnlyAStagedOneActivated() throws Exception {
        try (Terminal t = running()) {
            ConfigPackage p = t.lifecycle().upload(signed("2026.1", "98", SignedPackages.AUTHOR), ADMIN);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.lifecycle().activate(p.id(), ADMIN));
            assertTrue(e.getMessage().contains("is reviewed, not staged"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> t.lifecycle().stage(99, null, ADMIN));
        }
    }

    private static void assertRefusedUnchanged(Terminal t, Candidate c, String reason) throws InterruptedException {
        assertTrue(t.store().packages().all().isEmpty(), "a fresh terminal has no package yet");
        var factorsBefore = t.site().factors();
        ConfigPackage p = t.lifecycle().upload(c, ADMIN);
        assertEquals("refused", p.state());
        String detail = t.lifecycle().versions().log().getLast().detail();
        assertTrue(detail.contains(reason), detail);
        assertEquals(factorsBefore, t.site().factors(), "the terminal's configuration is unchanged");
        assertEquals(0, t.store().recomputeQueue().pendingCount(), "nothing is recomputed");
        LatePlant.settle(t);
        assertEquals(1, t.store().results().revisions("coal_combustion", "unit1", Grain.DAY, YESTERDAY).size(), "no figure revised");
    }

    static io.tanhe.server.store.BucketResult day(Store store) {
        return store.results().current("coal_combustion", "unit1", Grain.DAY, TimeRange.of(YESTERDAY, YESTERDAY.plusSeconds(1)))
                .get(0).result();
    }

    /** Waits until no request for a day before the open window's is pending (the window's own day waits for it to close). */
    static void awaitClosedDaysRecomputed(Terminal t) throws InterruptedException {
        LocalDate windowDay = t.openWindowFrom().orElseThrow().atZone(LatePlant.ZONE).toLocalDate();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (t.store().recomputeQueue().firstPendingDay(windowDay).isPresent()) {
            assertTrue(System.nanoTime() < deadline, "closed days not recomputed within 30 s");
            Thread.sleep(20);
        }
        LatePlant.settle(t);
    }

    static void awaitState(Store store, long id, String state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!store.packages().get(id).orElseThrow().state().equals(state)) {
            assertTrue(System.nanoTime() < deadline, "package " + id + " is " + store.packages().get(id).orElseThrow().state()
                    + ", not " + state + ", after 30 s");
            Thread.sleep(20);
        }
    }
}
