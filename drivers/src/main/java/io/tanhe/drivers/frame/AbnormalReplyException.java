package io.tanhe.drivers.frame;

/**
 * The meter understood the request and answered with an error or abnormal reply (DL/T 645
 * control 0xD1 with its error byte, CJ/T 188 control with the abnormal bit). The message explains
 * the meter's error code. Retrying does not help; the configuration or the meter needs a look.
 */
public class AbnormalReplyException extends Exception {

    public AbnormalReplyException(String message) {
        super(message);
    }
}
