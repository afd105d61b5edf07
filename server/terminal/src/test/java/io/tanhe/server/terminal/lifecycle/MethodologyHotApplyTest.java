package io.tanhe.server.terminal.lifecycle;

import io.tanhe.engine.time.Grain;
import io.tanhe.server.recompute.LatePlant;
import io.tanhe.server.security.audit.AuditActor;
import io.tanhe.server.store.ActivationStep;
import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.ConfigPackage;
import io.tanhe.server.store.Store;
import io.tanhe.server.store.StoredResult;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.terminal.Terminal;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

import static io.tanhe.server.recompute.LatePlant.local;
import static io.tanhe.server.terminal.lifecycle.ConfigLifecycleTest.awaitClosedDaysRecomputed;
import static io.tanhe.server.terminal.lifecycle.ConfigLifecycleTest.awaitState;
import static io.tanhe.server.terminal.lifecycle.ConfigLifecycleTest.day;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A methodology package on a running terminal with its rules (the late-data plant, cn.power-generation 2022.1): a new
 * version (coal combustion halved) applied live from yesterday and rolled back, one whose rules judge every coal
 * reading invalid rolled back by its failing self-test, and one whose DRL does not compile refused.
 */
@Tag("slow")
@Timeout(240)
class MethodologyHotApplyTest {
    private static final Duration QUICK = Duration.ofMillis(50);
    private static final Instant YESTERDAY = local("2025-10-02T00:00");
    private static final Instant TODAY_TEN = local("2025-10-03T10:00");
    private static final AuditActor ADMIN = new AuditActor("admin", "sysadmin", "127.0.0.1");
    /** A validation rule that judges every reading of the coal scale invalid: a methodology that breaks the terminal. */
    private static final String EVERY_COAL_READING_INVALID = """
            rule "test: every coal reading is invalid"
            when
                $o : ObservationFact(point == "coal_burned")
            then
                verdicts.invalid(kcontext, $o, "test: this methodology judges every coal reading invalid");
            end
            """;

    @TempDir
    Path dir;

    private Terminal running() throws Exception {
        SignedPackages.trust(dir.resolve("data"), false);
        Terminal t = LatePlant.open(dir.resolve("site"), dir.resolve("data"), QUICK, true);
        LatePlant.deliver(t, LatePlant.yesterdayEvening());
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

    private Candidate methodology(String version, String extraRule) throws Exception {
        return Candidate.fromPackage(SignedPackages.methodology(dir.resolve("work"), version, extraRule).toBytes(), "test");
    }

    @Test
    void aNewMethodologyVersionActivatedFromYesterdayRecomputesUnderItWithoutARestartAndRollsBack() throws Exception {
        try (Terminal t = running()) {
            Store store = t.store();
            assertEquals(108.9, day(store).value(), 1e-9, "60 t × 0.50 × 0.99 × 44/12");
            assertEquals("2022.1", day(store).methodology().version());

            ConfigPackage p = t.lifecycle().upload(methodology("2022.2", ""), ADMIN);
            assertEquals("reviewed", p.state(), t.lifecycle().versions().log().getLast().detail());
            assertTrue(p.signatures().contains("verifier Verification body (test)"), p.signatures());
            Review.Figure combustion = Review.fromJson(p.review()).figures().stream()
                    .filter(f -> f.node().equals("coal_combustion")).findFirst().orElseThrow();
            assertEquals(108.9, combustion.stored(), 1e-9);
            assertEquals(54.45, combustion.replayed(), 1e-9, "the review replays yesterday under the halved formula");
            assertEquals("2022.1", t.site().methodology().version(), "the review changes nothing");

            t.lifecycle().stage(p.id(), YESTERDAY, ADMIN);
            t.lifecycle().activate(p.id(), ADMIN);
            assertEquals("2022.2", t.site().methodology().version(), "the new version runs at once, without a restart");
            awaitClosedDaysRecomputed(t);
            BucketResult revised = day(store);
            assertEquals(54.45, revised.value(), 1e-9);
            assertEquals("2022.2", revised.methodology().version(), "the revision names the version it was computed with");
            assertTrue(revised.reason().contains("cn.power-generation 2022.2 activated"), revised.reason());
            assertEquals(108.9, store.results().revisions("coal_combustion", "unit1", Grain.DAY, YESTERDAY).getFirst().result().value(), 1e-9,
                    "the old figure is kept");

            // live evaluation computes with the new plan: today's hours are halved too
            LatePlant.deliver(t, LatePlant.hourlyCoal(local("2025-10-03T03:00"), local("2025-10-03T14:00"), 1270));
            awaitFigure(() -> hour(store, TODAY_TEN).value(), 9.075, "today's 10:00 hour: 10 t × 0.50 × 0.99 × 44/12 × 0.5");
            assertEquals("2022.2", hour(store, TODAY_TEN).methodology().version());
            awaitState(store, p.id(), "active");

            t.lifecycle().rollback(0, ADMIN);
            assertEquals("2022.1", t.site().methodology().version());
            awaitClosedDaysRecomputed(t);
            awaitFigure(() -> day(store).value(), 108.9, "yesterday, back under the site file's methodology");
            assertEquals("2022.1", day(store).methodology().version());
            awaitFigure(() -> hour(store, TODAY_TEN).value(), 18.15, "today's 10:00 hour, the open window rebuilt under the site file's methodology");
        }
    }

    @Test
    void aMethodologyWhoseRulesJudgeEveryReadingInvalidFailsItsSelfTestAndIsRolledBack() throws Exception {
        try (Terminal t = running()) {
            Store store = t.store();
            t.lifecycle().selfTestAfter(Duration.ofSeconds(4));
            ConfigPackage p = t.lifecycle().upload(methodology("2022.3", EVERY_COAL_READING_INVALID), ADMIN);
            assertEquals("reviewed", p.state(), t.lifecycle().versions().log().getLast().detail());
            t.lifecycle().stage(p.id(), YESTERDAY, ADMIN);
            assertEquals("self-test", t.lifecycle().activate(p.id(), ADMIN).state());
            long invalidBefore = t.stats().invalid();
            LatePlant.deliver(t, LatePlant.hourlyCoal(local("2025-10-03T03:00"), local("2025-10-03T22:00"), 1270));
            assertEquals(20, t.stats().invalid() - invalidBefore, "the package's rules judge every new coal reading invalid");

            awaitState(store, p.id(), "rolled-back");
            ActivationStep last = store.packages().log().getLast();
            assertEquals("self-test", last.from());
            assertEquals("terminal", last.actor());
            assertTrue(last.detail().startsWith("self-test failed: 20 new validation failures (at most 10 allowed)"), last.detail());
            assertEquals(List.of("candidate", "verified", "compiled", "tested", "replayed", "reviewed", "staged", "activating", "self-test",
                    "rolled-back"), store.packages().log().stream().map(ActivationStep::to).toList());
            assertEquals("2022.1", t.site().methodology().version());

            // the state is stored first, then the configuration without the package applied and the days recomputed
            awaitFigure(() -> day(store).value(), 108.9, "yesterday's figure restored");
            awaitFigure(() -> hour(store, TODAY_TEN).value(), 18.15, "today's 10:00 hour: the readings count again under the site file's rules");
            var audit = t.audit().query(io.tanhe.server.security.audit.AuditQuery.all().type("config.rolled-back"), ADMIN).entries()
                    .stream().map(io.tanhe.server.security.audit.AuditEntry::event).toList();
            assertEquals(1, audit.size());
            assertEquals("terminal", audit.getFirst().user());
            assertTrue(audit.getFirst().detail().contains("self-test failed"), audit.getFirst().detail());
        }
    }

    @Test
    void aMethodologyPackageWhoseRulesDoNotCompileIsRefusedWithFileAndLineAndChangesNothing() throws Exception {
        try (Terminal t = running()) {
            t.lifecycle().useVerifier(ConfigLifecycleTest.TRUSTING);
            Candidate good = methodology("2022.4", "");
            TreeMap<String, String> files = new TreeMap<>(good.files());
            String drl = "power-generation-2022/power-generation-2022.validation.drl";
            int lines = files.get(drl).split("\n", -1).length;
            files.put(drl, files.get(drl) + "rule \"broken\"\nwhen\n    $o : ObservationFact(point == )\nthen\nend\n");
            Candidate broken = new Candidate(Candidate.Kind.METHODOLOGY, good.name(), good.version(), files, "");
            ConfigPackage p = t.lifecycle().upload(broken, ADMIN);
            assertEquals("refused", p.state());
            String detail = store(t).packages().log().getLast().detail();
            assertTrue(detail.startsWith("refused at compiled: the rules do not compile: power-generation-2022/power-generation-2022"
                    + ".validation.drl:" + (lines + 2)), detail);
            assertEquals("2022.1", t.site().methodology().version(), "the terminal is unchanged");
            assertEquals(0, t.store().recomputeQueue().pendingCount(), "nothing is recomputed");
        }
    }

    /** Waits up to 60 s for {@code figure} to be {@code expected} (the recompute job and the evaluation thread work on their own). */
    private static void awaitFigure(java.util.function.DoubleSupplier figure, double expected, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        double now = Double.NaN;
        while (System.nanoTime() < deadline) {
            try {
                now = figure.getAsDouble();
            } catch (AssertionError notYet) {
                now = Double.NaN;
            }
            if (Math.abs(now - expected) < 1e-6) {
                return;
            }
            Thread.sleep(50);
        }
        assertEquals(expected, now, 1e-6, what + " within 60 s");
    }

    private static Store store(Terminal t) {
        return t.store();
    }

    private static BucketResult hour(Store store, Instant start) {
        List<StoredResult> r = store.results().current("coal_combustion", "unit1", Grain.HOUR, TimeRange.of(start, start.plusSeconds(1)));
        assertEquals(1, r.size(), "one stored figure of the hour from " + start);
        return r.getFirst().result();
    }
}
