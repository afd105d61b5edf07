package io.tanhe.server.store.jdbc;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Watches the free space of the file system that holds the store. Intake stops while it is below the
 * reserve, before the database runs into a full disk, so the reserve is left for alerts, events and a clean
 * shutdown.
 */
final class DiskGuard {
    private final Path directory;
    private final long minFreeBytes;
    private final FileStore fileStore;

    DiskGuard(Path directory, long minFreeBytes) {
        this.directory = directory;
        this.minFreeBytes = minFreeBytes;
        try {
            this.fileStore = Files.getFileStore(directory);
        } catch (IOException e) {
            throw new IllegalStateException("cannot find the file system of " + directory + ": " + e.getMessage(), e);
        }
    }

    /** What is wrong with the free space, or null when there is enough. */
    String problem() {
        if (minFreeBytes == 0) {
            return null;
        }
        try {
            long free = fileStore.getUsableSpace();
            if (free < minFreeBytes) {
                return "the disk holding " + directory + " has " + free / 1024 + " KiB free, below the reserve of "
                        + minFreeBytes / 1024 + " KiB: free space (old exports, logs) or move the store";
            }
            return null;
        } catch (IOException e) {
            return "cannot read the free space of the disk holding " + directory + ": " + e.getMessage();
        }
    }
}
