package io.tanhe.server.uplink.delivery;

import java.util.List;
import java.util.function.Consumer;

/**
 * The connection to one data centre, in one protocol. Used by the centre's worker thread only
 * (an HJ 212 channel also answers the platform's commands on threads of its own).
 */
public interface Channel extends AutoCloseable {

    /**
     * Opens the connection when it is not open; keeps it alive (heartbeat) when it is.
     *
     * @throws DeliveryException when the centre cannot be reached
     */
    void maintain() throws DeliveryException;

    /**
     * Delivers {@code uploads} in order, calling {@code acked} for each one the centre has
     * acknowledged, in order, before sending anything after it that depends on it.
     *
     * @throws DeliveryException at the first upload that was not acknowledged; the uploads before it were
     */
    void deliver(List<QueuedUpload> uploads, Consumer<QueuedUpload> acked) throws DeliveryException;

    /** Whether the connection is open (HTTPS: whether the last request succeeded). */
    boolean connected();

    /** Closes the connection. */
    @Override
    void close();
}
