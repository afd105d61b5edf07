package io.tanhe.server.hj212;

import java.util.Optional;

/**
 * The suffixes of CP field names such as {@code a05001-Cou} ([STD17] Table 4, protocols.md §1.9).
 * The numeric ones carry a decimal number.
 */
public enum FieldSuffix {
    RTD("Rtd", "real-time value", true),
    MIN("Min", "minimum of the period", true),
    AVG("Avg", "average of the period", true),
    MAX("Max", "maximum of the period", true),
    ZS_RTD("ZsRtd", "converted real-time value", true),
    ZS_MIN("ZsMin", "converted minimum of the period", true),
    ZS_AVG("ZsAvg", "converted average of the period", true),
    ZS_MAX("ZsMax", "converted maximum of the period", true),
    COU("Cou", "cumulative amount of the period (emission amount)", true),
    FLAG("Flag", "data flag", false),
    EFLAG("EFlag", "device-defined flag", false),
    SAMPLE_TIME("SampleTime", "sampling time", false),
    RS("RS", "device run status", false),
    RT("RT", "device run time", false),
    SN("SN", "serial number", false),
    INFO("Info", "information value", false);

    private final String text;
    private final String meaning;
    private final boolean numeric;

    FieldSuffix(String text, String meaning, boolean numeric) {
        this.text = text;
        this.meaning = meaning;
        this.numeric = numeric;
    }

    /** The suffix as written after the {@code -}. */
    public String text() {
        return text;
    }

    /** What a value with this suffix is. */
    public String meaning() {
        return meaning;
    }

    /** Whether values with this suffix are decimal numbers. */
    public boolean numeric() {
        return numeric;
    }

    /** The suffix written as {@code text} (case-sensitive, as field names are). */
    public static Optional<FieldSuffix> of(String text) {
        for (FieldSuffix s : values()) {
            if (s.text.equals(text)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
