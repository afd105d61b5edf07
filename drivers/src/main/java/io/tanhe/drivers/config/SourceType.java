package io.tanhe.drivers.config;

import io.tanhe.grammar.config.ConfigNode;

/**
 * One driver family as the points file sees it: the {@code type:} value it answers to and how
 * it turns one device entry into a source. Register an implementation with one line in
 * {@code io.tanhe.drivers.registry.SourceTypes#all()}.
 */
public interface SourceType {

    /** The value of {@code type:} this family handles, e.g. {@code modbus-tcp}. */
    String type();

    /**
     * Creates the source of one device entry. Read fields from {@code device} (use
     * {@link PointSettings#read} and {@link PollSettings#read} for the common ones); report bad
     * fields through {@link ConfigNode#problem} and carry on, so every problem is reported at once.
     * Must not perform I/O: connections open when the source starts or first polls.
     *
     * @param id     the device id (already validated and unique)
     * @param device the device entry, template defaults already merged in
     * @param ctx    clock, base directory and shared resources
     */
    ConfiguredSource create(String id, ConfigNode device, ConfigContext ctx);
}
