package io.tanhe.sim.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The bundled demo site: a coal unit and a gas turbine of a power plant (methodology
 * cn.power-generation) with simulated meters. Its files are copied to {@code <data-dir>/demo-site/}
 * at every start, where they can be read as an example of a site file (edit a copy, not these).
 */
public final class DemoSite {
    /** The files of the demo site, as classpath resources next to this class. */
    static final List<String> FILES = List.of("site.yaml", "demo-site.factors.yaml");

    private DemoSite() {
    }

    /** Writes the demo site's files into {@code dataDir/demo-site/} and returns the site file. */
    public static Path writeTo(Path dataDir) {
        Path dir = dataDir.resolve("demo-site");
        try {
            Files.createDirectories(dir);
            for (String name : FILES) {
                try (InputStream in = DemoSite.class.getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IllegalStateException("the demo site file " + name + " is missing from the build");
                    }
                    Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
                ownerOnly(dir.resolve(name), "rw-------");
            }
            ownerOnly(dir, "rwx------");
            ownerOnly(dataDir, "rwx------");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo site into " + dir + ": " + e.getMessage(), e);
        }
        return dir.resolve("site.yaml");
    }

    /** The data directory and what is in it belong to the terminal's user alone (0700 / 0600), where POSIX permissions exist. */
    private static void ownerOnly(Path p, String permissions) throws IOException {
        java.nio.file.attribute.PosixFileAttributeView view = Files.getFileAttributeView(p, java.nio.file.attribute.PosixFileAttributeView.class);
        if (view != null) {
            view.setPermissions(java.nio.file.attribute.PosixFilePermissions.fromString(permissions));
        }
    }
}
