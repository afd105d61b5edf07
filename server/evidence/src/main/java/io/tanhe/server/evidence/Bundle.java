package io.tanhe.server.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import io.tanhe.server.security.crypto.Sm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * An evidence bundle opened for reading: its manifest, its signature and its entries, read one at a time from the
 * zip (never the whole bundle in memory). Reading checks nothing; {@link BundleVerifier} does.
 */
public final class Bundle implements AutoCloseable {
    static final int FORMAT = 1;
    static final String KIND = "tanhe evidence";
    static final String MANIFEST = "manifest.json";
    static final String SIGNATURE = "signature.json";

    /** One entry as the manifest lists it. */
    public record Listed(String path, String sm3, long size, long rows) {
    }

    private final Path file;
    private final ZipFile zip;
    private final byte[] manifestBytes;
    private final JsonNode manifest;
    private final JsonNode signature;
    private final Map<String, Listed> listed = new LinkedHashMap<>();

    private Bundle(Path file, ZipFile zip, byte[] manifestBytes, JsonNode manifest, JsonNode signature) {
        this.file = file;
        this.zip = zip;
        this.manifestBytes = manifestBytes;
        this.manifest = manifest;
        this.signature = signature;
        for (JsonNode e : manifest.path("entries")) {
            listed.put(e.path("path").asText(), new Listed(e.path("path").asText(), e.path("sm3").asText(), e.path("size").asLong(),
                    e.path("rows").asLong()));
        }
    }

    /**
     * Opens {@code file}.
     *
     * @throws BundleFormatException when it is not a zip, has no manifest or signature, or another format
     */
    public static Bundle open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new BundleFormatException(file + ": no such file");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException e) {
            throw new BundleFormatException(file + ": not an evidence bundle (not a zip file: " + e.getMessage() + ")");
        }
        try {
            byte[] manifest = read(zip, file, MANIFEST);
            byte[] signature = read(zip, file, SIGNATURE);
            JsonNode m = Rows.JSON.readTree(manifest);
            if (!KIND.equals(m.path("kind").asText()) || m.path("format").asInt() != FORMAT) {
                throw new BundleFormatException(file + ": " + MANIFEST + " is not a format " + FORMAT + " evidence manifest (kind `"
                        + m.path("kind").asText() + "`, format " + m.path("format").asText() + ")");
            }
            return new Bundle(file, zip, manifest, m, Rows.JSON.readTree(signature));
        } catch (IOException | RuntimeException e) {
            zip.close();
            if (e instanceof BundleFormatException b) {
                throw b;
            }
            throw new BundleFormatException(file + ": " + MANIFEST + " or " + SIGNATURE + " does not read: " + e.getMessage());
        }
    }

    private static byte[] read(ZipFile zip, Path file, String name) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new BundleFormatException(file + ": not an evidence bundle (no " + name + ")");
        }
        try (InputStream in = zip.getInputStream(e)) {
            return in.readAllBytes();
        }
    }

    public Path file() {
        return file;
    }

    public JsonNode manifest() {
        return manifest;
    }

    byte[] manifestBytes() {
        return manifestBytes.clone();
    }

    public JsonNode signature() {
        return signature;
    }

    /** The SM3 of the manifest's exact bytes, hex: what the signature covers. */
    public String manifestSm3() {
        return Sm.hex(Sm.sm3(manifestBytes));
    }

    public ZoneId zone() {
        return ZoneId.of(manifest.path("zone").asText("Asia/Shanghai"));
    }

    public LocalDate from() {
        return LocalDate.parse(manifest.path("from").asText());
    }

    public LocalDate to() {
        return LocalDate.parse(manifest.path("to").asText());
    }

    /** The entries the manifest lists, in its order. */
    public Map<String, Listed> listed() {
        return Collections.unmodifiableMap(listed);
    }

    /** The names of the entries the zip holds (manifest and signature included), in zip order. */
    public List<String> entryNames() {
        List<String> out = new ArrayList<>();
        zip.stream().filter(e -> !e.isDirectory()).forEach(e -> out.add(e.getName()));
        return out;
    }

    public boolean has(String path) {
        return zip.getEntry(path) != null;
    }

    /** The entry's bytes (for the small ones: site files, methodology, packages). */
    public byte[] bytes(String path) throws IOException {
        ZipEntry e = zip.getEntry(path);
        if (e == null) {
            throw new BundleFormatException(file + ": no entry " + path);
        }
        try (InputStream in = zip.getInputStream(e)) {
            return in.readAllBytes();
        }
    }

    public InputStream stream(String path) throws IOException {
        ZipEntry e = zip.getEntry(path);
        if (e == null) {
            throw new BundleFormatException(file + ": no entry " + path);
        }
        return zip.getInputStream(e);
    }

    /** Feeds every line of entry {@code path} to {@code sink} as JSON with its {@code path:line} for messages; none when absent. */
    public void lines(String path, LineSink sink) throws IOException {
        if (!has(path)) {
            return;
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(stream(path), StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = Rows.JSON.readTree(line);
                } catch (IOException e) {
                    throw new BundleFormatException(path + ":" + n + ": not JSON: " + e.getMessage());
                }
                sink.accept(node, path + ":" + n);
            }
        }
    }

    /** A consumer of one JSON line and where it is. */
    @FunctionalInterface
    public interface LineSink {
        void accept(JsonNode line, String where);
    }

    /** The entries under {@code folder} (e.g. {@code readings/}), by name. */
    public List<String> under(String folder) {
        return entryNames().stream().filter(n -> n.startsWith(folder)).sorted().toList();
    }

    /** Extracts the entries under {@code folder} into {@code target}, each at its path below the folder. */
    public void extract(String folder, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        for (String name : under(folder)) {
            Path to = root.resolve(name.substring(folder.length())).normalize();
            if (!to.startsWith(root)) {
                throw new BundleFormatException(file + ": entry " + name + " points outside its folder");
            }
            Files.createDirectories(to.getParent());
            try (InputStream in = stream(name)) {
                Files.copy(in, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** The SM3 (hex) and size of an entry's bytes, streamed. */
    record Hashed(String sm3, long size, long lines) {
    }

    Optional<Hashed> hash(String path) throws IOException {
        if (!has(path)) {
            return Optional.empty();
        }
        MessageDigest d = sm3();
        long size = 0;
        long lines = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = stream(path)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
                size += n;
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return Optional.of(new Hashed(Sm.hex(d.digest()), size, lines));
    }

    static MessageDigest sm3() {
        try {
            return MessageDigest.getInstance("SM3", Sm.provider());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SM3 is not available: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
