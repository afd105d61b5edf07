package io.tanhe.server.terminal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code DIR/catch-up}: an outage whose days are not all stored yet. Written (durably, before the
 * reading that ends the outage is handed to the store) when a reading moves the open window by more
 * than a day, moved on after each caught-up day, removed when the catch-up is done. A terminal killed
 * meanwhile starts again at {@code next} and takes each counter's last reading before {@code from}
 * as the left end of its interval, so the rest of the outage is caught up as if nothing had happened.
 *
 * @param from the open window's start when the outage ended (where the catch-up began)
 * @param next the first day not yet stored
 */
record OutageMarker(Instant from, Instant next) {
    static final String NAME = "catch-up";

    static Optional<OutageMarker> read(Path dir) {
        Path file = dir.resolve(NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            String[] parts = Files.readString(file, StandardCharsets.UTF_8).trim().split("\\s+");
            return Optional.of(new OutageMarker(Instant.parse(parts[0]), Instant.parse(parts[1])));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(file + " cannot be read (" + e.getMessage() + "); it records an outage"
                    + " being caught up: remove it and run `tanhe recompute` for the days of the outage", e);
        }
    }

    /** Writes the marker durably: a temporary file, forced to disk, moved into place. */
    void write(Path dir) {
        Path tmp = dir.resolve(NAME + ".tmp");
        try {
            Files.writeString(tmp, from + " " + next + "\n", StandardCharsets.UTF_8);
            try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                c.force(true);
            }
            Files.move(tmp, dir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the outage being caught up in " + dir, e);
        }
    }

    static void remove(Path dir) {
        try {
            Files.deleteIfExists(dir.resolve(NAME));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir.resolve(NAME), e);
        }
    }
}
