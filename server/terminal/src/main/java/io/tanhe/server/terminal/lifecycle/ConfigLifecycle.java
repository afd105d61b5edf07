package io.tanhe.server.terminal.lifecycle;

import io.tanhe.engine.time.Grain;
import io.tanhe.server.recompute.LateDataText;
import io.tanhe.server.security.audit.AuditActor;
import io.tanhe.server.security.audit.AuditEvent;
import io.tanhe.server.security.audit.AuditLog;
import io.tanhe.server.security.audit.AuditOutcome;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.ActivationStep;
import io.tanhe.server.store.ConfigPackage;
import io.tanhe.server.store.ConfigPackages;
import io.tanhe.server.store.LateData;
import io.tanhe.server.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The configuration lifecycle of a running terminal (issue 15): a package is uploaded, verified
 * ({@link CandidateVerifier}), compiled against the site, its in-file tests run, closed days replayed under
 * it (the review), then staged with the measurement time it applies from, activated (applied live and the
 * closed days from that time recomputed as revisions whose reason names the package), self-tested, and
 * rolled back automatically when the self-test fails or on command. Every step is a state in the store
 * ({@link PackageState}) and an entry of the audit; {@link #resume} continues at the next start whatever a
 * kill -9 interrupted. All steps run on one thread ({@code tanhe-config}), one at a time.
 */
public final class ConfigLifecycle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigLifecycle.class);
    /** Days replayed for a review unless told otherwise. */
    public static final int REVIEW_DAYS = 7;
    /** How far back a package may apply from: each day back is a day to recompute. */
    static final Duration MAX_BACKDATE = Duration.ofDays(400);
    /** New validation failures a self-test tolerates (or 1 % of the readings evaluated meanwhile, when more). */
    static final int SELF_TEST_FAILURES = 10;
    private static final String TERMINAL = "terminal";

    private final Site base;
    private final Store store;
    private final AuditLog audit;
    private final LiveTerminal live;
    private final Clock wallClock;
    private volatile Duration selfTestAfter;
    private final ScheduledExecutorService worker;
    private volatile CandidateVerifier verifier;
    private volatile java.util.function.Consumer<PackageState> stepListener = s -> { };
    private volatile int reviewDays = REVIEW_DAYS;

    /**
     * @param base          the site as its file configures it, without packages
     * @param selfTestAfter how long after an activation the self-test judges the terminal
     * @param verifier      checks each package first ({@link TrustPolicyVerifier} in a terminal)
     */
    public ConfigLifecycle(Site base, Store store, AuditLog audit, LiveTerminal live, Clock wallClock, Duration selfTestAfter,
                           CandidateVerifier verifier) {
        this.verifier = verifier;
        this.base = base;
        this.store = store;
        this.audit = audit;
        this.live = live;
        this.wallClock = wallClock;
        this.selfTestAfter = selfTestAfter;
        java.util.concurrent.ScheduledThreadPoolExecutor w = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tanhe-config");
            t.setDaemon(true);
            return t;
        });
        w.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // a pending self-test starts over at the next start
        this.worker = w;
    }

    /** The site file's configuration with the packages the store has applied: what a starting terminal runs. */
    public static Site configured(Site base, Store store) {
        return ActiveConfiguration.of(base, store.packages());
    }

    /** The packages the store has applied now, in the order they were activated (what an evidence bundle records). */
    public static List<ConfigPackage> applied(ConfigPackages packages) {
        return ActiveConfiguration.applied(packages);
    }

    /** {@code base} with {@code applied} layered on it in order: the configuration an evidence bundle's packages give. */
    public static Site configured(Site base, List<ConfigPackage> applied) {
        return ActiveConfiguration.of(base, applied);
    }

    /**
     * Calls {@code listener} on the lifecycle's thread each time a package's new state has been stored (monitoring;
     * the crash tests stop the process there).
     */
    public void onStep(java.util.function.Consumer<PackageState> listener) {
        this.stepListener = listener;
    }

    /** Replaces the verifier (tests trust their own packages). */
    public void useVerifier(CandidateVerifier v) {
        this.verifier = v;
    }

    /** How long after an activation the self-test judges the terminal. */
    public void selfTestAfter(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("the self-test needs a positive time, not " + d);
        }
        this.selfTestAfter = d;
    }

    /** How many closed days a review replays (default {@link #REVIEW_DAYS}). */
    public void reviewDays(int days) {
        if (days < 1 || days > 366) {
            throw new IllegalArgumentException("review days must be 1..366, not " + days);
        }
        this.reviewDays = days;
    }

    /**
     * Takes a package: stores it as a candidate, then verifies, compiles, tests and replays it and stores the
     * review. Returns the package as it ends: {@code reviewed}, or {@code refused} with the reason (the
     * terminal unchanged).
     */
    public ConfigPackage upload(Candidate candidate, AuditActor who) {
        return onWorker(() -> {
            CandidateVerifier.Verification v = verifier.verify(candidate);
            ConfigPackage p = store.packages().add(candidate.kind().code(), candidate.name(), candidate.version(), candidate.encode(),
                    v.signers(), who.user(), wallClock.instant(), PackageState.CANDIDATE.code(), "uploaded by " + who.user()
                            + " from " + who.source());
            audit(who, "config.upload", p, AuditOutcome.SUCCESS, candidate.kind().code() + " package, " + candidate.files().size()
                    + " files, sha256 " + p.sha256());
            stepListener.accept(PackageState.CANDIDATE);
            return check(p, v);
        });
    }

    /**
     * Stages a reviewed package to apply from {@code effectiveFrom} (a measurement time; null: now). A time in the
     * past recomputes the closed days from its day on once activated; factor values apply per day, so the
     * package counts from the start of that local day.
     */
    public ConfigPackage stage(long id, Instant effectiveFrom, AuditActor who) {
        return onWorker(() -> {
            ConfigPackage p = expect(id, PackageState.REVIEWED, "stage");
            Instant now = wallClock.instant();
            Instant from = effectiveFrom == null ? live.watermark().orElse(now) : effectiveFrom;
            if (from.isBefore(now.minus(MAX_BACKDATE))) {
                throw new IllegalArgumentException("effective_from " + from + " is more than " + MAX_BACKDATE.toDays()
                        + " days back; a package applies at most that far back");
            }
            Instant dayStart = from.atZone(base.zone()).toLocalDate().atStartOfDay(base.zone()).toInstant();
            store.packages().setEffectiveFrom(id, dayStart);
            move(p, PackageState.REVIEWED, PackageState.STAGED, who, "to apply from " + dayStart + " (the start of "
                    + from.atZone(base.zone()).toLocalDate() + ", " + base.zone() + ")");
            return store.packages().get(id).orElseThrow();
        });
    }

    /**
     * Activates a staged package: applies it live, asks for the closed days from its effective day to be
     * recomputed, and starts the self-test. Returns the package in {@code self-test}.
     */
    public ConfigPackage activate(long id, AuditActor who) {
        return onWorker(() -> {
            ConfigPackage p = expect(id, PackageState.STAGED, "activate");
            move(p, PackageState.STAGED, PackageState.ACTIVATING, who, "activation begins");
            return finishActivation(store.packages().get(id).orElseThrow(), who);
        });
    }

    /**
     * Rolls back every package applied after {@code toId} (0: every package, back to the site file's
     * configuration): applies what remains live and asks for the closed days they touched to be recomputed.
     *
     * @return the packages rolled back
     */
    public List<ConfigPackage> rollback(long toId, AuditActor who) {
        return onWorker(() -> {
            List<ConfigPackage> applied = ActiveConfiguration.applied(store.packages());
            int keep = toId == 0 ? 0 : indexOf(applied, toId) + 1;
            if (toId != 0 && keep == 0) {
                throw new IllegalArgumentException("package " + toId + " is not applied; roll back to one of "
                        + applied.stream().map(x -> "#" + x.id()).toList() + " or to 0 (the site file's configuration)");
            }
            List<ConfigPackage> undone = applied.subList(keep, applied.size());
            rollBack(undone, who, "on command, back to " + (toId == 0 ? "the site file's configuration" : "package #" + toId));
            return undone.stream().map(x -> store.packages().get(x.id()).orElseThrow()).toList();
        });
    }

    /** Every package and the whole activation log, for {@code GET /api/config/versions} and {@code tanhe config log}. */
    public Versions versions() {
        return new Versions(store.packages().all(), store.packages().log());
    }

    /** The packages and the activation log. */
    public record Versions(List<ConfigPackage> packages, List<ActivationStep> log) {
    }

    /**
     * At a start: continues every package a stop or kill -9 left mid-way — the checks of an upload go on
     * from the last step stored, an activation is finished, a self-test starts over.
     */
    public void resume() {
        for (ConfigPackage p : store.packages().all()) {
            PackageState s = PackageState.of(p.state());
            if (PackageState.CHECKING.contains(s)) {
                LOG.warn("configuration package #{} {} {} was left in {}: resuming its checks", p.id(), p.name(), p.version(), s.code());
                worker.execute(() -> safely(() -> check(p, verifier.verify(Candidate.decode(p.content())))));
            } else if (s == PackageState.ACTIVATING) {
                LOG.warn("configuration package #{} {} {} was left activating: finishing the activation", p.id(), p.name(), p.version());
                worker.execute(() -> safely(() -> finishActivation(p, terminalActor())));
            } else if (s == PackageState.SELF_TEST) {
                LOG.warn("configuration package #{} {} {} was in its self-test at the stop: starting it over", p.id(), p.name(), p.version());
                scheduleSelfTest(p);
            }
        }
    }

    /** Runs the automatic checks from the state {@code start} is in to {@code reviewed}, or refuses the package. */
    private ConfigPackage check(ConfigPackage start, CandidateVerifier.Verification verification) {
        ConfigPackage p = start;
        try {
            Candidate c = Candidate.decode(p.content());
            for (PackageState s = PackageState.of(p.state()); PackageState.CHECKING.contains(s); s = PackageState.of(p.state())) {
                String detail = step(s, p, c, verification);
                p = move(p, s, PackageState.values()[s.ordinal() + 1], terminalActor(), detail);
            }
            return p;
        } catch (PackageRefusedException e) {
            return refuse(p, e.step(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("configuration package #{}: checking failed: {}", p.id(), e.toString(), e);
            return refuse(p, PackageState.of(p.state()), "checking failed: " + e.getMessage());
        }
    }

    /**
     * The check that takes a package out of {@code state} (into the next one): what it found, for the log.
     *
     * @throws PackageRefusedException when it fails
     */
    private String step(PackageState state, ConfigPackage p, Candidate c, CandidateVerifier.Verification verification) {
        return switch (state) {
            case CANDIDATE -> {
                if (!verification.accepted()) {
                    throw new PackageRefusedException(verification.refusedAt(), verification.reason());
                }
                yield "signed by " + verification.signers() + "; " + verification.reason();
            }
            case VERIFIED -> switch (c.kind()) {
                case FACTORS -> {
                    FactorPackage f = FactorPackage.compile(c, base);
                    yield f.library().values().size() + " factor values of " + f.library().factorNames();
                }
                case THRESHOLDS -> {
                    ThresholdPackage t = ThresholdPackage.compile(c, base);
                    yield t.thresholds().size() + " thresholds: " + t.thresholds().stream().map(x -> x.id()).toList()
                            + " (they apply from the activation on; closed days are not recomputed for them)";
                }
                case METHODOLOGY -> {
                    Site site = MethodologyPackage.compile(c, base).site();
                    yield "methodology " + site.methodology().id() + " " + site.methodology().version() + " (content "
                            + site.methodology().contentHash().substring(0, 12) + ") compiles against this site with its bindings; "
                            + site.rules().sources().size() + " rules files compile; " + site.thresholds().size() + " thresholds";
                }
            };
            case COMPILED -> verification.tests().isEmpty() ? "the package holds no in-file tests" : verification.tests();
            case TESTED -> {
                Review review = replay(p);
                store.packages().saveReview(p.id(), review.toJson(), review.summary());
                yield review.summary();
            }
            case REPLAYED -> "review stored with the package: " + p.reviewSummary();
            default -> throw new IllegalStateException("package #" + p.id() + " is " + state.code() + ": not a checking step");
        };
    }

    /** The review of the package: the closed days before the open window replayed with it applied from the first of them. */
    private Review replay(ConfigPackage p) {
        Optional<Instant> window = live.openWindowFrom();
        LocalDate to = window.map(w -> w.atZone(base.zone()).toLocalDate()).orElse(wallClock.instant().atZone(base.zone()).toLocalDate());
        LocalDate from = to.minusDays(reviewDays);
        Site under = withPackage(p, from.atStartOfDay(base.zone()).toInstant());
        return DryRun.review(under, store, from, to, Grain.DAY, true, wallClock);
    }

    /** The current configuration with {@code p} layered on top, applying from {@code from}. */
    private Site withPackage(ConfigPackage p, Instant from) {
        List<ConfigPackage> layers = new ArrayList<>(ActiveConfiguration.applied(store.packages()));
        layers.add(new ConfigPackage(p.id(), p.kind(), p.name(), p.version(), p.content(), p.sha256(), p.signatures(), p.uploadedBy(),
                p.uploadedAt(), p.state(), from, p.review(), p.reviewSummary()));
        return ActiveConfiguration.of(base, layers);
    }

    private ConfigPackage refuse(ConfigPackage p, PackageState step, String reason) {
        PackageState from = PackageState.of(p.state());
        store.packages().move(p.id(), from.code(), PackageState.REFUSED.code(), TERMINAL, wallClock.instant(),
                "refused at " + step.code() + ": " + reason);
        audit(terminalActor(), "config.refuse", p, AuditOutcome.FAILURE, "at " + step.code() + ": " + reason);
        LOG.warn("configuration package #{} {} {} refused at {}: {}", p.id(), p.name(), p.version(), step.code(), reason);
        stepListener.accept(PackageState.REFUSED);
        return store.packages().get(p.id()).orElseThrow();
    }

    private ConfigPackage finishActivation(ConfigPackage p, AuditActor who) {
        String label = label(p);
        Site site = ActiveConfiguration.of(base, store.packages());
        live.apply(site, "configuration " + label + " activated");
        if (!p.kind().equals(Candidate.Kind.THRESHOLDS.code())) {
            requestRecompute(p.effectiveFrom(), label + " activated from " + p.effectiveFrom());
        }
        ConfigPackage moved = move(p, PackageState.ACTIVATING, PackageState.SELF_TEST, who, "applied live; closed days from "
                + p.effectiveFrom().atZone(base.zone()).toLocalDate() + " recompute as revisions; self-test for " + selfTestAfter);
        scheduleSelfTest(moved);
        return moved;
    }

    private void scheduleSelfTest(ConfigPackage p) {
        Baseline before = new Baseline(live.acknowledged(), live.evaluated(), live.validationFailures());
        worker.schedule(() -> safely(() -> selfTest(p.id(), before)), selfTestAfter.toMillis(), TimeUnit.MILLISECONDS);
    }

    private record Baseline(long acknowledged, long evaluated, long failures) {
    }

    private void selfTest(long id, Baseline before) {
        ConfigPackage p = store.packages().get(id).orElseThrow();
        if (PackageState.of(p.state()) != PackageState.SELF_TEST) {
            return; // rolled back meanwhile
        }
        long acknowledged = live.acknowledged() - before.acknowledged();
        long evaluated = live.evaluated() - before.evaluated();
        long failures = live.validationFailures() - before.failures();
        long bound = Math.max(SELF_TEST_FAILURES, evaluated / 100);
        String failed = !live.deadWorkers().isEmpty() ? "workers died: " + live.deadWorkers()
                : acknowledged > 0 && evaluated == 0 ? acknowledged + " readings stored but evaluation did not advance"
                : failures > bound ? failures + " new validation failures (at most " + bound + " allowed)" : null;
        String counts = acknowledged + " readings stored, " + evaluated + " evaluated, " + failures + " validation failures in "
                + selfTestAfter;
        if (failed == null) {
            move(p, PackageState.SELF_TEST, PackageState.ACTIVE, terminalActor(), "self-test passed: " + counts);
        } else {
            LOG.error("configuration package #{} {}: self-test failed ({}); rolling it back", p.id(), label(p), failed);
            rollBack(List.of(p), terminalActor(), "self-test failed: " + failed + " (" + counts + ")");
        }
    }

    /**
     * Applies the configuration without {@code undone} and asks for the days from the earliest of their effective days to be
     * recomputed, then stores their new state: a kill -9 before the state is stored leaves them applied at the next start
     * (a rollback on command is not done and can be asked again; a failing self-test starts over and fails again), never
     * rolled back with days still computed under them.
     */
    private void rollBack(List<ConfigPackage> undone, AuditActor who, String why) {
        if (undone.isEmpty()) {
            return;
        }
        java.util.Set<Long> ids = new java.util.HashSet<>();
        Instant earliest = null;
        for (ConfigPackage p : undone) {
            ids.add(p.id());
            earliest = earliest == null || p.effectiveFrom().isBefore(earliest) ? p.effectiveFrom() : earliest;
        }
        List<ConfigPackage> remaining = ActiveConfiguration.applied(store.packages()).stream().filter(p -> !ids.contains(p.id())).toList();
        String labels = undone.stream().map(ConfigLifecycle::label).reduce((a, b) -> a + ", " + b).orElseThrow();
        live.apply(ActiveConfiguration.of(base, remaining), "configuration " + labels + " rolled back");
        requestRecompute(earliest, labels + " rolled back");
        for (ConfigPackage p : undone) {
            ConfigPackage now = store.packages().get(p.id()).orElseThrow();
            move(now, PackageState.of(now.state()), PackageState.ROLLED_BACK, who, why);
        }
    }

    /** Asks the recompute job to recompute the days from {@code from}'s day through the open window's day, naming {@code why}. */
    private void requestRecompute(Instant from, String why) {
        Optional<Instant> window = live.openWindowFrom();
        if (window.isEmpty()) {
            return; // no data yet: nothing stored to revise
        }
        LocalDate last = window.get().atZone(base.zone()).toLocalDate();
        Instant now = wallClock.instant();
        String point = LateDataText.CONFIGURATION + clip(why);
        List<LateData> days = new ArrayList<>();
        for (LocalDate d = from.atZone(base.zone()).toLocalDate(); !d.isAfter(last); d = d.plusDays(1)) {
            days.add(new LateData(d, point, 1, now)); // one change of configuration
        }
        store.recomputeQueue().request(days, now);
    }

    private static String clip(String s) {
        int max = io.tanhe.server.store.Limits.ID - LateDataText.CONFIGURATION.length();
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private ConfigPackage expect(long id, PackageState state, String action) {
        ConfigPackage p = store.packages().get(id)
                .orElseThrow(() -> new IllegalArgumentException("no configuration package " + id + "; `tanhe config log` lists them"));
        if (PackageState.of(p.state()) != state) {
            throw new IllegalStateException("package #" + id + " is " + p.state() + ", not " + state.code() + ": only a "
                    + state.code() + " package can be " + (action.endsWith("e") ? action + "d" : action + "ed"));
        }
        return p;
    }

    private ConfigPackage move(ConfigPackage p, PackageState from, PackageState to, AuditActor who, String detail) {
        if (!store.packages().move(p.id(), from.code(), to.code(), who.user(), wallClock.instant(), detail)) {
            throw new IllegalStateException("package #" + p.id() + " is no longer " + from.code() + "; someone else moved it");
        }
        audit(who, "config." + to.code(), p, AuditOutcome.SUCCESS, from.code() + " → " + to.code() + ": " + detail);
        LOG.info("configuration {}: {} → {}: {}", label(p), from.code(), to.code(), detail);
        stepListener.accept(to);
        return store.packages().get(p.id()).orElseThrow();
    }

    private void audit(AuditActor who, String type, ConfigPackage p, AuditOutcome outcome, String detail) {
        audit.record(new AuditEvent(wallClock.instant(), who.user(), who.role(), who.source(), type, label(p), outcome, detail));
    }

    private static String label(ConfigPackage p) {
        return "package #" + p.id() + " " + p.name() + " " + p.version();
    }

    private static AuditActor terminalActor() {
        return new AuditActor(TERMINAL, "-", "local");
    }

    private static int indexOf(List<ConfigPackage> list, long id) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).id() == id) {
                return i;
            }
        }
        return -1;
    }

    private void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.error("configuration lifecycle step failed: {}", e.toString(), e);
        }
    }

    private <T> T onWorker(java.util.concurrent.Callable<T> step) {
        try {
            return worker.submit(step).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the configuration step");
        }
    }

    /** Stops the worker; a step in progress finishes (its state is stored), a pending self-test starts over at the next start. */
    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
