package io.tanhe.drivers.serial;

import io.tanhe.drivers.Quality;
import io.tanhe.drivers.frame.AbnormalReplyException;
import io.tanhe.drivers.frame.MalformedFrameException;

import java.io.IOException;

/**
 * One request to a meter with retries, its failure turned into the reading quality the driver
 * interface promises: no answer is {@link Quality#TIMEOUT}, a corrupt or truncated frame or a lost
 * connection is {@link Quality#COMM_ERROR}, an error reply is {@link Quality#DEVICE_ERROR}.
 *
 * @param <T> what the request yields
 */
@FunctionalInterface
public interface MeterRequest<T> {

    /** Performs the request once. */
    T run() throws IOException, MalformedFrameException, AbnormalReplyException;

    /** What came of a request after its retries. */
    sealed interface Outcome<T> {
    }

    /** The request succeeded. */
    record Success<T>(T value) implements Outcome<T> {
    }

    /**
     * The request failed on its last try.
     *
     * @param quality  the reading quality for this failure
     * @param detail   the error message of the last try
     * @param lineDown whether the line itself failed (no answer, no connection), so further requests in
     *                 the same poll would only wait for their timeouts too
     */
    record Failure<T>(Quality quality, String detail, boolean lineDown) implements Outcome<T> {
    }

    /**
     * Runs the request, retrying timeouts and communication errors up to {@code retries} more times.
     * Error replies are not retried: the meter will give the same answer.
     */
    default Outcome<T> attempt(int retries) {
        Failure<T> failure = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            try {
                return new Success<>(run());
            } catch (TransportTimeoutException e) {
                failure = new Failure<>(Quality.TIMEOUT, e.getMessage(), true);
            } catch (IOException e) {
                failure = new Failure<>(Quality.COMM_ERROR, e.getMessage(), true);
            } catch (MalformedFrameException e) {
                failure = new Failure<>(Quality.COMM_ERROR, e.getMessage(), false);
            } catch (AbnormalReplyException e) {
                return new Failure<>(Quality.DEVICE_ERROR, e.getMessage(), false);
            }
        }
        return failure;
    }
}
