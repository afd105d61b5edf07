package io.tanhe.drivers.cjt188;

import io.tanhe.drivers.frame.Hex;

import java.util.Arrays;
import java.util.Objects;

/**
 * One CJ/T 188 frame. The data field is not scrambled in this protocol (protocols.md §3.1).
 *
 * @param type    the meter type byte T
 * @param address the meter address
 * @param control the control byte C: D7 direction (1 = reply), D6 abnormal, D5..D0 function
 * @param data    the data field: DI (2 bytes), SER, then the payload; at most 255 bytes
 */
public record Cjt188Frame(MeterType type, Cjt188Address address, int control, byte[] data) {
    public static final int REPLY_BIT = 0x80;
    public static final int ABNORMAL_BIT = 0x40;
    public static final int FUNCTION_MASK = 0x3F;

    public Cjt188Frame {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(data, "data");
        if (control < 0 || control > 0xFF) {
            throw new IllegalArgumentException("control byte out of range: " + control);
        }
        if (data.length > 255) {
            throw new IllegalArgumentException("data field of " + data.length + " bytes exceeds 255");
        }
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public int function() {
        return control & FUNCTION_MASK;
    }

    public boolean isReply() {
        return (control & REPLY_BIT) != 0;
    }

    public boolean isAbnormal() {
        return (control & ABNORMAL_BIT) != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cjt188Frame f && f.type.equals(type) && f.address.equals(address) && f.control == control
                && Arrays.equals(f.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, address, control, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "Cjt188Frame[type=" + type + ", address=" + address + ", control=" + String.format("%02X", control)
                + ", data=" + Hex.of(data) + "]";
    }
}
