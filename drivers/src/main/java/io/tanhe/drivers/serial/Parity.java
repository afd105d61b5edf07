package io.tanhe.drivers.serial;

/** Serial parity. DL/T 645 and CJ/T 188 meters use {@link #EVEN} (protocols.md §2.1, §3.1). */
public enum Parity {
    NONE('N'), EVEN('E'), ODD('O');

    private final char letter;

    Parity(char letter) {
        this.letter = letter;
    }

    /** The letter of the usual {@code 8E1} notation. */
    public char letter() {
        return letter;
    }
}
