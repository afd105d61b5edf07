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
        for (ConfiguredSource s : site.get().drivers().sources()) {
            List<PointView> points = new ArrayList<>();
            for (PointSettings p : s.points()) {
                List<StoredReading> found = readings.readings(p.id(), span(p.id(), recent));
                Optional<StoredReading> last = found.isEmpty() ? Optional.empty() : Optional.of(found.getLast());
                String fedBy = last.map(r -> site.get().drivers().isBackup(r.sourceId()) ? "backup " + r.sourceId() : r.sourceId()).orElse("-");
                points.add(new PointView(p.id(), p.unit(), site.get().binding(p.id()).map(PointBinding::target).orElse("-"), last, fedBy));
            }
            Optional<String> backupFor = site.get().drivers().backups().entrySet().stream().filter(e -> e.getValue().equals(s.id()))
                    .map(java.util.Map.Entry::getKey).findFirst();
            out.add(switch (s) {
                case ConfiguredSource.Polled p -> new DeviceView(p.id(), "polled", Optional.of(p.poll().period()),
                        site.get().drivers().backupOf(p.id()), backupFor, List.copyOf(points));
                case ConfiguredSource.Pushed p -> new DeviceView(p.id(), "pushed", Optional.empty(), site.get().drivers().backupOf(p.id()),
                        backupFor, List.copyOf(points));
            });
        }
        return List.copyOf(out);
    }

    /** Where a point's latest value is looked for: its current period for a per-period input (a month's lab value), else the recent hours. */
    private TimeRange span(String point, TimeRange recent) {
        return site.get().binding(point).filter(b -> b.kind() == Decl.InputKind.PERIOD)
                .map(b -> TimeRange.of(TimeBucket.of(((PeriodSettings) b.settings()).period(), recent.to().minusNanos(1), site.get().zone()).start(),
                        recent.to()))
                .orElse(recent);
    }

    /** The data centres' status, in configuration order; empty when the site names none or the uplink is not started. */
    public List<CentreStatus> centres() {
        return uplink.get().map(Uplink::status).orElse(List.of());
    }

    /** Whether the site names data centres at all. */
    public boolean hasCentres() {
        return !site.get().uplink().centres().isEmpty();
    }
}
