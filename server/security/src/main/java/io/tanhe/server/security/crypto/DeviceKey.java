package io.tanhe.server.security.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The device's SM4 key for secrets at rest, in {@code keys/device.sm4} under the data directory (0600),
 * made at first start. Rotation writes the next key to {@code device.sm4.next} first, re-encrypts under it,
 * then renames it over the current one: a crash between those steps leaves both files, and the next
 * load knows both keys, so it can finish the rotation. Every sealed value names the key id it was sealed
 * under.
 */
public final class DeviceKey {
    /** The key file, relative to the data directory. */
    public static final String FILE = "keys/device.sm4";
    private static final String NEXT_SUFFIX = ".next";
    private static final String HEADER = "tanhe device key (SM4); never copy this file off the device";

    private final Path file;
    private final String currentId;
    private final Map<String, Sm4Gcm> keys;

    private DeviceKey(Path file, String currentId, Map<String, Sm4Gcm> keys) {
        this.file = file;
        this.currentId = currentId;
        this.keys = Map.copyOf(keys);
    }

    /** The data directory's key, made now when it has none. */
    public static DeviceKey loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                write(file, newId(), Sm4Gcm.newKey());
            }
            Map<String, Sm4Gcm> keys = new LinkedHashMap<>();
            String current = read(file, keys);
            Path next = next(file);
            if (Files.exists(next)) {
                current = read(next, keys);
            }
            return new DeviceKey(file, current, keys);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the device key " + file + ": " + e.getMessage(), e);
        }
    }

    /** The id of the key new values are sealed under. */
    public String currentId() {
        return currentId;
    }

    /** True when a rotation was started and not finished (both key files exist). */
    public boolean rotationPending() {
        return Files.exists(next(file));
    }

    /** The current key. */
    public Sm4Gcm current() {
        return keys.get(currentId);
    }

    /** The key with {@code id}, when this device has it (the current one, or the previous one during a rotation). */
    public Optional<Sm4Gcm> key(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    /**
     * Step one of a rotation: writes a new key beside the current one and returns both, the new one current.
     * Call {@link #finishRotation()} once everything is re-encrypted under it.
     */
    public DeviceKey beginRotation() {
        try {
            Path next = next(file);
            if (!Files.exists(next)) {
                write(next, newId(), Sm4Gcm.newKey());
            }
            Map<String, Sm4Gcm> all = new LinkedHashMap<>(keys);
            String id = read(next, all);
            return new DeviceKey(file, id, all);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the next device key beside " + file + ": " + e.getMessage(), e);
        }
    }

    /** Step two: the new key replaces the old one, which is gone from then on. */
    public DeviceKey finishRotation() {
        try {
            Files.move(next(file), file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Map<String, Sm4Gcm> only = new LinkedHashMap<>();
            String id = read(file, only);
            return new DeviceKey(file, id, only);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace the device key " + file + ": " + e.getMessage(), e);
        }
    }

    private static Path next(Path file) {
        return file.resolveSibling(file.getFileName() + NEXT_SUFFIX);
    }

    private static String newId() {
        byte[] id = new byte[4];
        new SecureRandom().nextBytes(id);
        return Sm.hex(id);
    }

    private static void write(Path file, String id, byte[] key) throws IOException {
        KeyFiles.write(file, "# " + HEADER + "\nid=" + id + "\nsm4=" + Sm.hex(key) + "\n");
    }

    private static String read(Path file, Map<String, Sm4Gcm> into) throws IOException {
        String id = null;
        String key = null;
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("id=")) {
                id = line.substring(3).strip();
            } else if (line.startsWith("sm4=")) {
                key = line.substring(4).strip();
            }
        }
        if (id == null || key == null || id.isEmpty()) {
            throw new IOException(file + " is not a device key file (it needs lines id=… and sm4=…); restore it from the"
                    + " device's key backup, or move it away to start with a new key (secrets sealed under it are then lost)");
        }
        try {
            into.put(id, new Sm4Gcm(Sm.unhex(key)));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": the sm4= line is not a 32-digit hex key: " + e.getMessage(), e);
        }
        return id;
    }
}
