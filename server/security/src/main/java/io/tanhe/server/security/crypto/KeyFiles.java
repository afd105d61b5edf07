package io.tanhe.server.security.crypto;

import io.tanhe.server.store.PrivateFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Key files: readable by the terminal's user only (0600, in a 0700 directory), and replaced atomically
 * so that a crash while writing leaves either the old file or the new one, never half of one.
 */
public final class KeyFiles {
    private KeyFiles() {
    }

    /** Writes {@code text} to {@code file} through a 0600 temporary file and an atomic rename. */
    public static void write(Path file, String text) throws IOException {
        PrivateFiles.directory(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        PrivateFiles.writeString(tmp, text);
        try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
