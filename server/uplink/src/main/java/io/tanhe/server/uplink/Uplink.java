package io.tanhe.server.uplink;

import io.tanhe.engine.time.Grain;
import io.tanhe.server.hj212.message.DataKind;
import io.tanhe.server.hj212.message.QnSequence;
import io.tanhe.server.store.Event;
import io.tanhe.server.store.EventKind;
import io.tanhe.server.store.Outbox;
import io.tanhe.server.store.Store;
import io.tanhe.server.uplink.config.CentreConfig;
import io.tanhe.server.uplink.config.Protocol;
import io.tanhe.server.uplink.config.UplinkConfig;
import io.tanhe.server.uplink.delivery.CentreWorker;
import io.tanhe.server.uplink.delivery.Channel;
import io.tanhe.server.uplink.https.HttpsChannel;
import io.tanhe.server.uplink.outbox.CentreState;
import io.tanhe.server.uplink.outbox.PeriodReader;
import io.tanhe.server.uplink.outbox.SerializedOutbox;
import io.tanhe.server.uplink.schedule.Stream;
import io.tanhe.server.uplink.outbox.UploadCollector;
import io.tanhe.server.uplink.schedule.UploadWindows;
import io.tanhe.server.uplink.status.CentreStatus;
import io.tanhe.server.uplink.tcp.Hj212Channel;
import io.tanhe.server.uplink.tcp.PlatformCommandHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The uplink (section 7.2.4): reports the stored results to every configured data centre, each on a
 * thread of its own, through the store's outbox (nothing is lost across restarts, every upload is
 * resent until acknowledged), and answers HJ 212 platforms' commands. docs/uplink.md describes it.
 *
 * <pre>{@code
 * Uplink uplink = Uplink.start(config, store, UplinkEnvironment.of(zone, clock, dataDir));
 * uplink.status();                      // per centre: connected, last ack, backlog, oldest pending
 * uplink.backfill(new ManualBackfill(null, Grain.DAY, range, "operator", "meter corrected"));
 * uplink.close();                       // before closing the store
 * }</pre>
 */
public final class Uplink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Uplink.class);

    private final Store store;
    private final UplinkEnvironment env;
    private final Outbox outbox;
    private final Map<String, CentreWorker> workers;
    private final Map<String, CentreConfig> centres;

    private Uplink(Store store, UplinkEnvironment env, Outbox outbox, Map<String, CentreConfig> centres, Map<String, CentreWorker> workers) {
        this.store = store;
        this.env = env;
        this.outbox = outbox;
        this.centres = centres;
        this.workers = workers;
    }

    /** Starts one worker thread per centre of {@code config}. Close the uplink before the store. */
    public static Uplink start(UplinkConfig config, Store store, UplinkEnvironment env) {
        Map<String, CentreWorker> workers = new LinkedHashMap<>();
        Map<String, CentreConfig> centres = new LinkedHashMap<>();
        Outbox outbox = new SerializedOutbox(store.outbox());
        for (CentreConfig c : config.centres()) {
            centres.put(c.id(), c);
            workers.put(c.id(), worker(c, store, outbox, env));
        }
        workers.values().forEach(CentreWorker::start);
        LOG.info("uplink started: {} centre(s) {}", workers.size(), workers.keySet());
        return new Uplink(store, env, outbox, centres, workers);
    }

    private static CentreWorker worker(CentreConfig c, Store store, Outbox outbox, UplinkEnvironment env) {
        CentreState state = CentreState.load(env.stateDir().resolve(c.id() + ".state.json"));
        PeriodReader reader = c.profile().map(p -> new PeriodReader(store.results(), c.id(), c.indicators(), PeriodReader.flagsOf(p)))
                .orElseGet(() -> new PeriodReader(store.results(), c.id(), c.indicators()));
        UploadWindows windows = new UploadWindows(c.schedules(), env.zone(), () -> state.realtimeInterval()
                .orElseGet(() -> c.schedules().realtime().map(r -> r.interval()).orElse(Duration.ofMinutes(15))));
        UploadCollector collector = new UploadCollector(c.id(), outbox, reader, windows, state, env.zone(),
                env.valuesPerUpload());
        collector.start(env.clock().instant());
        Channel channel;
        if (c.protocol() == Protocol.HJ212_TCP) {
            QnSequence qns = new QnSequence(env.clock(), env.zone()); // QN: the time of sending on the terminal's clock
            PlatformCommandHandler handler = new PlatformCommandHandler(c.id(), c.profile().orElseThrow(), qns, reader,
                    env.zone(), env.clock(), c.delivery(), store.events(), windows::realtimeInterval, interval -> {
                        state.setRealtimeInterval(interval);
                        collector.rescheduleRealtime(env.clock().instant());
                    });
            channel = new Hj212Channel(c, qns, handler, env.clock(), (u, problem) -> store.events().append(new Event(
                    env.clock().instant(), EventKind.GAP, c.id(), problem, "{\"stream\":\"" + u.stream().key()
                    + "\",\"period_start\":\"" + u.periodStart() + "\"}")));
        } else {
            channel = new HttpsChannel(c);
        }
        return new CentreWorker(c, outbox, store.events(), channel, collector, env.clock(), env.zone(),
                java.time.Clock.systemUTC(), env.poll(), env.stateDir());
    }

    /** Every centre's status, in configuration order. */
    public synchronized List<CentreStatus> status() {
        return workers.values().stream().map(CentreWorker::status).toList();
    }

    /**
     * Restarts the centres of {@code changed} with their settings in {@code next}: each one running is stopped (its
     * connection closed; what it has not delivered stays in the outbox) and, when {@code next} still names it,
     * started again with the new settings, taking up the outbox where the old one left it. The other centres keep
     * running untouched.
     *
     * @param changed the ids of the centres added, removed or changed between the running uplink and {@code next}
     * @return the centres started with new settings (the removed ones are only stopped)
     */
    public synchronized List<String> replace(UplinkConfig next, Set<String> changed) {
        for (String id : changed) {
            CentreWorker old = workers.remove(id);
            centres.remove(id);
            if (old != null) {
                old.close();
            }
        }
        Map<String, CentreWorker> kept = new LinkedHashMap<>(workers);
        Map<String, CentreConfig> keptCentres = new LinkedHashMap<>(centres);
        workers.clear();
        centres.clear();
        List<String> started = new ArrayList<>();
        for (CentreConfig c : next.centres()) { // in the new file's order
            if (changed.contains(c.id())) {
                CentreWorker w = worker(c, store, outbox, env);
                centres.put(c.id(), c);
                workers.put(c.id(), w);
                w.start();
                started.add(c.id());
            } else if (kept.containsKey(c.id())) {
                centres.put(c.id(), keptCentres.get(c.id()));
                workers.put(c.id(), kept.get(c.id()));
            }
        }
        LOG.info("uplink restarted centre(s) {}; {} kept running", changed, workers.size() - started.size());
        return List.copyOf(started);
    }

    /** The ids of the centres running, in configuration order. */
    public synchronized List<String> centreIds() {
        return List.copyOf(workers.keySet());
    }

    /** Makes every centre's thread look for work now (after the clock moved, in tests). */
    public synchronized void wake() {
        workers.values().forEach(CentreWorker::wake);
    }

    /**
     * Queues a manual backfill (section 7.2.4 (5)) and records it in the event log.
     *
     * @return the number of uploads queued, per centre
     * @throws IllegalArgumentException for an unknown centre or indicator, a grain that is not 15min/hour/day/month,
     *                                  or monthly data to an HJ 212 platform without a monthly CN
     */
    public synchronized Map<String, Integer> backfill(ManualBackfill request) {
        DataKind kind = kind(request.grain());
        List<CentreConfig> targets = new ArrayList<>();
        if (request.centreId().isPresent()) {
            targets.add(centres.get(request.centreId().get()));
            if (targets.get(0) == null) {
                throw new IllegalArgumentException("no centre '" + request.centreId().get() + "'; centres: " + centres.keySet());
            }
        } else {
            targets.addAll(centres.values());
        }
        for (CentreConfig c : targets) {
            if (c.profile().isPresent() && kind.cn(c.profile().get().commands()).isEmpty()) {
                throw new IllegalArgumentException("centre " + c.id() + " (HJ 212 profile " + c.profile().get().name()
                        + ") has no CN for " + kind.label() + " data");
            }
        }
        List<String> unknown = request.unknownIn(targets);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("no indicator " + String.join(", ", unknown) + " is reported to "
                    + targets.stream().map(CentreConfig::id).toList() + "; they report " + ManualBackfill.namesIn(targets));
        }
        Instant now = env.clock().instant();
        String requestId = "manual-" + now.toEpochMilli();
        Map<String, Integer> queued = new LinkedHashMap<>();
        for (CentreConfig c : targets) {
            Set<String> codes = request.codesFor(c);
            int n = codes.isEmpty() ? 0 : workers.get(c.id()).collector().queue(Stream.MANUAL, kind, request.grain(), request.range(),
                    true, requestId, now, codes);
            queued.put(c.id(), n);
            String which = request.indicators().isEmpty() ? "" : " (indicators " + String.join(", ", codes) + ")";
            String message = "manual backfill of " + request.grain().label() + " data " + request.range() + which + " to centre "
                    + c.id() + " by " + request.operator() + ": " + request.reason() + " (" + n + " uploads queued)";
            store.events().append(new Event(now, EventKind.BACKFILL, c.id(), message, "{\"request\":\"" + requestId
                    + "\",\"grain\":\"" + request.grain().label() + "\",\"from\":\"" + request.range().from() + "\",\"to\":\""
                    + request.range().to() + "\",\"indicators\":[" + codes.stream().map(x -> "\"" + x + "\"")
                    .collect(java.util.stream.Collectors.joining(",")) + "],\"uploads\":" + n + "}"));
            LOG.info("uplink {}: {}", c.id(), message);
            workers.get(c.id()).wake();
        }
        return queued;
    }

    private static DataKind kind(Grain g) {
        return switch (g) {
            case FIFTEEN_MINUTES -> DataKind.MINUTE;
            case HOUR -> DataKind.HOURLY;
            case DAY -> DataKind.DAILY;
            case MONTH -> DataKind.MONTHLY;
            default -> throw new IllegalArgumentException("a manual backfill sends 15min, hour, day or month data, not " + g.label());
        };
    }

    /** Stops every centre's thread and closes the connections. The outbox keeps what is not yet delivered. */
    @Override
    public synchronized void close() {
        workers.values().forEach(CentreWorker::close);
        LOG.info("uplink stopped");
    }
}
