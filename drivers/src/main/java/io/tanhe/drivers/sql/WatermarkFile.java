package io.tanhe.drivers.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The watermark of one SQL source kept in a small text file, so a restart does not read the table
 * again from the start. Written to a temporary file, forced to disk and moved over the old one, so
 * a power cut leaves either the old or the new watermark, never half of one.
 */
public final class WatermarkFile {
    private final Path file;

    public WatermarkFile(Path file) {
        this.file = file;
    }

    /**
     * The stored watermark, if the file exists.
     *
     * @throws IllegalStateException naming the file when its content is not a watermark of this kind
     */
    public Optional<Watermark> load(Watermark.Kind kind) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(kind.parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read watermark file " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("watermark file " + file + ": " + e.getMessage()
                    + "; fix or delete it (deleting re-reads the table from the configured start)", e);
        }
    }

    /** Replaces the stored watermark atomically. */
    public void save(Watermark watermark) {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(StandardCharsets.UTF_8.encode(watermark.text() + "\n"));
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write watermark file " + file, e);
        }
    }
}
