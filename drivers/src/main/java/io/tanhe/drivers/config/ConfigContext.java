package io.tanhe.drivers.config;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        return type.cast(shared.computeIfAbsent(key, k -> create.get()));
    }

    synchronized List<AutoCloseable> sharedResources() {
        return List.copyOf(shared.values());
    }
}
