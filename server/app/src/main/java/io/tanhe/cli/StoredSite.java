package io.tanhe.cli;

import io.tanhe.sim.demo.SimulatedType;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteLoader;
import io.tanhe.server.store.ConfigVersion;
import io.tanhe.server.store.Store;
import io.tanhe.server.terminal.Terminal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** The site of a stopped terminal's store: the file given, else the version the terminal saved in the store. */
final class StoredSite {
    private StoredSite() {
    }

    /**
     * @param siteFile the site file; null for the saved version
     * @throws IllegalArgumentException when none is given and the store has none saved
     */
    static Site load(Path siteFile, Store store, Path dataDir) {
        SiteLoader loader = new SiteLoader(Clock.systemUTC()).with(new SimulatedType());
        if (siteFile != null) {
            return loader.load(siteFile);
        }
        ConfigVersion latest = store.configs().latest().orElseThrow(() -> new IllegalArgumentException(
                "the store in " + dataDir + " has no saved site file; give --site FILE"));
        Optional<Path> path = latest.note().startsWith(Terminal.SITE_NOTE)
                ? Optional.of(Path.of(latest.note().substring(Terminal.SITE_NOTE.length()))) : Optional.empty();
        Path dir = path.map(Path::getParent).filter(Files::isDirectory).orElse(Path.of("").toAbsolutePath());
        return loader.parse(latest.content(), path.map(Path::toString).orElse("site (version " + latest.version() + ")"), dir);
    }
}
