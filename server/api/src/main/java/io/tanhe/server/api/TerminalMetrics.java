package io.tanhe.server.api;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tanhe.drivers.Quality;
import io.tanhe.server.store.StoreHealth;
import io.tanhe.server.terminal.DeviceTally;
import io.tanhe.server.terminal.Terminal;
import io.tanhe.server.terminal.TerminalStats;
import io.tanhe.server.uplink.config.CentreConfig;
import io.tanhe.server.uplink.status.CentreStatus;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The terminal's metrics in a Prometheus registry, served at {@code /metrics}. Every meter reads counters the
 * terminal keeps anyway ({@link TerminalStats}, {@link DeviceTally}, the store's commit times) when it is
 * scraped: nothing is added to the path of a reading beyond the tally's two adds, and nothing is allocated per
 * reading. Names carry the {@code tanhe_} prefix; Prometheus derives readings per second with {@code rate()}.
 */
final class TerminalMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Terminal terminal;
    /** The per-device meters by device, and the per-centre ones by centre: a site file push adds and removes them. */
    private final Map<String, List<Meter>> deviceMeters = new HashMap<>();
    private final Map<String, List<Meter>> centreMeters = new HashMap<>();
    private final Runnable stopFollowing;

    TerminalMetrics(Terminal terminal) {
        this.terminal = terminal;
        registry.config().commonTags("site", terminal.site().identity().siteId());
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        // two classes of this name exist; the system one measures any directory's file store
        new io.micrometer.core.instrument.binder.system.DiskSpaceMetrics(terminal.dataDir().toFile()).bindTo(registry);
        readings(terminal.stats());
        store(terminal);
        follow();
        stopFollowing = terminal.onSiteApplied(this::follow);
        Gauge.builder("tanhe_alerts_open", terminal, Terminal::openAlerts)
                .description("alerts raised or acknowledged, not cleared").register(registry);
        Gauge.builder("tanhe_workers_dead", terminal, t -> t.deadWorkers().size())
                .description("worker threads that died (the terminal exits non-zero so its service manager restarts it)")
                .register(registry);
        Gauge.builder("tanhe_cutoff", terminal, t -> t.cutOff().isPresent() ? 1 : 0)
                .description("1 while a remote cut-off stands: nothing is uploaded, the API answers loopback only").register(registry);
    }

    /**
     * Meters for the devices and centres running now: an added one's are registered, a removed one's removed (a device
     * added by a site file push is counted under its own name, not under {@link DeviceTally#OTHER}).
     */
    private synchronized void follow() {
        Map<String, DeviceTally.Device> devices = terminal.stats().devices().devices();
        follow(deviceMeters, devices.keySet(), id -> device(id, devices.get(id)));
        follow(centreMeters, terminal.site().uplink().centres().stream().map(CentreConfig::id).toList(), this::centre);
    }

    private void follow(Map<String, List<Meter>> registered, java.util.Collection<String> running,
                        java.util.function.Function<String, List<Meter>> register) {
        registered.entrySet().removeIf(e -> {
            if (running.contains(e.getKey())) {
                return false;
            }
            e.getValue().forEach(registry::remove);
            return true;
        });
        running.forEach(id -> registered.computeIfAbsent(id, register));
    }

    private List<Meter> device(String id, DeviceTally.Device counts) {
        return List.of(FunctionCounter.builder("tanhe_device_readings", counts, DeviceTally.Device::readings)
                        .description("readings received from the device").tag("device", id).register(registry),
                FunctionCounter.builder("tanhe_device_failures", counts, DeviceTally.Device::failures)
                        .description("readings of the device that carry no value (timeout, communication or device error)")
                        .tag("device", id).register(registry));
    }

    private void readings(TerminalStats stats) {
        for (Quality q : Quality.values()) {
            FunctionCounter.builder("tanhe_readings_by_quality", stats, s -> s.devices().quality(q))
                    .description("readings received, by quality").tag("quality", q.name().toLowerCase(Locale.ROOT)).register(registry);
        }
        counter("tanhe_readings_received", stats, TerminalStats::received, "readings the sources delivered");
        counter("tanhe_readings_acknowledged", stats, TerminalStats::acknowledged, "readings durably stored");
        counter("tanhe_readings_duplicate", stats, TerminalStats::duplicates, "readings already stored before");
        counter("tanhe_readings_rejected", stats, TerminalStats::rejected, "readings the store refused (busy, disk full, closed)");
        counter("tanhe_readings_unusable", stats, TerminalStats::unusable, "readings the evaluator could not use");
        counter("tanhe_results_written", stats, TerminalStats::resultsWritten, "bucket results written");
        FunctionTimer.builder("tanhe_evaluation_lag", stats, TerminalStats::lagged, TerminalStats::totalLagNanos, TimeUnit.NANOSECONDS)
                .description("time from intake to evaluation of each new reading").register(registry);
        Gauge.builder("tanhe_evaluation_lag_last_seconds", stats, s -> s.lastLagNanos() / 1e9)
                .description("intake-to-evaluation time of the latest reading").register(registry);
        Gauge.builder("tanhe_watermark_seconds", stats, s -> s.watermark() == null ? Double.NaN : s.watermark().toEpochMilli() / 1e3)
                .description("the latest measurement time evaluated (epoch seconds)").register(registry);
    }

    private void store(Terminal terminal) {
        var store = terminal.store();
        FunctionTimer.builder("tanhe_store_commit", store, s -> s.commitTimes().commits(), s -> s.commitTimes().totalNanos(),
                TimeUnit.NANOSECONDS).description("durable group commits of the store and their time").register(registry);
        Gauge.builder("tanhe_store_commit_last_seconds", store, s -> s.commitTimes().lastNanos() / 1e9)
                .description("the latest group commit's time").register(registry);
        counter("tanhe_store_rows_committed", store, s -> s.commitTimes().rows(), "rows written by group commits");
        Gauge.builder("tanhe_store_queue", store, s -> s.health().queued())
                .description("writes waiting for the next group commit").register(registry);
        Gauge.builder("tanhe_store_up", store, s -> s.health().state() == StoreHealth.State.OK ? 1 : 0)
                .description("1 while the store takes writes").register(registry);
    }

    private List<Meter> centre(String id) {
        return List.of(Gauge.builder("tanhe_uplink_backlog", terminal, centre(id, s -> s.backlog()))
                        .description("outbox messages not yet acknowledged by the centre").tag("centre", id).register(registry),
                Gauge.builder("tanhe_uplink_connected", terminal, centre(id, s -> s.connected() ? 1 : 0))
                        .description("1 while the connection to the centre is up").tag("centre", id).register(registry),
                Gauge.builder("tanhe_uplink_failures", terminal, centre(id, s -> s.failures()))
                        .description("consecutive failed attempts").tag("centre", id).register(registry));
    }

    /** A centre's figure from the uplink's status; NaN while the uplink does not run (cut off, not started). */
    private static ToDoubleFunction<Terminal> centre(String id, ToDoubleFunction<CentreStatus> figure) {
        return t -> t.uplinkStatus().stream().filter(s -> s.centreId().equals(id)).findFirst()
                .map(figure::applyAsDouble).orElse(Double.NaN);
    }

    private <T> void counter(String name, T source, ToDoubleFunction<T> f, String description) {
        FunctionCounter.builder(name, source, f).description(description).register(registry);
    }

    /** The Prometheus text exposition of every meter. */
    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        stopFollowing.run();
        gc.close();
        registry.close();
    }
}
