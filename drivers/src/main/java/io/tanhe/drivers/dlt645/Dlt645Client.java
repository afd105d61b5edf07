package io.tanhe.drivers.dlt645;

import io.tanhe.drivers.frame.AbnormalReplyException;
import io.tanhe.drivers.frame.MalformedFrameException;
import io.tanhe.drivers.serial.HalfDuplexLine;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;

/** The master side of DL/T 645 on one line: read values, discover an address, broadcast the time. */
public final class Dlt645Client {
    private final HalfDuplexLine line;
    private final Duration timeout;

    /**
     * @param line    the bus
     * @param timeout how long a reply may take
     */
    public Dlt645Client(HalfDuplexLine line, Duration timeout) {
        this.line = line;
        this.timeout = timeout;
    }

    /**
     * Reads one value.
     *
     * @throws IOException             on timeout ({@link io.tanhe.drivers.serial.TransportTimeoutException}),
     *                                 a closed connection or a port that cannot be opened
     * @throws MalformedFrameException when the reply is corrupt or does not answer the request
     * @throws AbnormalReplyException  when the meter answered with an error
     */
    public BigDecimal read(Dlt645Address address, DataIdentifier di, ValueFormat format)
            throws IOException, MalformedFrameException, AbnormalReplyException {
        Dlt645Frame reply = Dlt645Codec.decode(line.exchange(Dlt645Codec.encode(Dlt645Requests.readData(address, di)), Dlt645Codec.SHAPE, timeout));
        return format.decode(Dlt645Replies.dataValue(reply, address, di), "DI " + di + " from meter " + address);
    }

    /** Asks the only meter on the bus for its address (read address 0x13 to the wildcard). */
    public Dlt645Address readAddress() throws IOException, MalformedFrameException, AbnormalReplyException {
        byte[] reply = line.exchange(Dlt645Codec.encode(Dlt645Requests.readAddress()), Dlt645Codec.SHAPE, timeout);
        return Dlt645Replies.address(Dlt645Codec.decode(reply));
    }

    /** Sets every meter's clock on the bus to {@code localTime} (the meters' local time); no meter answers. */
    public void broadcastTime(LocalDateTime localTime) throws IOException {
        line.send(Dlt645Codec.encode(Dlt645Requests.broadcastTime(localTime)));
    }
}
