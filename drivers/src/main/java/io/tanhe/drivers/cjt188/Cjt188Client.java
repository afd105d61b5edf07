package io.tanhe.drivers.cjt188;

import io.tanhe.drivers.frame.AbnormalReplyException;
import io.tanhe.drivers.frame.MalformedFrameException;
import io.tanhe.drivers.serial.HalfDuplexLine;

import java.io.IOException;
import java.time.Duration;

/**
 * The master side of CJ/T 188 on one line. Each request carries the next sequence number SER, so a
 * late reply to an earlier request is recognised and rejected.
 */
public final class Cjt188Client {
    private final HalfDuplexLine line;
    private final Cjt188Layout layout;
    private final Duration timeout;
    private int ser;

    /**
     * @param line    the bus
     * @param layout  the meter model's layout (DI order and preamble of requests)
     * @param timeout how long a reply may take
     */
    public Cjt188Client(HalfDuplexLine line, Cjt188Layout layout, Duration timeout) {
        this.line = line;
        this.layout = layout;
        this.timeout = timeout;
    }

    /**
     * Reads the current metering data (901F).
     *
     * @throws IOException             on timeout, a closed connection or a port that cannot be opened
     * @throws MalformedFrameException when the reply is corrupt or does not answer the request
     * @throws AbnormalReplyException  when the meter answered abnormally
     */
    public synchronized MeterData readCurrentData(MeterType type, Cjt188Address address)
            throws IOException, MalformedFrameException, AbnormalReplyException {
        Cjt188Frame request = Cjt188Requests.readCurrentData(type, address, nextSer(), layout);
        Cjt188Frame reply = Cjt188Codec.decode(line.exchange(Cjt188Codec.encode(request, layout.preambleLength()), Cjt188Codec.SHAPE, timeout));
        return Cjt188Replies.currentData(reply, request, layout);
    }

    /** Asks the only meter on the bus for its type and address (read address 0x03 with wildcards). */
    public synchronized MeterIdentity readAddress() throws IOException, MalformedFrameException, AbnormalReplyException {
        Cjt188Frame request = Cjt188Requests.readAddress(nextSer(), layout);
        Cjt188Frame reply = Cjt188Codec.decode(line.exchange(Cjt188Codec.encode(request, layout.preambleLength()), Cjt188Codec.SHAPE, timeout));
        return Cjt188Replies.identity(reply, request);
    }

    private int nextSer() {
        int current = ser;
        ser = (ser + 1) & 0xFF;
        return current;
    }
}
