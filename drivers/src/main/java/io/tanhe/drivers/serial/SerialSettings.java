package io.tanhe.drivers.serial;

import java.util.Objects;

/**
 * A local serial port and its line settings. DL/T 645 meters default to 2400 8E1
 * (protocols.md §2.1); CJ/T 188 meters typically to 2400 8E1 as well (§3.1).
 *
 * @param port     device path or name, e.g. {@code /dev/ttyUSB0} or {@code COM3}
 * @param baud     bits per second
 * @param dataBits 5–8
 * @param parity   parity
 * @param stopBits 1 or 2
 */
public record SerialSettings(String port, int baud, int dataBits, Parity parity, int stopBits) {

    public SerialSettings {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(parity, "parity");
        if (port.isBlank()) {
            throw new IllegalArgumentException("port is empty");
        }
        if (baud < 50 || baud > 4_000_000) {
            throw new IllegalArgumentException("baud " + baud + " is outside 50..4000000");
        }
        if (dataBits < 5 || dataBits > 8) {
            throw new IllegalArgumentException("dataBits " + dataBits + " is outside 5..8");
        }
        if (stopBits != 1 && stopBits != 2) {
            throw new IllegalArgumentException("stopBits must be 1 or 2, not " + stopBits);
        }
    }

    /** {@code /dev/ttyS1 2400 8E1}. */
    public String describe() {
        return port + " " + baud + " " + dataBits + parity.letter() + stopBits;
    }
}
