package io.tanhe.server.hj212;

import java.util.Optional;

/** The data flags of {@code xxxxxx-Flag} ([STD17] Table 8, protocols.md §1.8). */
public enum DataFlag {
    N("instrument normal"),
    F("instrument stopped"),
    M("maintenance"),
    S("manually entered value"),
    D("instrument fault"),
    C("calibration"),
    T("over the upper limit of the measuring range"),
    B("communication failure between instrument and data logger");

    private final String meaning;

    DataFlag(String meaning) {
        this.meaning = meaning;
    }

    /** What the flag means, in plain words. */
    public String meaning() {
        return meaning;
    }

    /** The flag written as {@code text}, if it is one of the standard's. */
    public static Optional<DataFlag> of(String text) {
        for (DataFlag f : values()) {
            if (f.name().equals(text)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
