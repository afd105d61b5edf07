package io.tanhe.server.uplink.status;

import io.tanhe.server.store.PrivateFiles;
import io.tanhe.server.store.StoreException;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes small files whole: a reader sees the old or the new content, never a part. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Replaces {@code file} with {@code text} (written to a sibling, then renamed over it).
     *
     * @throws StoreException when the file cannot be written
     */
    public static void write(Path file, String text) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            PrivateFiles.writeString(tmp, text); // 0600: state, status and clock files are the terminal's alone
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new StoreException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
