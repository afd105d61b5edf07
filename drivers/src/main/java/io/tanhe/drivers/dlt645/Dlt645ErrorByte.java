package io.tanhe.drivers.dlt645;

import io.tanhe.drivers.frame.Hex;

import java.util.ArrayList;
import java.util.List;

/**
 * Explains the error byte ERR of an abnormal DL/T 645-2007 reply (control 0xD1 to a read).
 * Bit meanings from protocols.md §2.1 (WKJay/DLT645, 600888/dlt645 {@code ErrorCode}).
 */
public final class Dlt645ErrorByte {
    private static final String[] BITS = {
            "other error",
            "no requested data (the meter does not have this data identifier)",
            "password error or unauthorised",
            "baud rate cannot be changed",
            "year time-zone count exceeded",
            "daily period count exceeded",
            "tariff count exceeded",
    };

    private Dlt645ErrorByte() {
    }

    /** {@code 0x02: no requested data (…)}, listing every bit that is set. */
    public static String explain(int err, Dlt645Version version) {
        if (version == Dlt645Version.V1997) {
            return Hex.ofByte(err) + " (DL/T 645-1997 error bits are not documented in protocols.md)";
        }
        List<String> meanings = new ArrayList<>();
        for (int bit = 0; bit < BITS.length; bit++) {
            if ((err & 1 << bit) != 0) {
                meanings.add(BITS[bit] + " [bit" + bit + "]");
            }
        }
        if ((err & 0x80) != 0) {
            meanings.add("reserved bit7 set");
        }
        return Hex.ofByte(err) + ": " + (meanings.isEmpty() ? "no error bit set" : String.join(", ", meanings));
    }
}
