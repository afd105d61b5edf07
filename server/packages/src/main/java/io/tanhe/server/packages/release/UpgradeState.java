package io.tanhe.server.packages.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The upgrade's state as kept in {@code upgrade.json} beside the releases: written (temporary file, forced, renamed,
 * folder forced) before each step, so that after a power cut the next start knows what was under way.
 *
 * @param phase      where the upgrade stands
 * @param from       the release in use before the upgrade; empty for the base build
 * @param to         the release being installed; empty when none ever was
 * @param packageSm3 the SM3 of the new release's manifest
 * @param by         who asked for it (user, role and address, as audited)
 * @param started    when it was asked for
 * @param deadline   the end of the health window (set when the switch is made)
 * @param starts     how many times the new release was started within the window
 * @param reason     why it failed or was rolled back; empty otherwise
 * @param updated    when this state was written
 */
public record UpgradeState(Phase phase, String from, String to, String packageSm3, String by, Instant started,
                           Instant deadline, int starts, String reason, Instant updated) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public UpgradeState {
        Objects.requireNonNull(phase, "phase");
        from = from == null ? "" : from;
        to = to == null ? "" : to;
        packageSm3 = packageSm3 == null ? "" : packageSm3;
        by = by == null ? "" : by;
        reason = reason == null ? "" : reason;
    }

    /** No upgrade ever ran. */
    public static UpgradeState idle() {
        return new UpgradeState(Phase.IDLE, "", "", "", "", null, null, 0, "", null);
    }

    /** This state in {@code phase} at {@code now}. */
    public UpgradeState in(Phase phase, Instant now) {
        return new UpgradeState(phase, from, to, packageSm3, by, started, deadline, starts, reason, now);
    }

    UpgradeState withDeadline(Instant deadline) {
        return new UpgradeState(phase, from, to, packageSm3, by, started, deadline, 0, reason, updated);
    }

    UpgradeState withStarts(int starts) {
        return new UpgradeState(phase, from, to, packageSm3, by, started, deadline, starts, reason, updated);
    }

    UpgradeState because(String reason) {
        return new UpgradeState(phase, from, to, packageSm3, by, started, deadline, starts, reason, updated);
    }

    /** The state as a map for JSON answers (the API, {@code tanhe upgrade status}). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phase", phase.name().toLowerCase(java.util.Locale.ROOT));
        m.put("from", from.isEmpty() ? "base" : from);
        m.put("to", to);
        m.put("packageSm3", packageSm3);
        m.put("by", by);
        m.put("started", started == null ? null : started.toString());
        m.put("deadline", deadline == null ? null : deadline.toString());
        m.put("starts", starts);
        m.put("reason", reason);
        m.put("updated", updated == null ? null : updated.toString());
        return m;
    }

    /** The state in {@code file}, or {@link #idle()} when there is none. */
    static UpgradeState read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return idle();
        }
        JsonNode n;
        try {
            n = JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IOException(file + " is not an upgrade state (" + e.getMessage() + "); it is written only by tanhe:"
                    + " restore it from `tanhe upgrade status` output or remove it after checking the `current` link", e);
        }
        try {
            return new UpgradeState(Phase.valueOf(n.path("phase").asText().toUpperCase(java.util.Locale.ROOT)),
                    n.path("from").asText(""), n.path("to").asText(""), n.path("packageSm3").asText(""), n.path("by").asText(""),
                    instant(n, "started"), instant(n, "deadline"), n.path("starts").asInt(0), n.path("reason").asText(""),
                    instant(n, "updated"));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the state durably: a temporary file forced to disk, renamed over the old one, the folder forced. */
    void write(Path file) throws IOException {
        ObjectNode n = JSON.valueToTree(toMap());
        n.put("phase", phase.name());
        n.put("from", from);
        byte[] bytes = (JSON.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING); OutputStream out = Channels.newOutputStream(ch)) {
            out.write(bytes);
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        InstallRoot.force(file.getParent());
    }

    private static Instant instant(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : Instant.parse(v.asText());
    }
}
