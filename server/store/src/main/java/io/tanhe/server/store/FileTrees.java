package io.tanhe.server.store;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Removes a folder with everything in it: scratch folders, temporary copies, a restore's staging copy.
 * Symbolic links are removed, never followed, so a link inside the tree cannot make it delete files
 * outside. A failure on one entry does not stop the rest: as much as can go goes, then the first
 * failure is reported.
 */
public final class FileTrees {
    private FileTrees() {
    }

    /**
     * Deletes {@code root} and everything under it; a {@code root} that does not exist is left as it is
     * (nothing to do), a file or a link is deleted alone.
     *
     * @throws IOException the first entry that could not be deleted (the others as suppressed exceptions);
     *                     the entries that could be deleted are gone
     */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Remover remover = new Remover();
        Files.walkFileTree(root, remover);
        if (remover.failure != null) {
            throw remover.failure;
        }
    }

    /**
     * {@link #delete} for scratch folders whose leftovers are harmless (they sit in the temporary
     * directory): says whether {@code root} is gone instead of throwing.
     */
    public static boolean deleteQuietly(Path root) {
        try {
            delete(root);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes files on the way down and each folder once its content is gone; remembers failures and goes on. */
    private static final class Remover extends SimpleFileVisitor<Path> {
        private IOException failure;

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            remove(file);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (!(e instanceof NoSuchFileException)) {
                failed(e);
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
            if (e != null && !(e instanceof NoSuchFileException)) {
                failed(e);
            }
            remove(dir);
            return FileVisitResult.CONTINUE;
        }

        private void remove(Path p) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                failed(e);
            }
        }

        private void failed(IOException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
    }
}
