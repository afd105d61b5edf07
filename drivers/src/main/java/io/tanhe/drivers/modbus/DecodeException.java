package io.tanhe.drivers.modbus;

/** Raw registers that do not hold a valid value of the configured type (bad BCD digit, NaN). */
public class DecodeException extends Exception {
    public DecodeException(String message) {
        super(message);
    }
}
