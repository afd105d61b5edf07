package io.tanhe.server.terminal.operations;

import io.tanhe.drivers.config.ConfiguredSource;
import io.tanhe.drivers.config.PointSettings;
import io.tanhe.engine.time.PeriodSettings;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.grammar.ast.Decl;
import io.tanhe.server.site.PointBinding;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.ReadingStore;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.uplink.Uplink;
import io.tanhe.server.uplink.status.CentreStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the console and clients show of the plant: each device with its points, their latest stored value and
 * quality and which device feeds them now (a point of a device with a backup is "on backup" when its latest
 * reading came from the backup; a per-period input's latest value is its current period's); and the uplink's data
 * centres with their backlog.
 */
public final class PlantViews {
    /** How far back the latest value of a point is looked for (section 9.1: polls at most 3 h apart). */
    static final Duration LOOKBACK = Duration.ofHours(3);

    private final Supplier<Site> site;
    private final ReadingStore readings;
    private final Supplier<Optional<Instant>> latest;
    private final Supplier<Optional<Uplink>> uplink;

    /**
     * @param latest the latest measurement time the terminal has seen (its watermark)
     * @param uplink the running uplink, if any
     */
    public PlantViews(Supplier<Site> site, ReadingStore readings, Supplier<Optional<Instant>> latest, Supplier<Optional<Uplink>> uplink) {
        this.site = site;
        this.readings = readings;
        this.latest = latest;
        this.uplink = uplink;
    }

    /** A point of a device: its latest stored reading (empty when none in the last {@link #LOOKBACK}) and who feeds it. */
    public record PointView(String point, String unit, String feeds, Optional<StoredReading> latest, String fedBy) {
    }

    /**
     * A device: how it delivers ({@code polled} every {@code period}, or {@code pushed}), its backup or the
     * primary it backs up, and its points.
     */
    public record DeviceView(String id, String delivery, Optional<Duration> period, Optional<String> backup,
                             Optional<String> backupFor, List<PointView> points) {
    }

    /** Every device of the site, in the points file's order. */
    public List<DeviceView> devices() {
        Instant to = latest.get().orElse(Instant.now()).plusSeconds(1);
        TimeRange recent = TimeRange.of(to.minus(LOOKBACK), to);
        List<DeviceView> out = new ArrayList<>();
        Site now = site.get(); // one site for the whole list: a site file push may replace it meanwhile
        for (ConfiguredSource s : now.drivers().sources()) {
            List<PointView> points = new ArrayList<>();
            for (PointSettings p : s.points()) {
                List<StoredReading> found = readings.readings(p.id(), span(now, p.id(), recent));
                Optional<StoredReading> last = found.isEmpty() ? Optional.empty() : Optional.of(found.getLast());
                String fedBy = last.map(r -> now.drivers().isBackup(r.sourceId()) ? "backup " + r.sourceId() : r.sourceId()).orElse("-");
                points.add(new PointView(p.id(), p.unit(), now.binding(p.id()).map(PointBinding::target).orElse("-"), last, fedBy));
            }
            Optional<String> backupFor = now.drivers().backups().entrySet().stream().filter(e -> e.getValue().equals(s.id()))
                    .map(java.util.Map.Entry::getKey).findFirst();
            out.add(switch (s) {
                case ConfiguredSource.Polled p -> new DeviceView(p.id(), "polled", Optional.of(p.poll().period()),
                        now.drivers().backupOf(p.id()), backupFor, List.copyOf(points));
                case ConfiguredSource.Pushed p -> new DeviceView(p.id(), "pushed", Optional.empty(), now.drivers().backupOf(p.id()),
                        backupFor, List.copyOf(points));
            });
        }
        return List.copyOf(out);
    }

    /** Where a point's latest value is looked for: its current period for a per-period input (a month's lab value), else the recent hours. */
    private static TimeRange span(Site site, String point, TimeRange recent) {
        return site.binding(point).filter(b -> b.kind() == Decl.InputKind.PERIOD)
                .map(b -> TimeRange.of(TimeBucket.of(((PeriodSettings) b.settings()).period(), recent.to().minusNanos(1), site.zone()).start(),
                        recent.to()))
                .orElse(recent);
    }

    /** A data centre as the uplink last saw it: connection, last acknowledgement, backlog (the progress of a backfill), errors. */
    public record CentreView(String id, String protocol, String address, boolean connected, Optional<Instant> lastAck, long backlog,
                             Optional<Instant> oldestPending, int failures, Optional<String> lastError) {
        static CentreView of(CentreStatus c) {
            return new CentreView(c.centreId(), String.valueOf(c.protocol()), c.address(), c.connected(), c.lastAck(), c.backlog(),
                    c.oldestPending(), c.failures(), c.lastError());
        }
    }

    /** The data centres' status, in configuration order; empty when the site names none or the uplink is not started. */
    public List<CentreView> centres() {
        return uplink.get().map(Uplink::status).orElse(List.of()).stream().map(CentreView::of).toList();
    }

    /** Whether the site names data centres at all. */
    public boolean hasCentres() {
        return !site.get().uplink().centres().isEmpty();
    }
}
