package io.tanhe.drivers.cjt188;

import java.util.Objects;

/**
 * The details in which CJ/T 188 meter models differ (protocols.md §0.4 and §3.2–3.3): ShaoBF's
 * verifier switches byte order per vendor, captured frames send the DI as {@code 90 1F} or
 * {@code 1F 90}, and one heat meter puts the unit byte before each value.
 *
 * @param valueOrder     byte order of BCD values (not of the real-time field, which is seconds first)
 * @param diOrder        the DI byte order this driver transmits; both orders are accepted on receive
 * @param unitPosition   whether the unit byte follows or precedes each 4-byte value
 * @param preambleLength wake-up bytes FE sent before a request (0–4)
 */
public record Cjt188Layout(ValueOrder valueOrder, DiOrder diOrder, UnitPosition unitPosition, int preambleLength) {

    /** The layout most captured frames use: LSB first, DI {@code 90 1F}, unit after, {@code FE FE} preamble. */
    public static final Cjt188Layout STANDARD = new Cjt188Layout(ValueOrder.LSB_FIRST, DiOrder.HIGH_FIRST, UnitPosition.AFTER, 2);

    /** Byte order of multi-byte BCD values. */
    public enum ValueOrder { LSB_FIRST, MSB_FIRST }

    /** DI byte order: {@code HIGH_FIRST} sends 901F as {@code 90 1F}, {@code LOW_FIRST} as {@code 1F 90}. */
    public enum DiOrder { HIGH_FIRST, LOW_FIRST }

    /** Where the unit byte sits relative to its value. */
    public enum UnitPosition { AFTER, BEFORE }

    public Cjt188Layout {
        Objects.requireNonNull(valueOrder, "valueOrder");
        Objects.requireNonNull(diOrder, "diOrder");
        Objects.requireNonNull(unitPosition, "unitPosition");
        if (preambleLength < 0 || preambleLength > 4) {
            throw new IllegalArgumentException("preamble of " + preambleLength + " bytes is outside 0..4");
        }
    }

    /** The two DI bytes as this layout transmits them. */
    public byte[] diBytes(int di) {
        byte high = (byte) (di >> 8);
        byte low = (byte) di;
        return diOrder == DiOrder.HIGH_FIRST ? new byte[]{high, low} : new byte[]{low, high};
    }
}
