package io.tanhe.drivers.dlt645;

import io.tanhe.drivers.frame.Hex;

import java.util.Arrays;
import java.util.Objects;

/**
 * One DL/T 645 frame with its data already descrambled (the 0x33 offset removed).
 *
 * @param address the meter address
 * @param control the control byte C (direction, abnormal, follow-up bits and function)
 * @param data    the data field in plain bytes (DI first, least significant byte first), at most 255 bytes
 */
public record Dlt645Frame(Dlt645Address address, int control, byte[] data) {

    /** Direction bit D7: set in frames sent by the meter. */
    public static final int REPLY_BIT = 0x80;
    /** Bit D6: set when the meter answers abnormally; the data is then one error byte. */
    public static final int ABNORMAL_BIT = 0x40;
    /** Bit D5: set when more frames follow (multi-frame reply). */
    public static final int FOLLOW_UP_BIT = 0x20;
    /** Bits D4..D0. */
    public static final int FUNCTION_MASK = 0x1F;

    public Dlt645Frame {
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

    /** The function code, bits D4..D0 of the control byte. */
    public int function() {
        return control & FUNCTION_MASK;
    }

    public boolean isReply() {
        return (control & REPLY_BIT) != 0;
    }

    public boolean isAbnormal() {
        return (control & ABNORMAL_BIT) != 0;
    }

    public boolean hasFollowUp() {
        return (control & FOLLOW_UP_BIT) != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dlt645Frame f && f.address.equals(address) && f.control == control && Arrays.equals(f.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, control, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "Dlt645Frame[address=" + address + ", control=" + String.format("%02X", control)
                + ", data=" + Hex.of(data) + "]";
    }
}
