package io.tanhe.server.terminal;

import io.tanhe.server.store.PrivateFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The remote cut-off (§8.4 切断): while it stands, the terminal uploads nothing and its API answers only the
 * machine itself (loopback). It is a file in the data directory, {@value #NAME}, so that it survives a
 * restart and can be lifted on the machine even when the terminal does not run ({@code tanhe cutoff lift}).
 *
 * @param at     when it was ordered
 * @param by     who ordered it (user name)
 * @param from   the address the order came from
 * @param reason the reason given
 */
public record CutOff(Instant at, String by, String from, String reason) {
    /** The file that holds a standing cut-off. */
    public static final String NAME = "cut-off";

    /** The cut-off standing in {@code dataDir}, if any. */
    public static Optional<CutOff> read(Path dataDir) {
        Path file = dataDir.resolve(NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            String[] f = Files.readString(file, StandardCharsets.UTF_8).split("\n", 4);
            if (f.length < 4) {
                return Optional.of(new CutOff(Instant.EPOCH, "?", "?", "unreadable cut-off file " + file + "; it still stands"));
            }
            return Optional.of(new CutOff(Instant.parse(f[0].strip()), f[1].strip(), f[2].strip(), f[3].strip()));
        } catch (IOException | RuntimeException e) {
            // a cut-off whose file cannot be read still stands: failing open would undo it
            return Optional.of(new CutOff(Instant.EPOCH, "?", "?", "unreadable cut-off file " + file + ": " + e.getMessage()));
        }
    }

    /** Writes this cut-off into {@code dataDir} atomically (0600). */
    public void write(Path dataDir) {
        try {
            Path tmp = dataDir.resolve(NAME + ".tmp");
            PrivateFiles.file(tmp);
            Files.writeString(tmp, at + "\n" + oneLine(by) + "\n" + oneLine(from) + "\n" + oneLine(reason) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, dataDir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the cut-off into " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** Lifts the cut-off standing in {@code dataDir}; false when none stood. */
    public static boolean lift(Path dataDir) {
        try {
            return Files.deleteIfExists(dataDir.resolve(NAME));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dataDir.resolve(NAME) + ": " + e.getMessage(), e);
        }
    }

    private static String oneLine(String s) {
        return s == null || s.isBlank() ? "-" : s.replace('\n', ' ').replace('\r', ' ');
    }
}
