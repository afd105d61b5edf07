package io.tanhe.drivers.serial;

import java.io.IOException;

/** No reply frame started within the response timeout. */
public class TransportTimeoutException extends IOException {

    public TransportTimeoutException(String message) {
        super(message);
    }
}
