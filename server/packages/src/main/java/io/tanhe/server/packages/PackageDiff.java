package io.tanhe.server.packages;

import io.tanhe.server.packages.diff.DiffReport;
import io.tanhe.server.packages.diff.MethodologyDiff;
import io.tanhe.server.packages.diff.Snapshot;
import io.tanhe.server.store.FileTrees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Diffs where one or both sides are packages: what {@code tanhe package verify --against}, {@code tanhe diff}
 * and the terminal's review of a staged candidate show. A package is compiled with only its own files.
 */
public final class PackageDiff {
    private PackageDiff() {
    }

    /** The side a package gives; {@code name} names it in the report. */
    public static Snapshot snapshot(ConfigPackage pkg, String name) {
        Path dir;
        try {
            dir = Files.createTempDirectory("tanhe-diff-").toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a scratch folder for the diff: " + e.getMessage(), e);
        }
        try {
            pkg.extractTo(dir);
            Path entry = pkg.manifest().entry().isEmpty() ? dir : dir.resolve(pkg.manifest().entry());
            return Snapshot.of(name, entry, List.of(dir), dir);
        } finally {
            FileTrees.deleteQuietly(dir); // a scratch folder left in the temporary directory is harmless
        }
    }

    /** The differences from package {@code old} to package {@code candidate}. */
    public static DiffReport between(ConfigPackage old, ConfigPackage candidate) {
        return MethodologyDiff.between(snapshot(old, name(old)), snapshot(candidate, name(candidate)));
    }

    /**
     * The differences from what is installed at {@code installed} (a methodology file or folder, imports looked up
     * in {@code libraries}) to {@code candidate}: the review of a staged candidate against the active version.
     */
    public static DiffReport between(Path installed, List<Path> libraries, ConfigPackage candidate) {
        return MethodologyDiff.between(Snapshot.of(installed.toString(), installed, libraries, null), snapshot(candidate, name(candidate)));
    }

    private static String name(ConfigPackage p) {
        return p.manifest().kind() + " " + p.manifest().id() + " " + p.manifest().version();
    }
}
