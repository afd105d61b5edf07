package io.tanhe.server.site;

import io.tanhe.server.store.jdbc.Engine;
import io.tanhe.server.store.jdbc.ServerLogin;
import io.tanhe.server.store.jdbc.StoreSettings;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The site file's {@code store:} block: which engine keeps the terminal's data. Without one, the data
 * directory decides: SQLite for a new directory, Derby for one that holds a Derby database.
 *
 * @param engine the engine the site asks for, if it names one
 * @param server how to reach PostgreSQL, when the engine is postgresql
 */
public record StoreChoice(Optional<Engine> engine, Optional<ServerLogin> server) {
    /** No {@code store:} block. */
    public static final StoreChoice DEFAULT = new StoreChoice(Optional.empty(), Optional.empty());

    /**
     * The store settings for a terminal with data directory {@code dataDir}.
     *
     * @throws IllegalArgumentException when the site names an embedded engine other than the one whose
     *                                  database the directory already holds
     */
    public StoreSettings settings(Path dataDir) {
        StoreSettings detected = StoreSettings.at(dataDir);
        if (server.isPresent()) {
            return detected.withServer(server.get());
        }
        if (engine.isEmpty() || engine.get() == detected.engine()) {
            return detected;
        }
        if (Engine.holdsStore(dataDir)) {
            throw new IllegalArgumentException("store: the site asks for engine " + engine.get() + " but " + dataDir
                    + " holds a " + detected.engine() + " store; move it with `tanhe store migrate --from " + dataDir
                    + " --to <new directory>` or remove `engine:`");
        }
        return detected.withEngine(engine.get());
    }
}
