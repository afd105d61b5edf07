package io.tanhe.server.hj212;

/**
 * The Flag field: bits {@code V5..V0 D A}. The version bits say which standard the packet follows;
 * D (bit 1) says the packet is one part of a split message and carries PNUM/PNO; A (bit 0) says the
 * sender wants an answer.
 *
 * @param version      0 = HJ/T 212-2005, 1 = HJ 212-2017, 2 = HJ 212-2025 (unverified, see
 *                     protocols.md §0)
 * @param split        the D bit
 * @param ackRequested the A bit
 */
public record Flag(int version, boolean split, boolean ackRequested) {
    /** Version bits of HJ/T 212-2005. */
    public static final int V2005 = 0;
    /** Version bits of HJ 212-2017. */
    public static final int V2017 = 1;
    /** Version bits reported for HJ 212-2025 by public code; the 2025 text was not available. */
    public static final int V2025 = 2;

    public Flag {
        if (version < V2005 || version > V2025) {
            throw new IllegalArgumentException("unknown protocol version " + version
                    + " (0 = HJ/T 212-2005, 1 = HJ 212-2017, 2 = HJ 212-2025)");
        }
    }

    /**
     * The flag for a numeric value.
     *
     * @throws IllegalArgumentException for a value outside 0-255 or unknown version bits
     */
    public static Flag of(int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("Flag is 0-255, not " + value);
        }
        return new Flag(value >> 2, (value & 2) != 0, (value & 1) != 0);
    }

    /** The numeric value written after {@code Flag=}. */
    public int value() {
        return version << 2 | (split ? 2 : 0) | (ackRequested ? 1 : 0);
    }

    /** This flag with the D bit set or cleared. */
    public Flag withSplit(boolean d) {
        return new Flag(version, d, ackRequested);
    }

    /** The standard the version bits name. */
    public String standard() {
        return switch (version) {
            case V2005 -> "HJ/T 212-2005";
            case V2017 -> "HJ 212-2017";
            default -> "HJ 212-2025 (unverified)";
        };
    }
}
