package io.tanhe.server.uplink.delivery;

/** A centre could not be reached or did not acknowledge an upload; the upload stays in the outbox. */
public final class DeliveryException extends Exception {

    /** @param message what failed, with the centre's id and address */
    public DeliveryException(String message) {
        super(message);
    }

    /** @param message what failed, with the centre's id and address */
    public DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
