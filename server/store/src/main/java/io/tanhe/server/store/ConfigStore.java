package io.tanhe.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Versions of the site configuration, never deleted. Every method returns after a durable commit. */
public interface ConfigStore {

    /**
     * Saves {@code content} as the next version. When it equals the latest version's content, nothing
     * is saved and the latest version is returned.
     */
    ConfigVersion save(String content, String author, Instant at, String note);

    Optional<ConfigVersion> latest();

    Optional<ConfigVersion> version(int version);

    /** Every version, oldest first. */
    List<ConfigVersion> history();
}
