package io.tanhe.server.uplink.config;

import java.util.Optional;

/**
 * One reported figure: the result node (and index key) it comes from, the code the centre knows it
 * by, and optionally the unit to convert it into before sending.
 *
 * @param node       the result node, e.g. {@code E}
 * @param key        the index key; empty for a node without index
 * @param code       the centre's code, e.g. HJ 212 {@code a05001} (CO2)
 * @param unitOrNull the unit to send in (converted from the result's unit), or {@code null} to send the result's unit
 */
public record IndicatorConfig(String node, String key, String code, String unitOrNull) {

    /** The unit to send in, if it differs from the stored one. */
    public Optional<String> unit() {
        return Optional.ofNullable(unitOrNull);
    }
}
