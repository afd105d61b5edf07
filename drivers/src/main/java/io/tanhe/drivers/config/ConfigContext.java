package io.tanhe.drivers.config;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a {@link SourceType} may use while creating sources: the clock (tests drive time with a
 * fixed or stepping clock), the directory relative paths resolve against, and resources shared by
 * several devices of one file (one Modbus connection per bus, one MQTT client per broker).
 */
public final class ConfigContext {
    private final Clock clock;
    private final Path baseDirectory;
    private final Map<String, AutoCloseable> shared = new LinkedHashMap<>();
    /** Shared resource key → the devices that use it: they restart together when one of them changes. */
    private final Map<String, Set<String>> users = new LinkedHashMap<>();
    private String creating = "";

    public ConfigContext(Clock clock, Path baseDirectory) {
        this.clock = clock;
        this.baseDirectory = baseDirectory;
    }

    /** The clock for measurement times and schedules. */
    public Clock clock() {
        return clock;
    }

    /** The directory of the points file; relative file names resolve against it. */
    public Path baseDirectory() {
        return baseDirectory;
    }

    /**
     * The resource registered under {@code key}, created on first use. Must not open connections
     * when created (loading a file stays free of I/O); it is closed with the loaded configuration.
     */
    public synchronized <T extends AutoCloseable> T shared(String key, Class<T> type, Supplier<T> create) {
        users.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(creating);
        return type.cast(shared.computeIfAbsent(key, k -> create.get()));
    }

    /** The device whose source is being created now: resources it asks for are recorded as used by it. */
    synchronized void creating(String deviceId) {
        this.creating = deviceId;
    }

    synchronized List<AutoCloseable> sharedResources() {
        return List.copyOf(shared.values());
    }

    /** Each shared resource by key, with the devices that use it. */
    synchronized Map<String, SharedResource> sharedByKey() {
        Map<String, SharedResource> out = new LinkedHashMap<>();
        shared.forEach((key, resource) -> out.put(key, new SharedResource(resource, Set.copyOf(users.getOrDefault(key, Set.of())))));
        return out;
    }

    /** A resource several devices share (a bus, a broker connection) and the ids of those devices. */
    record SharedResource(AutoCloseable resource, Set<String> devices) {
    }
}
