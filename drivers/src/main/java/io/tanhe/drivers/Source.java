package io.tanhe.drivers;

/**
 * A push source: it produces readings on its own schedule or as they arrive (MQTT subscription,
 * OPC UA monitored items, a scheduler that polls devices). Closing it stops all its threads.
 */
public interface Source extends AutoCloseable {

    /** The configured id, used in readings and logs. */
    String id();

    /** Starts producing readings into {@code sink}. Never blocks for I/O; failures become flagged readings. */
    void start(ReadingSink sink);

    /** Stops producing readings and releases connections. Idempotent. */
    @Override
    void close();
}
