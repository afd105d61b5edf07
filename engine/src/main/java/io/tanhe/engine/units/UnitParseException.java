package io.tanhe.engine.units;

import java.util.Optional;

/**
 * Unit text that does not parse. The message reads e.g.
 * "unknown unit `tCo2` — did you mean `tCO2`? (column 1 of `tCo2/GJ`)"; callers that report
 * positions in their own format use {@link #detail()}, {@link #offset()} and {@link #suggestion()}.
 */
public final class UnitParseException extends RuntimeException {

    private final String text;
    private final int offset;
    private final String detail;
    private final String suggestion;

    UnitParseException(String text, int offset, String detail, String suggestion) {
        super(detail + " (column " + (offset + 1) + " of `" + text + "`)");
        this.text = text;
        this.offset = offset;
        this.detail = detail;
        this.suggestion = suggestion;
    }

    /** The whole unit text that was parsed. */
    public String text() {
        return text;
    }

    /** Zero-based character offset of the problem within {@link #text()}. */
    public int offset() {
        return offset;
    }

    /** One-based column of the problem within {@link #text()}. */
    public int column() {
        return offset + 1;
    }

    /** What went wrong and what was expected, without the position. */
    public String detail() {
        return detail;
    }

    /** The symbol the author probably meant, when an unknown symbol is close to a known one. */
    public Optional<String> suggestion() {
        return Optional.ofNullable(suggestion);
    }
}
