package io.tanhe.engine.time;

import java.time.Instant;

/**
 * An observation or meter event that cannot be taken: the message names the input, the key, the
 * timestamp, what is wrong and what to do. Nothing was changed.
 */
public final class ObservationException extends IllegalArgumentException {

    public ObservationException(String input, String key, Instant timestamp, String problem) {
        super(where(input, key) + " at " + timestamp + ": " + problem);
    }

    static String where(String input, String key) {
        return key == null || key.isEmpty() ? input : input + "[" + key + "]";
    }
}
