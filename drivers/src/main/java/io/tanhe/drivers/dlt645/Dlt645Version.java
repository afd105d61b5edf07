package io.tanhe.drivers.dlt645;

/**
 * The protocol edition a meter speaks. Both share the envelope; they differ in the length of the
 * data identifier and in the function codes (protocols.md §2.1 and §2.4).
 */
public enum Dlt645Version {
    /** DL/T 645-2007: 4-byte DI, read data 0x11. */
    V2007(4, 0x11),
    /** DL/T 645-1997: 2-byte DI, read data 0x01. */
    V1997(2, 0x01);

    private final int diLength;
    private final int readFunction;

    Dlt645Version(int diLength, int readFunction) {
        this.diLength = diLength;
        this.readFunction = readFunction;
    }

    /** Bytes of a data identifier on the wire. */
    public int diLength() {
        return diLength;
    }

    /** The read-data function code of requests; replies add the direction bit 0x80. */
    public int readFunction() {
        return readFunction;
    }

    /** {@code 2007} or {@code 1997}, as written in configurations. */
    public String yearName() {
        return this == V2007 ? "2007" : "1997";
    }

    /** Parses {@code "2007"} or {@code "1997"}. */
    public static Dlt645Version ofYear(String year) {
        return switch (year == null ? "" : year.strip()) {
            case "2007" -> V2007;
            case "1997" -> V1997;
            default -> throw new IllegalArgumentException("DL/T 645 version `" + year + "` is not 2007 or 1997");
        };
    }
}
