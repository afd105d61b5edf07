package io.tanhe.drivers.serial;

import java.io.IOException;

/** The peer closed the connection (e.g. a serial server or meter dropped the TCP link mid-frame). */
public class TransportClosedException extends IOException {

    public TransportClosedException(String message) {
        super(message);
    }
}
