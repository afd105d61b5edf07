package io.tanhe.server.uplink.config;

import java.util.List;
import java.util.Optional;

/**
 * The uplink's configuration: the data centres the terminal reports to. Load it with
 * {@link UplinkConfigLoader}; docs/uplink.md describes the file.
 *
 * @param centres the centres, ids unique; may be empty (no uplink)
 */
public record UplinkConfig(List<CentreConfig> centres) {
    /** No centres. */
    public static final UplinkConfig NONE = new UplinkConfig(List.of());

    public UplinkConfig {
        centres = List.copyOf(centres);
    }

    /** The centre with this id. */
    public Optional<CentreConfig> centre(String id) {
        return centres.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
