package io.tanhe.server.site;

import io.tanhe.sim.demo.SimulatedType;
import io.tanhe.sim.demo.DemoSite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.UnaryOperator;

/** The demo site's files in a test directory, optionally edited, and loading them. */
public final class SiteFiles {
    private SiteFiles() {
    }

    /** Writes the demo site into {@code dir} with {@code edit} applied to the site file's text; returns the site file. */
    public static Path demo(Path dir, UnaryOperator<String> edit) {
        Path file = DemoSite.writeTo(dir);
        try {
            Files.writeString(file, edit.apply(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    public static Site load(Path file) {
        return new SiteLoader(Clock.systemUTC()).with(new SimulatedType()).load(file);
    }
}
