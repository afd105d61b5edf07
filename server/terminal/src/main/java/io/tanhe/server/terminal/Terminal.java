package io.tanhe.server.terminal;

import io.tanhe.server.evaluation.Replay;
import io.tanhe.server.evaluation.EvaluatorFactory;
import io.tanhe.drivers.failover.SourceSwitch;
import io.tanhe.drivers.schedule.Acquisition;
import io.tanhe.engine.incremental.IncrementalEvaluator;
import io.tanhe.engine.rules.CompiledRules;
import io.tanhe.engine.rules.RuleCompiler;
import io.tanhe.engine.rules.RulesEngine;
import io.tanhe.engine.rules.RulesRejectedException;
import io.tanhe.engine.rules.alert.Severity;
import io.tanhe.engine.rules.fact.SourceSwitchFact;
import io.tanhe.server.measurement.MeasurementJob;
import io.tanhe.server.recompute.RecomputeJob;
import io.tanhe.server.terminal.lifecycle.ConfigLifecycle;
import io.tanhe.server.terminal.lifecycle.LiveSite;
import io.tanhe.server.terminal.lifecycle.LiveTerminal;
import io.tanhe.server.terminal.lifecycle.SiteChange;
import io.tanhe.server.terminal.lifecycle.SiteVersions;
import io.tanhe.server.terminal.lifecycle.TrustPolicyVerifier;
import io.tanhe.grammar.config.ConfigPlace;
import io.tanhe.grammar.config.ConfigProblem;
import io.tanhe.grammar.config.InvalidConfigException;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.Event;
import io.tanhe.server.store.EventKind;
import io.tanhe.server.store.NewAlert;
import io.tanhe.server.security.audit.AuditEvent;
import io.tanhe.server.security.audit.AuditLog;
import io.tanhe.server.security.audit.AuditOutcome;
import io.tanhe.server.security.audit.AuditSettings;
import io.tanhe.server.security.config.SealedConfigs;
import io.tanhe.server.security.crypto.DeviceKey;
import io.tanhe.server.security.identity.DeviceIdentity;
import io.tanhe.server.store.ConfigVersion;
import io.tanhe.server.store.Store;
import io.tanhe.server.uplink.Uplink;
import io.tanhe.server.uplink.UplinkEnvironment;
import io.tanhe.server.store.StoreHealth;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.jdbc.JdbcStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * A running terminal: store, rules, evaluator and its thread, intake, the drivers' acquisition,
 * and the recompute of closed days that late data changed ({@link RecomputeJob}), wired as
 * docs/site.md describes. An HTTP API is attached from above ({@link #attachApi}); the terminal only
 * announces its address and stops it in order. {@link #open} starts everything but the drivers
 * (and rebuilds the open buckets from the store); {@link #startAcquisition} or the demo's simulated
 * clock then feeds it; {@link #close} stops the drivers, drains the pipeline, writes the last buckets
 * and closes the store.
 */
public final class Terminal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Terminal.class);
    /** How often the measurement job looks for closed hours: a few seconds, so the demo at speed keeps up. */
    private static final java.time.Duration MEASUREMENT_IDLE = java.time.Duration.ofSeconds(2);

    /** The note of a saved site version: this prefix and the site file's absolute path (reports find the site by it). */
    public static final String SITE_NOTE = "site file ";

    /** The site as configured now: the site file with the activated configuration packages (changes live, see {@link #lifecycle}). */
    private volatile Site site;
    /** The site as its file configures it, without packages. */
    private final Site baseSite;
    private final ConfigLifecycle lifecycle;
    private final Store store;
    private Uplink uplink;
    private final java.nio.file.Path dataDir;
    private final RulesEngine rules;
    private final EvaluationLoop loop;
    private final Intake intake;
    private final TerminalStats stats;
    private final OpenWindow window;
    private final Thread thread;
    private final Instant startedAt;
    private final Clock wallClock;
    private final DeviceIdentity identity;
    private final AuditLog audit;
    private final SealedConfigs configs;
    private final SiteVersions siteVersions;
    /** The audit's retention (daily) and the heap trim (every few seconds). */
    private final java.util.concurrent.ScheduledExecutorService housekeeping;
    private RecomputeJob recomputeJob;
    private Clock uplinkClock;
    /** The measurement method's figures, when the site has a {@code measurement:} block. */
    private volatile MeasurementJob measurementJob;
    private String apiAddress;
    private Runnable stopApi;
    private Acquisition acquisition;
    private boolean closed;
    private boolean noteWritten;
    /** Workers that died, by thread name: the terminal no longer works as it should (see {@link #onFailure}). */
    private final Map<String, String> dead = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Consumer<String> onFailure;
    private static final List<Terminal> OPEN = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Terminal(Site base, String fileText, Store store, RulesEngine rules, TerminalSettings settings, Clock wallClock) {
        this.baseSite = base;
        Site site = ConfigLifecycle.configured(base, store);
        this.site = site;
        this.store = store;
        this.rules = rules;
        this.stats = new TerminalStats(deviceIds(site));
        this.startedAt = wallClock.instant();
        this.wallClock = wallClock;
        this.dataDir = settings.dataDir();
        this.identity = DeviceIdentity.loadOrCreate(dataDir);
        this.audit = AuditLog.open(store::connect, identity, wallClock, AuditSettings.defaults());
        this.configs = SealedConfigs.open(store::connect, store.configs(), DeviceKey.loadOrCreate(dataDir), identity);
        this.housekeeping = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tanhe-housekeeping");
            t.setDaemon(true);
            return t;
        });
        IncrementalEvaluator evaluator = EvaluatorFactory.create(site);
        this.window = new OpenWindow(site.zone(), site.lateWindow());
        BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        evaluator.setClosingDelay(site.closeAfter());
        ResultWriter writer = new ResultWriter(evaluator, store.results(), site.methodology(), rules, stats, wallClock,
                site.closeAfter(), calendar(site));
        this.loop = new EvaluationLoop(site, evaluator, rules, writer, window, stats, queue, settings.flushInterval(),
                new LateRequests(site, store.recomputeQueue(), wallClock), settings.dataDir());
        this.intake = new Intake(site, store.readings(), queue, stats, wallClock, window, settings.dataDir());
        this.thread = new Thread(loop, "tanhe-eval");
        this.lifecycle = new ConfigLifecycle(base, store, audit, new Live(), wallClock, SELF_TEST_AFTER,
                new TrustPolicyVerifier(new io.tanhe.server.packages.TrustStore(dataDir, identity)));
        this.thread.setUncaughtExceptionHandler((t, e) -> workerDied(t.getName(), e));
        io.tanhe.server.site.SiteLoader loader = settings.siteLoader();
        java.nio.file.Path siteDir = java.util.Optional.ofNullable(java.nio.file.Path.of(base.origin()).toAbsolutePath().getParent())
                .orElse(java.nio.file.Path.of("").toAbsolutePath());
        this.siteVersions = new SiteVersions(configs, store.configs(), audit, wallClock,
                loader == null ? null : text -> loader.parse(text, base.origin(), siteDir), new LiveSiteFile(), fileText, base.origin());
        if (rules != null && site != base) {
            // the rules started with the site file's; activated packages may ship others and change thresholds
            if (!site.rules().equals(base.rules())) {
                reloadRules(site, "activated configuration packages");
            }
            rules.setThresholds(site.thresholds());
        }
    }

    /** Swaps the running rules for {@code updated}'s (compiled in the background; the running ones stay when they do not compile). */
    private void reloadRules(Site updated, String reason) {
        switch (rules.reload(updated.rules()).join()) {
            case io.tanhe.engine.rules.ReloadOutcome.Applied a -> LOG.info("rules switched to {} ({} ms to compile, paused {} µs): {}",
                    a.version(), a.compileMillis(), a.swapMicros(), reason);
            case io.tanhe.engine.rules.ReloadOutcome.Rejected r -> LOG.error("rules of {} do not compile, the running rules stay: {}",
                    reason, r.problems());
        }
    }

    /** The site's sources and their backups: the devices whose readings the metrics count. */
    private static List<String> deviceIds(Site site) {
        java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();
        site.drivers().sources().forEach(s -> ids.add(s.id()));
        ids.addAll(site.drivers().backups().values());
        return List.copyOf(ids);
    }

    /**
     * Threads whose death stops the terminal from doing its job: evaluation, the store's writer and
     * retention, the recompute job, polling, the demo's clock and the uplink's centres.
     */
    static boolean isWorker(String thread) {
        return (thread.startsWith("tanhe-") || thread.startsWith("uplink-"))
                && !thread.equals("tanhe-shutdown") && !thread.equals("tanhe-summary") && !thread.equals("tanhe-fatal");
    }

    private static synchronized void watchWorkers() {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        if (previous instanceof WorkerWatch) {
            return;
        }
        Thread.setDefaultUncaughtExceptionHandler(new WorkerWatch(previous));
    }

    /** The JVM's default handler while a terminal runs: a worker that dies is reported to the open terminals. */
    private record WorkerWatch(Thread.UncaughtExceptionHandler previous) implements Thread.UncaughtExceptionHandler {
        @Override
        public void uncaughtException(Thread t, Throwable e) {
            if (isWorker(t.getName()) && !OPEN.isEmpty()) {
                OPEN.forEach(terminal -> terminal.workerDied(t.getName(), e));
            } else if (previous != null) {
                previous.uncaughtException(t, e);
            } else {
                System.err.print("Exception in thread \"" + t.getName() + "\" ");
                e.printStackTrace();
            }
        }
    }

    /**
     * A worker died (an uncaught exception or error, such as OutOfMemoryError): logged, recorded as a
     * {@code WORKER_FAILURE} event, shown by {@link #deadWorkers} (the status API), and handed to the
     * {@link #onFailure} listener — the CLI stops the process with a non-zero exit so that a service
     * manager restarts it (a restart rebuilds everything from the store).
     */
    void workerDied(String name, Throwable e) {
        dead.put(name, e.toString());
        try {
            LOG.error("worker {} died; the terminal cannot go on without it", name, e);
        } catch (Throwable ignored) {
            // logging itself failed (out of memory): the listener below still stops the process
        }
        try {
            store.events().append(new Event(wallClock.instant(), EventKind.WORKER_FAILURE, name,
                    "worker " + name + " died: " + e, "{}"));
        } catch (Throwable x) {
            try {
                LOG.error("could not record the failure of worker {}: {}", name, x.toString());
            } catch (Throwable ignored) {
                // nothing more to do
            }
        }
        Consumer<String> listener = onFailure;
        if (listener != null) {
            listener.accept("worker " + name + " died: " + e);
        }
    }

    private volatile Consumer<String> onRestart = why -> LOG.warn("a restart was asked ({}) but nothing here restarts the"
            + " terminal; stop it and start it again", why);

    /**
     * Asks whoever runs the terminal to stop it and start it again (a restore was ordered: the start applies it).
     * The CLI exits with the code its service manager restarts on; a terminal embedded elsewhere logs the request.
     */
    public void requestRestart(String why) {
        onRestart.accept(why);
    }

    /** Who stops and restarts the terminal when {@link #requestRestart} is called. */
    public void onRestart(Consumer<String> action) {
        this.onRestart = java.util.Objects.requireNonNull(action, "action");
    }

    /** Called (once per dead worker, on the dying thread) when a worker dies; the CLI exits non-zero. */
    public void onFailure(Consumer<String> listener) {
        this.onFailure = listener;
        if (!dead.isEmpty()) {
            listener.accept("worker(s) died: " + dead);
        }
    }

    /**
     * Every worker's health by thread name: {@code ok} with its thread state while it runs, {@code dead: …} with
     * what killed it. Workers are the threads {@link #isWorker} names (evaluation, store writer, retention,
     * recompute, polling, the uplink's centres).
     */
    public Map<String, String> workerHealth() {
        Map<String, String> out = new java.util.TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (isWorker(t.getName()) && t.isAlive()) {
                out.put(t.getName(), "ok (" + t.getState().name().toLowerCase(java.util.Locale.ROOT) + ")");
            }
        }
        dead.forEach((name, cause) -> out.put(name, "dead: " + cause));
        return out;
    }

    /** Workers that died, by thread name, with what killed them; empty while all run. */
    public Map<String, String> deadWorkers() {
        return Map.copyOf(dead);
    }

    /**
     * Opens the store in {@code settings.dataDir()}, starts the rules, rebuilds the open buckets from the
     * stored readings and starts evaluation. The drivers are not started yet.
     *
     * @throws InvalidConfigException when the site's rules do not compile (nothing is left running)
     */
    public static Terminal open(Site site, TerminalSettings settings, Clock wallClock) {
        // the rule base (Drools, a fifth of a start's main-thread time) is built on its own thread while the store opens
        // and migrates; rules that do not compile still stop the start with the same error, which comes first as when
        // they were built before the store opened, and what was opened is closed
        RuleCompiler.Pending building = settings.rules() ? new RuleCompiler().compileInBackground(site.rules()) : null;
        RulesEngine rules = null;
        Store store;
        java.util.Optional<RestoreOrder> restore;
        try {
            // a restore ordered on the running terminal is applied before anything reads the store (docs/operations.md),
            // and only with rules that compile, so that a start refused for its rules leaves the order as it was
            restore = RestoreOrder.pending(settings.dataDir());
            if (restore.isPresent() && building != null) {
                rules = startRules(site, building);
            }
            var storeSettings = site.store().settings(settings.dataDir()).withRetention(site.retention(),
                    java.time.Duration.ofHours(1), 500);
            store = restore.isPresent() ? restore.get().apply(storeSettings) : JdbcStore.open(storeSettings);
        } catch (RuntimeException e) {
            if (rules != null) {
                rules.close();
            } else {
                throwIfRejected(site, building, e);
            }
            throw e;
        }
        Terminal t;
        String fileText = site.text();
        Site running = site;
        try {
            running = pushedVersion(site, store, settings);
            if (rules == null && building != null) {
                rules = startRules(site, building);
            }
            t = new Terminal(running, fileText, store, rules, settings, wallClock);
        } catch (RuntimeException e) {
            store.close(); // the rules, identity, key or audit could not be opened: leave nothing open
            if (rules != null) {
                rules.close();
            }
            if (running != site) {
                running.close();
            }
            if (rules == null && !(e instanceof InvalidConfigException)) {
                throwIfRejected(site, building, e);
            }
            throw e;
        }
        if (restore.isPresent()) {
            try {
                restore.get().complete(settings.dataDir(), t.audit(), wallClock.instant());
            } catch (java.io.IOException e) {
                t.close();
                throw new java.io.UncheckedIOException("the store was restored but " + settings.dataDir().resolve(RestoreOrder.FILE)
                        + " could not be removed: " + e.getMessage() + "; the next start restores it again", e);
            }
        }
        watchWorkers();
        OPEN.add(t);
        try {
            t.start(settings);
            return t;
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
    }

    /**
     * The site to start with: {@code fromFile}, or the latest version pushed to a terminal started from that same file
     * (docs/lifecycle.md "Site file changes"): a push stored but not applied before a kill -9 runs now. Only devices
     * and centres differ between the two, so the rules started for the file's site stand.
     */
    private static Site pushedVersion(Site fromFile, Store store, TerminalSettings settings) {
        if (settings.siteLoader() == null) {
            return fromFile;
        }
        SealedConfigs sealed = SealedConfigs.open(store::connect, store.configs(), DeviceKey.loadOrCreate(settings.dataDir()),
                DeviceIdentity.loadOrCreate(settings.dataDir()));
        Optional<SealedConfigs.Opened> pushed = SiteVersions.pushedAtStart(sealed, fromFile.text());
        if (pushed.isEmpty() || pushed.get().text().equals(fromFile.text())) {
            return fromFile;
        }
        java.nio.file.Path dir = java.util.Optional.ofNullable(java.nio.file.Path.of(fromFile.origin()).toAbsolutePath().getParent())
                .orElse(java.nio.file.Path.of("").toAbsolutePath());
        Site site = settings.siteLoader().parse(pushed.get().text(), fromFile.origin(), dir);
        LOG.info("starting with configuration version {} ({}): pushed to the running terminal, the site file {} is unchanged since",
                pushed.get().version().version(), pushed.get().version().note(), fromFile.origin());
        Site withUplink = SiteChange.between(fromFile.text(), site.text(), fromFile.origin(), dir).uplinkInText()
                ? site : site.withSiteFile(site.text(), site.drivers(), fromFile.uplink());
        fromFile.close();
        return withUplink;
    }

    /**
     * The calendar roll-up of the live writer, reading the running configuration's factors: the writer shows the rules
     * each week to year it stores; a year also goes to the year-on-year verification check with the year before.
     */
    private io.tanhe.server.evaluation.CalendarRollUp calendar(Site of) {
        return new io.tanhe.server.evaluation.CalendarRollUp(of, store.results(), store.readings(), wallClock,
                rules == null ? io.tanhe.server.evaluation.CalendarRollUp.Observer.NONE : new VerificationFeed(rules, store.results()))
                .following(() -> this.site);
    }

    private static RulesEngine startRules(Site site) {
        try {
            return startRules(site, new RuleCompiler().compile(site.rules()));
        } catch (RulesRejectedException e) {
            throw rejected(site, e);
        }
    }

    private static RulesEngine startRules(Site site, RuleCompiler.Pending building) {
        try {
            return startRules(site, building.join());
        } catch (RulesRejectedException e) {
            throw rejected(site, e);
        }
    }

    private static RulesEngine startRules(Site site, CompiledRules compiled) {
        RulesEngine rules = RulesEngine.start(compiled, site.rulesSettings());
        rules.setThresholds(site.thresholds());
        return rules;
    }

    /** When the rules being built do not compile, their error is thrown (with {@code other}, which came later, suppressed). */
    private static void throwIfRejected(Site site, RuleCompiler.Pending building, RuntimeException other) {
        if (building == null) {
            return;
        }
        try {
            building.join();
        } catch (RulesRejectedException e) {
            InvalidConfigException first = rejected(site, e);
            first.addSuppressed(other);
            throw first;
        } catch (RuntimeException | Error e) {
            other.addSuppressed(e);
        }
    }

    private static InvalidConfigException rejected(Site site, RulesRejectedException e) {
        return new InvalidConfigException(site.origin(), List.of(ConfigProblem.at(ConfigPlace.of(site.origin()).withPath("rules"),
                e.getMessage())));
    }

    private void start(TerminalSettings settings) {
        // a stored version changed outside the terminal stops the start (§7.4.1.4); secrets are stored sealed, not in clear
        try {
            configs.verifyAll();
        } catch (io.tanhe.server.security.config.ConfigTamperedException e) {
            audit.record(new AuditEvent(startedAt, "terminal", "-", "local", "config.tampered", "configuration version " + e.version(),
                    AuditOutcome.FAILURE, "start refused: " + e.getMessage()));
            throw e;
        }
        Optional<Integer> before = store.configs().latest().map(ConfigVersion::version);
        ConfigVersion saved = configs.save(site.text(), "terminal", startedAt, SITE_NOTE + java.nio.file.Path.of(site.origin()).toAbsolutePath());
        audit.record(new AuditEvent(startedAt, "terminal", "-", "local", "terminal.start", site.identity().siteId(), AuditOutcome.SUCCESS,
                "site " + site.origin() + ", configuration version " + saved.version()));
        if (before.isEmpty() || before.get() != saved.version()) {
            audit.record(new AuditEvent(startedAt, "terminal", "-", "local", "config.change", "configuration version " + saved.version(),
                    AuditOutcome.SUCCESS, "site file " + site.origin() + " saved as version " + saved.version()
                            + before.map(b -> " (was " + b + ")").orElse(" (first)")));
        }
        housekeeping.scheduleWithFixedDelay(this::applyAuditRetention, 0, 1, java.util.concurrent.TimeUnit.DAYS);
        HeapTrim.forThisJvm().ifPresent(trim -> housekeeping.scheduleWithFixedDelay(trim, 5, 5, java.util.concurrent.TimeUnit.SECONDS));
        Optional<Instant> latest = store.readings().latestMeasuredAt();
        if (rules != null) {
            rules.addListener(new AlertRecorder(store.alerts()));
            rules.addFindingListener(new FindingRecorder(store.findings(), wallClock));
            restoreAlerts(latest);
        }
        store.onHealthChange(this::storeHealthChanged);
        int replayed = 0;
        if (latest.isPresent()) {
            Instant from = window.startFor(latest.get());
            Optional<OutageMarker> outage = OutageMarker.read(dataDir);
            Instant outageFrom = null;
            if (outage.isPresent() && outage.get().next().isBefore(from)) {
                outageFrom = outage.get().from();
                from = outage.get().next();
                LOG.warn("the catch-up of an outage from {} stopped before it was done: resuming at {}", outageFrom, from);
            } else if (outage.isPresent()) {
                OutageMarker.remove(dataDir); // the stored readings do not reach past the outage's start: nothing to catch up
            }
            List<StoredReading> readings = Replay.readings(site, store.readings(), from, outageFrom == null ? from : outageFrom);
            replayed = loop.replay(readings, from, latest.get(), outageFrom);
            new io.tanhe.server.evaluation.CalendarRollUp(site, store.results(), store.readings(), wallClock)
                    .missing(io.tanhe.server.store.TimeRange.of(Instant.EPOCH, Replay.END_OF_TIME), ResultWriter.headlineTotal(site.graph()));
        }
        intake.resumeAfter(loop.lastSeriesReading());
        store.events().append(new Event(startedAt, EventKind.RESTART, site.identity().siteId(),
                "terminal started; " + replayed + " stored readings replayed" + window.from().map(f -> ", open window from " + f).orElse(""),
                "{\"replayed\":" + replayed + ",\"methodology\":\"" + site.methodology().id() + " " + site.methodology().version() + "\"}"));
        LOG.info("terminal {} started: methodology {} {} ({}), {} readings replayed, window from {}", site.identity().siteId(),
                site.methodology().id(), site.methodology().version(), site.methodology().contentHash().substring(0, 12),
                replayed, window.from().map(Instant::toString).orElse("(no data yet)"));
        thread.start();
        recomputeJob = RecomputeJob.start(() -> this.site, store, window::from, wallClock, settings.recomputeIdle(), outcome -> {
            MeasurementJob cems = measurementJob;
            if (cems != null) {
                cems.recomputeDay(outcome.day(), "recomputed with the late readings of " + outcome.day());
            }
        }, stored -> {
            if (rules != null) {
                rules.result(ResultWriter.fact(stored)); // a threshold on a day to a year judges the recomputed figure
            }
        });
        measurementJob = MeasurementJob.start(site, store, wallClock, MEASUREMENT_IDLE).orElse(null);
        lifecycle.resume();
        leaveNote();
    }

    /**
     * Attaches the HTTP API serving this terminal: its address goes into the data directory's note (so
     * `tanhe report` finds it) and {@code stop} runs when the terminal closes, after evaluation has
     * drained and before the rules and the store close.
     */
    public synchronized void attachApi(String address, Runnable stop) {
        if (stopApi != null) {
            throw new IllegalStateException("an API is already attached to " + site.identity().siteId() + " at " + apiAddress);
        }
        this.apiAddress = address;
        this.stopApi = stop;
        leaveNote();
    }

    /** Writes {@link TerminalFile} so that other commands know this process holds the store, and where its API is. */
    private void leaveNote() {
        try {
            TerminalFile.ofThisProcess(apiAddress(), startedAt, site.identity().siteId()).write(dataDir);
            noteWritten = true;
        } catch (java.io.IOException e) {
            LOG.warn("cannot write {} in {} ({}): `tanhe report` will not find this terminal's API while it runs",
                    TerminalFile.NAME, dataDir, e.toString());
        }
    }

    /**
     * Gives the rules the alerts that were open at the last stop, so the replay and the ongoing
     * condition do not raise them again and acknowledgements and escalations stand. One whose
     * threshold or rule the site no longer has (or a second open alert of the same condition) is
     * cleared in the store at the last measurement time: nothing else would ever clear it.
     */
    private void restoreAlerts(Optional<Instant> latest) {
        List<OpenAlerts.Open> open = OpenAlerts.of(store.alerts());
        Map<String, Long> storeIds = new HashMap<>();
        open.forEach(o -> storeIds.put(o.alert().id(), o.storeId()));
        List<io.tanhe.engine.rules.alert.Alert> refused = rules.restore(open.stream().map(OpenAlerts.Open::alert).toList());
        for (io.tanhe.engine.rules.alert.Alert a : refused) {
            Instant at = latest.filter(t -> t.isAfter(a.raisedAt())).orElse(a.raisedAt());
            store.alerts().clear(storeIds.get(a.id()), at);
            LOG.warn("alert {} ({} on {}) was open at the last stop but its threshold or rule is gone, or it repeats an"
                    + " open alert: cleared at {}", a.id(), a.name(), a.subject(), at);
        }
        LOG.info("rules took back {} open alerts from the store", open.size() - refused.size());
    }

    /**
     * Starts reporting to the site's data centres, with upload windows on {@code clock} — the
     * system clock in a deployment, the simulated one in the demo, so that windows follow the data.
     * Does nothing when the site names no centre.
     */
    public synchronized void startUplink(Clock clock) {
        uplinkClock = clock;
        if (uplink != null || site.uplink().centres().isEmpty()) {
            return;
        }
        Optional<CutOff> cut = CutOff.read(dataDir);
        if (cut.isPresent()) {
            LOG.warn("remote cut-off ordered by {} from {} at {} stands: nothing is uploaded until it is lifted on this machine"
                    + " (tanhe cutoff lift)", cut.get().by(), cut.get().from(), cut.get().at());
            return;
        }
        uplink = Uplink.start(site.uplink(), store, UplinkEnvironment.of(site.zone(), clock, dataDir));
    }

    /** The remote cut-off standing in the data directory, if any (§8.4). */
    public Optional<CutOff> cutOff() {
        return CutOff.read(dataDir);
    }

    /**
     * Cuts the terminal off (§8.4): stops uploading at once and records {@code order} in the data directory, so
     * that the API answers only loopback and a restart keeps both; audited as {@code remote.cutoff}.
     */
    public synchronized void cutOff(CutOff order, String role) {
        order.write(dataDir);
        if (uplink != null) {
            uplink.close();
            uplink = null;
        }
        audit.record(new AuditEvent(wallClock.instant(), order.by(), role, order.from(), "remote.cutoff", site.identity().siteId(),
                AuditOutcome.SUCCESS, "uploads stopped and remote access refused: " + order.reason()));
        LOG.warn("remote cut-off by {} from {}: uploads stopped, the API answers loopback only ({})", order.by(), order.from(),
                order.reason());
    }

    /**
     * Lifts the cut-off (only ever on the machine): uploads start again where they stopped; audited as
     * {@code remote.restore}. False when none stood.
     */
    public synchronized boolean liftCutOff(String by, String role, String from) {
        boolean lifted = CutOff.lift(dataDir);
        if (lifted) {
            audit.record(new AuditEvent(wallClock.instant(), by, role, from, "remote.restore", site.identity().siteId(),
                    AuditOutcome.SUCCESS, "cut-off lifted: uploads and remote access resume"));
            LOG.info("remote cut-off lifted by {} from {}", by, from);
            if (uplinkClock != null) {
                startUplink(uplinkClock);
            }
        }
        return lifted;
    }

    /** Starts polling and push sources on {@code clock}'s schedule (a real deployment). */
    public Acquisition startAcquisition(Clock clock) {
        Acquisition a = createAcquisition(clock);
        a.start();
        return a;
    }

    /** Creates the acquisition without starting it: the caller drives its scheduler (the demo's simulated time). */
    public synchronized Acquisition createAcquisition(Clock clock) {
        if (acquisition != null) {
            throw new IllegalStateException("the acquisition of " + site.identity().siteId() + " already exists");
        }
        acquisition = new Acquisition(site.drivers(), intake, this::sourceSwitched, clock);
        return acquisition;
    }

    private void sourceSwitched(SourceSwitch s) {
        boolean toBackup = site.drivers().isBackup(s.to());
        store.events().append(new Event(s.at(), EventKind.SOURCE_SWITCH, s.pointId(),
                "point " + s.pointId() + " switched from " + s.from() + " to " + s.to() + ": " + s.reason(), "{}"));
        if (rules != null) {
            rules.sourceSwitch(new SourceSwitchFact(s.pointId(), s.from(), s.to(), s.at(), s.reason(), toBackup));
        }
    }

    private void storeHealthChanged(StoreHealth h) {
        if (h.state() == StoreHealth.State.INTAKE_STOPPED) {
            LOG.error("store intake stopped: {}", h.detail());
            try {
                store.alerts().raise(new NewAlert("storage-intake-stopped@" + h.since(), "storage/intake-stopped",
                        Severity.CRITICAL, h.since(), "the store stopped taking readings: " + h.detail(), "{}"));
            } catch (RuntimeException e) {
                LOG.error("could not record the storage alert: {}", e.getMessage());
            }
        } else if (h.ok()) {
            LOG.info("store intake resumed");
        }
    }

    /** The acquisition of the site's sources once it is created ({@link #startAcquisition}, {@link #createAcquisition}). */
    public synchronized Optional<Acquisition> acquisition() {
        return Optional.ofNullable(acquisition);
    }

    /** The uplink to the site's data centres once it is started ({@link #startUplink}); empty when the site names none. */
    public synchronized Optional<Uplink> uplink() {
        return Optional.ofNullable(uplink);
    }

    /**
     * Tells the rules that {@code by} acknowledged the active alert {@code alertId} (the store's dedup key), so that it
     * does not escalate. Does nothing when the rules do not run or no active alert has that id (it cleared).
     */
    public void acknowledgeInRules(String alertId, String by) {
        if (rules != null) {
            rules.acknowledge(alertId, by);
        }
    }

    /** The data directory the terminal keeps its store, keys and notes in. */
    public java.nio.file.Path dataDir() {
        return dataDir;
    }

    /** The wall clock the terminal runs on (stamps operator actions). */
    public Clock wallClock() {
        return wallClock;
    }

    /** How long after an activation the self-test judges the terminal (system property {@code tanhe.config.selfTestSeconds}). */
    static final java.time.Duration SELF_TEST_AFTER = java.time.Duration.ofSeconds(
            Long.getLong("tanhe.config.selfTestSeconds", 60));

    /** The configuration lifecycle: packages pushed, reviewed, activated and rolled back while the terminal runs. */
    public ConfigLifecycle lifecycle() {
        return lifecycle;
    }

    /** The site as its file configures it, without the activated packages. */
    public Site baseSite() {
        return baseSite;
    }

    /** Site file changes pushed to the running terminal: devices and centres restarted alone. */
    public SiteVersions siteVersions() {
        return siteVersions;
    }

    /** Told after a site file push (or its rollback) changed the running devices or centres. */
    private final List<Runnable> siteApplied = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Calls {@code listener} each time a site file push, or its rollback, has changed the devices and centres that run
     * ({@link #site} then gives them), on the pushing thread; the metrics register an added device's meters so.
     *
     * @return stops the calls
     */
    public Runnable onSiteApplied(Runnable listener) {
        siteApplied.add(listener);
        return () -> siteApplied.remove(listener);
    }

    /** A listener that fails is logged: the push it follows has applied all the same. */
    private static void tell(Runnable listener) {
        try {
            listener.run();
        } catch (RuntimeException e) {
            LOG.error("a listener of site file changes failed: {}", e.toString(), e);
        }
    }

    /** The running terminal as a site file change sees it. */
    private final class LiveSiteFile implements LiveSite {
        @Override
        public Site site() {
            return site;
        }

        @Override
        public List<String> restart(Site candidate, SiteChange change) {
            synchronized (Terminal.this) {
                Site before = site;
                // counted under their own name from their first reading: the added devices before they start
                java.util.LinkedHashSet<String> counted = new java.util.LinkedHashSet<>(deviceIds(before));
                counted.addAll(deviceIds(candidate));
                stats.devices().track(counted);
                io.tanhe.server.uplink.config.UplinkConfig nextUplink = change.uplinkInText() ? candidate.uplink() : before.uplink();
                List<String> restarted = new java.util.ArrayList<>();
                io.tanhe.drivers.config.DriverConfiguration drivers;
                if (acquisition != null) {
                    Acquisition.Restart r = acquisition.replace(candidate.drivers(), change.devices());
                    r.started().forEach(d -> restarted.add("device " + d));
                    r.stopped().stream().filter(d -> !r.started().contains(d)).forEach(d -> restarted.add("device " + d + " (stopped)"));
                    drivers = acquisition.running(candidate.drivers());
                } else {
                    before.drivers().close(); // nothing polls yet: the new devices start with the acquisition
                    drivers = candidate.drivers();
                }
                if (uplink != null && change.uplinkInText() && !change.centres().isEmpty()) {
                    List<String> started = uplink.replace(nextUplink, change.centres());
                    started.forEach(c -> restarted.add("centre " + c));
                    change.centresRemoved().forEach(c -> restarted.add("centre " + c + " (stopped)"));
                }
                site = before.withSiteFile(candidate.text(), drivers, nextUplink);
                if (uplink == null && uplinkClock != null && !nextUplink.centres().isEmpty()) {
                    startUplink(uplinkClock);
                    nextUplink.centres().forEach(c -> restarted.add("centre " + c.id()));
                }
                stats.devices().track(deviceIds(site));
                siteApplied.forEach(Terminal::tell);
                return restarted;
            }
        }
    }

    /** The running terminal as the lifecycle sees it. */
    private final class Live implements LiveTerminal {
        @Override
        public Site site() {
            return site;
        }

        @Override
        public void apply(Site packaged, String reason) {
            Site before = site;
            // the packages change what is computed; the devices and centres running stay (a site file push may have changed them)
            Site updated = packaged.withSiteFile(before.text(), before.drivers(), before.uplink());
            site = updated;
            if (!updated.methodology().equals(before.methodology())) {
                RulesEngine judge = rules == null ? null : startRules(updated);
                loop.replaceMethodology(updated, next -> new ResultWriter(next, store.results(), updated.methodology(), rules, stats,
                        wallClock, updated.closeAfter(),
                        calendar(updated)),
                        store.readings(), judge, reason);
            } else if (updated.factors() != before.factors()) {
                loop.replaceFactors(updated.factors(), reason);
            }
            if (rules != null && !updated.rules().equals(before.rules())) {
                reloadRules(updated, reason);
            }
            if (rules != null && !updated.thresholds().equals(before.thresholds())) {
                rules.setThresholds(updated.thresholds());
                LOG.info("rules switched to {} thresholds: {}", updated.thresholds().size(), reason);
            }
        }

        @Override
        public Optional<Instant> openWindowFrom() {
            return window.from();
        }

        @Override
        public Optional<Instant> watermark() {
            return Optional.ofNullable(stats.watermark());
        }

        @Override
        public long acknowledged() {
            return stats.acknowledged();
        }

        @Override
        public long evaluated() {
            return stats.evaluated();
        }

        @Override
        public long validationFailures() {
            return stats.invalid() + stats.unusable();
        }

        @Override
        public Map<String, String> deadWorkers() {
            return Terminal.this.deadWorkers();
        }
    }

    /** Where sources deliver readings (also for benchmarks and tests that produce readings themselves). */
    public Intake intake() {
        return intake;
    }

    /** Calls {@code listener} on the evaluation thread with every reading once it is durably stored. Call before readings flow. */
    public void onAcknowledged(Consumer<StoredReading> listener) {
        loop.onAcknowledged(listener);
    }

    /** Receives the intake-to-evaluated latency of each reading, in nanoseconds. */
    public void latencySink(LongConsumer sink) {
        loop.latencySink(sink);
    }

    public Site site() {
        return site;
    }

    public Store store() {
        return store;
    }

    /** The measurement method's job (docs/cems.md), when the site has a {@code measurement:} block and the terminal runs. */
    public Optional<MeasurementJob> measurementJob() {
        return Optional.ofNullable(measurementJob);
    }

    /** The tamper-evident audit in this terminal's store, for the API's audit routes and the login checks. */
    public AuditLog audit() {
        return audit;
    }

    /** The terminal's SM2 identity. */
    public DeviceIdentity identity() {
        return identity;
    }

    /** Daily, in the background: check the chain (a break is logged and audited), then drop expired segments. */
    private void applyAuditRetention() {
        try {
            var check = audit.verifyQuietly();
            if (!check.intact()) {
                LOG.error("the audit was tampered with: {}; see 'tanhe audit verify' and docs/security-audit-and-keys.md", check.summary());
                audit.record(new AuditEvent(wallClock.instant(), "terminal", "-", "local", "audit.verify", "audit", AuditOutcome.FAILURE,
                        check.summary()));
                return; // never cut a chain whose break it would hide
            }
            long removed = audit.applyRetention();
            if (removed > 0) {
                LOG.info("audit retention removed {} entries older than {}", removed, AuditSettings.defaults().retention());
            }
        } catch (RuntimeException e) {
            LOG.warn("audit check and retention failed, will retry tomorrow: {}", e.toString());
        }
    }

    public TerminalStats stats() {
        return stats;
    }

    /** Every data centre's upload status (backlog, connection, last error); empty without an uplink. */
    public synchronized List<io.tanhe.server.uplink.status.CentreStatus> uplinkStatus() {
        return uplink == null ? List.of() : uplink.status();
    }

    /** The attached API's address, e.g. {@code http://127.0.0.1:8017}; empty when none is attached. */
    public synchronized Optional<String> apiAddress() {
        return Optional.ofNullable(apiAddress);
    }

    /** The start of the buckets still open for late readings; empty before the first reading. */
    public Optional<Instant> openWindowFrom() {
        return window.from();
    }

    /** When this terminal started (wall clock). */
    public Instant startedAt() {
        return startedAt;
    }

    /** The catch-up of an outage in progress (days done, days to do), or null. */
    public TerminalStats.CatchUp catchUp() {
        return stats.catchUp();
    }

    /** Headline total node shown in the summary, e.g. {@code E}. */
    public String headline() {
        return ResultWriter.headlineTotal(site.graph());
    }

    /** Open alerts (raised or acknowledged, not cleared), as the store has them. */
    public int openAlerts() {
        return store.alerts().alerts(java.util.EnumSet.of(io.tanhe.server.store.AlertState.RAISED,
                io.tanhe.server.store.AlertState.ACKNOWLEDGED), io.tanhe.server.store.TimeRange.of(Instant.EPOCH, Replay.END_OF_TIME)).size();
    }

    /**
     * Waits until evaluation has handled every reading queued before this call and written the open buckets, so that
     * {@link #stats} (counters, watermark, the current hour's figure) includes them: for a caller that has stopped its
     * sources and reports the final figures before {@link #close} (the demo's last summary line).
     *
     * @return false when {@code timeout} passed first, or evaluation has already ended (the terminal closed or failed)
     */
    public boolean awaitEvaluated(java.time.Duration timeout) throws InterruptedException {
        if (!thread.isAlive()) {
            return false;
        }
        try {
            loop.drainedUpTo(intake.queued()).get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the evaluation failed while draining: " + e.getCause(), e.getCause());
        }
    }

    /** Stops the drivers, lets evaluation drain and write the last buckets, stops the API and rules, closes the store. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (acquisition != null) {
            acquisition.close();
        } else {
            site.close();
        }
        intake.close();
        loop.stop();
        if (thread.isAlive()) {
            try {
                thread.join(dead.isEmpty() ? 0 : 10_000); // after a failure it may wait for a write that never completes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (measurementJob != null) {
            measurementJob.close();
        }
        lifecycle.close();
        if (recomputeJob != null) {
            recomputeJob.close();
        }
        if (stopApi != null) {
            stopApi.run();
        }
        if (rules != null) {
            rules.close();
        }
        if (uplink != null) {
            uplink.close(); // before the store: it reads results and writes its outbox there
        }
        housekeeping.shutdownNow();
        try {
            audit.record(new AuditEvent(wallClock.instant(), "terminal", "-", "local", "terminal.stop", site.identity().siteId(),
                    dead.isEmpty() ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE, dead.isEmpty() ? "stopped" : "stopped after " + dead));
            audit.close();
        } catch (RuntimeException e) {
            LOG.warn("the audit could not record the stop: {}", e.toString());
        }
        store.close();
        OPEN.remove(this);
        if (noteWritten) {
            try {
                TerminalFile.remove(dataDir);
            } catch (java.io.IOException e) {
                LOG.warn("cannot remove {} from {} ({}); it names a stopped process and will be ignored", TerminalFile.NAME,
                        dataDir, e.toString());
            }
        }
        if (dead.isEmpty()) {
            LOG.info("terminal {} stopped: {} readings acknowledged, {} results written", site.identity().siteId(),
                    stats.acknowledged(), stats.resultsWritten());
        } else {
            LOG.error("terminal {} stopped after a failure (dead workers: {}): {} readings acknowledged, {} results written",
                    site.identity().siteId(), dead, stats.acknowledged(), stats.resultsWritten());
        }
    }
}
