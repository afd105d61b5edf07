package io.tanhe.drivers.config;

import io.tanhe.drivers.failover.FailoverSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A loaded, valid points file: its sources in file order and the backup relation between devices.
 * Closing it closes every device, source and shared connection.
 */
public final class DriverConfiguration implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DriverConfiguration.class);
    private final String origin;
    private final List<ConfiguredSource> sources;
    private final Map<String, String> backups;
    private final List<AutoCloseable> shared;
    private final FailoverSettings failover;

    DriverConfiguration(String origin, List<ConfiguredSource> sources, Map<String, String> backups,
                        FailoverSettings failover, List<AutoCloseable> shared) {
        this.origin = origin;
        this.failover = failover;
        this.sources = List.copyOf(sources);
        this.backups = Map.copyOf(backups);
        this.shared = List.copyOf(shared);
    }

    /** The file this configuration was loaded from. */
    public String origin() {
        return origin;
    }

    /** Every configured source, in file order. */
    public List<ConfiguredSource> sources() {
        return sources;
    }

    /** The source with this device id. */
    public Optional<ConfiguredSource> source(String id) {
        return sources.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The id of the backup device of {@code deviceId}, if it names one. */
    public Optional<String> backupOf(String deviceId) {
        return Optional.ofNullable(backups.get(deviceId));
    }

    /** Primary device id → backup device id, for every device that names a backup. */
    public Map<String, String> backups() {
        return backups;
    }

    /** The top-level {@code failover:} settings (defaults when absent). */
    public FailoverSettings failover() {
        return failover;
    }

    /** Device id → the point ids it feeds. */
    public Map<String, Set<String>> pointsByDevice() {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        sources.forEach(s -> m.put(s.id(), s.points().stream().map(PointSettings::id)
                .collect(Collectors.toCollection(LinkedHashSet::new))));
        return m;
    }

    /** Point id → its settings (a device and its backup configure a shared point alike; the primary's win). */
    public Map<String, PointSettings> pointSettings() {
        Map<String, PointSettings> m = new LinkedHashMap<>();
        sources.forEach(s -> s.points().forEach(p -> m.putIfAbsent(p.id(), p)));
        return m;
    }

    /** Whether {@code deviceId} is some other device's backup. */
    public boolean isBackup(String deviceId) {
        return backups.containsValue(deviceId);
    }

    @Override
    public void close() {
        for (ConfiguredSource s : sources) {
            closeQuietly(s.id(), s instanceof ConfiguredSource.Polled p ? p.device() : ((ConfiguredSource.Pushed) s).source());
        }
        for (AutoCloseable c : shared) {
            closeQuietly("shared", c);
        }
    }

    static void closeQuietly(String id, AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("closing {} failed: {}", id, e.toString());
        }
    }
}
