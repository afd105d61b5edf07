package io.tanhe.drivers;

import java.time.Instant;
import java.util.List;

/**
 * A device that answers when asked (Modbus, DL/T 645, CJ/T 188, HTTP, SQL). A scheduler calls
 * {@link #poll(Instant)} at each due time; one call reads every point of the device that is due.
 */
public interface PolledDevice extends AutoCloseable {

    /** The configured device id. */
    String id();

    /**
     * Reads all configured points once. Communication failures are returned as readings with a
     * failure quality (timeout, CRC error, device error), never thrown.
     *
     * @param scheduledAt the scheduled time of this poll, used as measurement time when the device has no clock
     */
    List<Reading> poll(Instant scheduledAt);

    @Override
    void close();
}
