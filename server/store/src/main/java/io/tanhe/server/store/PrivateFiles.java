package io.tanhe.server.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The terminal's data directory and its files are readable by the terminal's user only: the directory
 * 0700, its files 0600 (store, logs, notes, state and status files). They hold readings, results and
 * stored configuration, which other users of the machine have no business reading. On a file system
 * without POSIX permissions nothing is changed.
 */
public final class PrivateFiles {
    /** rwx------ */
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    /** rw------- */
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** Creates {@code dir} (and its parents) when absent and makes it 0700. */
    public static Path directory(Path dir) throws IOException {
        Files.createDirectories(dir);
        restrict(dir, DIRECTORY);
        return dir;
    }

    /** Creates {@code file} empty with 0600 when absent; makes an existing one 0600. */
    public static Path file(Path file) throws IOException {
        if (posix(file.toAbsolutePath().getParent())) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            } catch (FileAlreadyExistsException e) {
                // made 0600 below
            }
        } else if (!Files.exists(file)) {
            Files.createFile(file);
        }
        restrict(file, FILE);
        return file;
    }

    /** Writes {@code text} (UTF-8) to {@code file}, created 0600 (an existing file is made 0600 first). */
    public static void writeString(Path file, String text) throws IOException {
        file(file);
        Files.writeString(file, text);
    }

    private static void restrict(Path p, Set<PosixFilePermission> permissions) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
        if (view != null) {
            view.setPermissions(permissions);
        }
    }

    private static boolean posix(Path dir) {
        return dir != null && Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
    }
}
