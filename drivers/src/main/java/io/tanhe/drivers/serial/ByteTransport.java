package io.tanhe.drivers.serial;

import java.io.IOException;

/**
 * A raw byte pipe to one bus: a local serial port, or a TCP connection to a transparent serial
 * server. Not thread-safe; {@link HalfDuplexLine} serialises its use.
 */
public interface ByteTransport extends AutoCloseable {

    /** Human-readable endpoint for messages, e.g. {@code tcp 10.0.0.5:4001} or {@code serial /dev/ttyS1 2400 8E1}. */
    String describe();

    /** Opens the port or connection if it is not open. */
    void open() throws IOException;

    /** Whether {@link #open()} succeeded and nothing failed since. */
    boolean isOpen();

    /** Writes all bytes. */
    void write(byte[] bytes) throws IOException;

    /**
     * Reads what is available, waiting at most {@code timeoutMillis} for the first byte.
     *
     * @return the number of bytes read, 0 when nothing arrived in time
     * @throws TransportClosedException when the peer closed the connection
     */
    int read(byte[] buffer, int offset, int length, int timeoutMillis) throws IOException;

    /** Throws away bytes already received, so a late reply to an earlier request is not taken for the next one. */
    void discardInput() throws IOException;

    /** Closes the port or connection; a later {@link #open()} reopens it. Never throws. */
    @Override
    void close();
}
