package io.tanhe.server.packages.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Where releases live (e.g. {@code /opt/tanhe}): {@code releases/<version>/} each unpacked release,
 * {@code current} and {@code previous} links to the release in use and the one before, {@code upgrade.json} the
 * upgrade's state, {@code incoming/} uploaded packages, {@code components/<id>/<version>/} optional components with
 * a {@code current} link each. No {@code current} link means the base build (the one the Debian package installed)
 * is in use. Never inside the data directory (§8.4: the upgrade does not touch the plant's data).
 *
 * @param root the install root
 */
public record InstallRoot(Path root) {
    /** The link to the release in use. */
    public static final String CURRENT = "current";

    public InstallRoot {
        root = root.toAbsolutePath().normalize();
    }

    public Path releases() {
        return root.resolve("releases");
    }

    /** The folder of release {@code version}. */
    public Path release(String version) {
        return releases().resolve(version);
    }

    public Path current() {
        return root.resolve(CURRENT);
    }

    public Path previous() {
        return root.resolve("previous");
    }

    public Path stateFile() {
        return root.resolve("upgrade.json");
    }

    public Path incoming() {
        return root.resolve("incoming");
    }

    public Path components() {
        return root.resolve("components");
    }

    /** The version the {@code current} link names; empty when the base build is in use. */
    public Optional<String> currentVersion() {
        return linked(current());
    }

    /** The version a link under the root names, if the link exists. */
    static Optional<String> linked(Path link) {
        if (!Files.isSymbolicLink(link)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readSymbolicLink(link).getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the link " + link + ": " + e.getMessage(), e);
        }
    }

    /**
     * Points {@code link} at {@code target} (relative to the link's folder) in one step: a new link beside it, renamed
     * over it (rename(2) replaces atomically), then the folder forced to disk. An empty target removes the link.
     */
    static void relink(Path link, Optional<Path> target) throws IOException {
        Path dir = link.getParent();
        if (target.isEmpty()) {
            Files.deleteIfExists(link);
        } else {
            Path fresh = dir.resolve(link.getFileName() + ".new");
            Files.deleteIfExists(fresh);
            Files.createSymbolicLink(fresh, dir.relativize(target.get()));
            Files.move(fresh, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        force(dir);
    }

    /** Forces a folder's entries (a rename, a new link) to disk. */
    static void force(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
