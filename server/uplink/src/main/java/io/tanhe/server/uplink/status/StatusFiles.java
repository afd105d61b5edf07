package io.tanhe.server.uplink.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The status of each centre as a file {@code <centre>.status.json} in the uplink's state directory,
 * rewritten by the running uplink, so that {@code tanhe uplink status} can show it while the terminal
 * holds the store open (the embedded database admits one process).
 */
public final class StatusFiles {
    /** The file name suffix. */
    public static final String SUFFIX = ".status.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusFiles() {
    }

    /** Writes {@code s} into {@code dir}. */
    public static void write(Path dir, CentreStatus s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("centre", s.centreId());
        o.put("protocol", s.protocol());
        o.put("address", s.address());
        o.put("connected", s.connected());
        o.put("last_ack", s.lastAck().map(Instant::toString).orElse(null));
        o.put("backlog", s.backlog());
        o.put("oldest_pending", s.oldestPending().map(Instant::toString).orElse(null));
        o.put("failures", s.failures());
        o.put("last_error", s.lastError().orElse(null));
        o.put("updated_at", s.updatedAt().toString());
        o.put("zone", s.zone().getId());
        o.put("written_at", s.writtenAt().toString());
        AtomicFiles.write(dir.resolve(s.centreId() + SUFFIX), o.toPrettyString());
    }

    /**
     * Reads every centre's status in {@code dir}, by centre id.
     *
     * @throws IOException when the directory or a file cannot be read or a file is not a status
     */
    public static List<CentreStatus> read(Path dir) throws IOException {
        List<CentreStatus> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                out.add(parse(f));
            }
        }
        out.sort(Comparator.comparing(CentreStatus::centreId));
        return out;
    }

    private static CentreStatus parse(Path f) throws IOException {
        try {
            JsonNode o = JSON.readTree(f.toFile());
            return new CentreStatus(o.get("centre").asText(), o.get("protocol").asText(), o.get("address").asText(),
                    o.get("connected").asBoolean(), instant(o, "last_ack"), o.get("backlog").asLong(),
                    instant(o, "oldest_pending"), o.get("failures").asInt(), o.hasNonNull("last_error")
                    ? o.get("last_error").asText() : null, Instant.parse(o.get("updated_at").asText()),
                    o.hasNonNull("zone") ? ZoneId.of(o.get("zone").asText()) : ZoneId.of("UTC"),
                    o.hasNonNull("written_at") ? Instant.parse(o.get("written_at").asText())
                            : java.nio.file.Files.getLastModifiedTime(f).toInstant());
        } catch (RuntimeException e) {
            throw new IOException(f + " is not an uplink status file (" + e.getMessage() + ")", e);
        }
    }

    private static Instant instant(JsonNode o, String field) {
        return o.hasNonNull(field) ? Instant.parse(o.get(field).asText()) : null;
    }
}
