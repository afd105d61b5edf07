package io.tanhe.server.terminal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The note a running terminal leaves in its data directory ({@value #NAME}): its process id, API
 * address and start time. The terminal holds its store (embedded Derby lets one process open it), so
 * a command that needs the store while the terminal runs — {@code tanhe report} — asks the API found
 * here instead. Written once the store and the API are up, removed on a clean stop; a note left by a
 * killed terminal names a process that no longer runs (or an API that does not answer) and is ignored.
 *
 * @param pid       the terminal's process id
 * @param api       its API address, e.g. {@code http://127.0.0.1:8017}; null when the API is off
 * @param startedAt when it started (wall clock)
 * @param site      the site id
 */
public record TerminalFile(long pid, String api, Instant startedAt, String site) {
    /** The file's name in the data directory. */
    public static final String NAME = "terminal.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The note of this process's terminal. */
    static TerminalFile ofThisProcess(Optional<String> api, Instant startedAt, String site) {
        return new TerminalFile(ProcessHandle.current().pid(), api.orElse(null), startedAt, site);
    }

    /** Its API address; empty when the terminal runs without an API. */
    public Optional<String> apiAddress() {
        return Optional.ofNullable(api);
    }

    /** True when the terminal that wrote it runs in this JVM (its store must not be opened a second time here). */
    public boolean inThisProcess() {
        return pid == ProcessHandle.current().pid();
    }

    /** True when a process with its pid is alive (it may, rarely, be another program that reused the pid). */
    public boolean processAlive() {
        return inThisProcess() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Writes the note into {@code dataDir}, replacing whatever note was there, atomically. */
    void write(Path dataDir) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("pid", pid);
        doc.put("api", api);
        doc.put("startedAt", startedAt.toString());
        doc.put("site", site);
        Path file = dataDir.resolve(NAME);
        Path tmp = dataDir.resolve(NAME + ".tmp");
        io.tanhe.server.store.PrivateFiles.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n");
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes the note from {@code dataDir}. */
    static void remove(Path dataDir) throws IOException {
        Files.deleteIfExists(dataDir.resolve(NAME));
    }

    /** The note in {@code dataDir}; empty when there is none or it cannot be read (it is then of no use). */
    public static Optional<TerminalFile> read(Path dataDir) {
        Path file = dataDir.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode doc = JSON.readTree(file.toFile());
            JsonNode api = doc.path("api");
            return Optional.of(new TerminalFile(doc.path("pid").asLong(-1), api.isTextual() ? api.asText() : null,
                    Instant.parse(doc.path("startedAt").asText()), doc.path("site").asText("")));
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
