package io.tanhe.drivers.config;

import io.tanhe.drivers.failover.FailoverSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
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
    private final Map<String, ConfigContext.SharedResource> shared;
    private final FailoverSettings failover;

    DriverConfiguration(String origin, List<ConfiguredSource> sources, Map<String, String> backups,
                        FailoverSettings failover, Map<String, ConfigContext.SharedResource> shared) {
        this.origin = origin;
        this.failover = failover;
        this.sources = List.copyOf(sources);
        this.backups = Map.copyOf(backups);
        this.shared = Collections.unmodifiableMap(new LinkedHashMap<>(shared));
    }

    /**
     * The devices that must start and stop together: a device with its backup (they share failover state) and the
     * devices on one shared connection (one bus, one broker client). Each group in file order of its first device.
     */
    public List<Set<String>> restartGroups() {
        Map<String, String> parent = new LinkedHashMap<>();
        sources.forEach(s -> parent.put(s.id(), s.id()));
        backups.forEach((primary, backup) -> union(parent, primary, backup));
        shared.values().forEach(r -> r.devices().stream().filter(parent::containsKey).reduce((a, b) -> {
            union(parent, a, b);
            return a;
        }));
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        parent.keySet().forEach(id -> groups.computeIfAbsent(root(parent, id), k -> new LinkedHashSet<>()).add(id));
        return groups.values().stream().map(Collections::unmodifiableSet).toList();
    }

    /**
     * This file's layout (sources in its order, backups, failover) with the objects of {@code running} in place of
     * its own for the devices they run: what a terminal shows after restarting some devices. Its own objects are
     * not used; closing the result closes the running ones.
     */
    public DriverConfiguration runningOn(List<DriverConfiguration> running) {
        Map<String, ConfiguredSource> byId = new LinkedHashMap<>();
        Map<String, ConfigContext.SharedResource> s = new LinkedHashMap<>();
        for (DriverConfiguration part : running) {
            part.sources.forEach(x -> byId.put(x.id(), x));
            s.putAll(part.shared);
        }
        return new DriverConfiguration(origin, sources.stream().map(x -> byId.getOrDefault(x.id(), x)).toList(), backups, failover, s);
    }

    private static String root(Map<String, String> parent, String id) {
        String r = id;
        while (!parent.get(r).equals(r)) {
            r = parent.get(r);
        }
        return r;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        if (parent.containsKey(a) && parent.containsKey(b)) {
            parent.put(root(parent, a), root(parent, b));
        }
    }

    /**
     * The part of this configuration that runs {@code deviceIds} (a whole {@linkplain #restartGroups restart group}
     * or several): their sources, backups and shared connections. Closing it closes only those.
     */
    public DriverConfiguration subset(Set<String> deviceIds) {
        Map<String, String> b = new LinkedHashMap<>();
        backups.forEach((primary, backup) -> {
            if (deviceIds.contains(primary) && deviceIds.contains(backup)) {
                b.put(primary, backup);
            }
        });
        Map<String, ConfigContext.SharedResource> s = new LinkedHashMap<>();
        shared.forEach((key, r) -> {
            if (!r.devices().isEmpty() && deviceIds.containsAll(r.devices())) {
                s.put(key, r);
            }
        });
        return new DriverConfiguration(origin, sources.stream().filter(x -> deviceIds.contains(x.id())).toList(), b, failover, s);
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
        shared.forEach((key, r) -> closeQuietly(key, r.resource()));
    }

    static void closeQuietly(String id, AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("closing {} failed: {}", id, e.toString());
        }
    }
}
