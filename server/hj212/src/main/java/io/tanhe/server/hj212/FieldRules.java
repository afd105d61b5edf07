package io.tanhe.server.hj212;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The value rules of the data-segment fields ([STD17] Table 3) and of the CP fields whose format
 * the standard fixes (numbers, data flags, times). Each check returns the problem in plain words,
 * or nothing; the parser adds the offset, the constructors throw.
 */
public final class FieldRules {
    /** CP fields holding a {@code YYYYMMDDhhmmss} time ([STD17] Table 4). */
    static final Set<String> TIME_FIELDS = Set.of("DataTime", "BeginTime", "EndTime", "SystemTime", "RestartTime");
    /** "N14.2 … with sign and point, max 18 chars" (protocols.md §1.2). */
    static final int MAX_NUMBER_CHARS = 18;

    private static final Pattern ST = Pattern.compile("[0-9]{2}|[A-Z][0-9]");
    private static final Pattern CN = Pattern.compile("[0-9]{4}");
    private static final Pattern PW = Pattern.compile("[0-9A-Za-z]{6}");
    private static final Pattern MN = Pattern.compile("[0-9A-Za-z]{1,24}");
    private static final Pattern NUMBER = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");
    private static final Pattern COUNT = Pattern.compile("[1-9][0-9]{0,3}");
    private static final Pattern FLAG = Pattern.compile("0|[1-9][0-9]{0,2}");

    private FieldRules() {
    }

    /** Why {@code v} cannot be the ST field, if it cannot. */
    public static Optional<String> st(String v) {
        return ST.matcher(v).matches() ? Optional.empty()
                : Optional.of("bad ST '" + v + "': a system code is 2 characters, 2 digits or an upper-case letter and a digit");
    }

    /** Why {@code v} cannot be the CN field, if it cannot. */
    public static Optional<String> cn(String v) {
        return CN.matcher(v).matches() ? Optional.empty()
                : Optional.of("bad CN '" + v + "': a command code is 4 digits");
    }

    /** Why {@code v} cannot be the PW field, if it cannot. */
    public static Optional<String> pw(String v) {
        return PW.matcher(v).matches() ? Optional.empty()
                : Optional.of("bad PW (" + v.length() + " characters, not shown): the password is 6 letters or digits");
    }

    /** Why {@code v} cannot be the MN field, if it cannot. */
    public static Optional<String> mn(String v) {
        return MN.matcher(v).matches() ? Optional.empty()
                : Optional.of("bad MN '" + v + "': the device id is 1-24 letters or digits");
    }

    /** Why {@code name} cannot be a CP field name, if it cannot. */
    public static Optional<String> cpName(String name) {
        return CpField.nameProblem(name);
    }

    /** Reads a PNUM/PNO count: 1-9999 without leading zeros; -1 when it is not one. */
    static int count(String v) {
        return COUNT.matcher(v).matches() ? Integer.parseInt(v) : -1;
    }

    /** Reads a Flag value: 0-255 without leading zeros; -1 when it is not one. */
    static int flagValue(String v) {
        if (!FLAG.matcher(v).matches()) {
            return -1;
        }
        int n = Integer.parseInt(v);
        return n <= 255 ? n : -1;
    }

    /** The rule of a CP value whose format the standard fixes, for a packet of protocol {@code version}. */
    static Optional<String> cpValue(CpField f, int version) {
        Optional<FieldSuffix> suffix = f.suffix();
        if (suffix.isPresent() && suffix.get().numeric()) {
            return number(f.name(), f.value());
        }
        if (suffix.isPresent() && suffix.get() == FieldSuffix.FLAG) {
            return DataFlag.of(f.value()).isPresent() ? Optional.empty()
                    : Optional.of("bad data flag " + f.text() + ": one of N F M S D C T B");
        }
        if (TIME_FIELDS.contains(f.name()) || suffix.filter(s -> s == FieldSuffix.SAMPLE_TIME).isPresent()) {
            return time(f, version);
        }
        return Optional.empty();
    }

    private static Optional<String> number(String name, String v) {
        if (!NUMBER.matcher(v).matches()) {
            return Optional.of("bad number " + name + "=" + v + ": digits with an optional sign and decimal point");
        }
        if (v.length() > MAX_NUMBER_CHARS) {
            return Optional.of("number " + name + "=" + v + " has " + v.length() + " characters; at most "
                    + MAX_NUMBER_CHARS + " with sign and point");
        }
        return Optional.empty();
    }

    private static Optional<String> time(CpField f, int version) {
        try {
            if (version == Flag.V2005 && f.value().length() == 17) {
                Qn.parse(f.value()); // HJ/T 212-2005 peers write DataTime with milliseconds
            } else {
                Timestamps.parse(f.value());
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("bad time " + f.name() + ": " + e.getMessage());
        }
    }
}
