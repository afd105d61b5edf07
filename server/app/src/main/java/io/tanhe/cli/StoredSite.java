package io.tanhe.cli;

import io.tanhe.sim.demo.SimulatedType;
import io.tanhe.server.security.config.ConfigTamperedException;
import io.tanhe.server.security.config.SealedConfigs;
import io.tanhe.server.security.crypto.DeviceKey;
import io.tanhe.server.security.identity.DeviceIdentity;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteLoader;
import io.tanhe.server.store.ConfigVersion;
import io.tanhe.server.store.Store;
import io.tanhe.server.terminal.Terminal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The site of a stopped terminal's store: the file given, else the version the terminal saved in the store,
 * checked against its signature and with its secrets unsealed under the device key.
 */
final class StoredSite {
    private StoredSite() {
    }

    /**
     * @param siteFile the site file; null for the saved version
     * @throws IllegalArgumentException when none is given and the store has none saved, or the saved one was
     *                                  changed outside the terminal
     */
    static Site load(Path siteFile, Store store, Path dataDir) {
        SiteLoader loader = new SiteLoader(Clock.systemUTC()).with(new SimulatedType());
        if (siteFile != null) {
            return loader.load(siteFile);
        }
        SealedConfigs.Opened opened;
        try {
            opened = SealedConfigs.open(store::connect, store.configs(), DeviceKey.loadOrCreate(dataDir), DeviceIdentity.loadOrCreate(dataDir))
                    .latest().orElseThrow(() -> new IllegalArgumentException(
                            "the store in " + dataDir + " has no saved site file; give --site FILE"));
        } catch (ConfigTamperedException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        ConfigVersion latest = opened.version();
        Optional<Path> path = latest.note().startsWith(Terminal.SITE_NOTE)
                ? Optional.of(Path.of(latest.note().substring(Terminal.SITE_NOTE.length()))) : Optional.empty();
        Path dir = path.map(Path::getParent).filter(Files::isDirectory).orElse(Path.of("").toAbsolutePath());
        return loader.parse(opened.text(), path.map(Path::toString).orElse("site (version " + latest.version() + ")"), dir);
    }
}
