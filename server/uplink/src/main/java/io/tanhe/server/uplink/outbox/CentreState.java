package io.tanhe.server.uplink.outbox;

import io.tanhe.server.uplink.schedule.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tanhe.server.store.StoreException;
import io.tanhe.server.uplink.status.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the uplink remembers of one centre across restarts, besides the outbox: per stream, up to
 * where periods have been queued (the watermark), and the real-time interval the platform set (CN
 * 1062, section 7.2.4 (2)). A small JSON file, replaced atomically.
 *
 * <p>Losing it is harmless: queueing is idempotent (outbox keys), so periods are at worst queued
 * again and stored once. Thread-safe.
 */
public final class CentreState {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<Stream, Instant> watermarks = new EnumMap<>(Stream.class);
    private Duration realtimeInterval;

    private CentreState(Path file) {
        this.file = file;
    }

    /** The state in {@code file}, empty when the file does not exist. */
    public static CentreState load(Path file) {
        CentreState s = new CentreState(file);
        if (!Files.exists(file)) {
            return s;
        }
        try {
            JsonNode o = JSON.readTree(file.toFile());
            o.path("watermarks").fields().forEachRemaining(e -> {
                for (Stream st : Stream.values()) {
                    if (st.key().equals(e.getKey())) {
                        s.watermarks.put(st, Instant.parse(e.getValue().asText()));
                    }
                }
            });
            if (o.hasNonNull("realtime_interval_s")) {
                s.realtimeInterval = Duration.ofSeconds(o.get("realtime_interval_s").asLong());
            }
            return s;
        } catch (IOException | RuntimeException e) {
            throw new StoreException("uplink state " + file + " is unreadable (" + e.getMessage()
                    + "); delete it to start over (periods are re-queued from now on, nothing queued is lost)", e);
        }
    }

    /** Up to where the stream's periods are queued (exclusive). */
    public synchronized Optional<Instant> watermark(Stream stream) {
        return Optional.ofNullable(watermarks.get(stream));
    }

    /** Records that the stream's periods before {@code until} are queued. */
    public synchronized void setWatermark(Stream stream, Instant until) {
        watermarks.put(stream, until);
        save();
    }

    /** The real-time interval the platform set, if it did. */
    public synchronized Optional<Duration> realtimeInterval() {
        return Optional.ofNullable(realtimeInterval);
    }

    /** Records the real-time interval the platform set. */
    public synchronized void setRealtimeInterval(Duration interval) {
        realtimeInterval = interval;
        save();
    }

    private void save() {
        ObjectNode o = JSON.createObjectNode();
        ObjectNode w = o.putObject("watermarks");
        watermarks.forEach((s, t) -> w.put(s.key(), t.toString()));
        if (realtimeInterval != null) {
            o.put("realtime_interval_s", realtimeInterval.toSeconds());
        }
        AtomicFiles.write(file, o.toPrettyString());
    }
}
