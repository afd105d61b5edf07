package io.tanhe.server.hj212.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tanhe.server.hj212.DataFlag;
import io.tanhe.server.hj212.FieldRules;
import io.tanhe.server.hj212.Flag;
import io.tanhe.server.hj212.ValueFormat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What one data centre expects of our HJ 212 packets. Carbon platforms differ and HJ 212-2017 has no
 * carbon-specific codes, so all of this is configuration (docs/hj212.md describes the file).
 *
 * @param name      a label for logs and the CLI
 * @param st        the system code of our uploads (HJ 212-2017 has no carbon ST; 31, atmospheric
 *                  pollution source, is the natural choice for stacks: protocols.md §1.7)
 * @param mn        our device id as the platform registered it
 * @param password  the access password (PW), 6 letters or digits
 * @param version   Flag version bits: 1 = HJ 212-2017, 2 = HJ 212-2025 (unverified)
 * @param ack       whether uploads ask for the platform's 9014 answer (Flag A bit)
 * @param commands  which CN carries which kind of indicator
 * @param co2Code   the CP field code of CO2 (HJ 212-2017 Table B.2: {@code a05001})
 * @param fields    per field code: unit and number format
 * @param hj2025    HJ 212-2025 options, unverified; they need {@code version: 2}
 * @param defaultFormat the number format of every code without a format of its own in {@code fields}
 *                  (default {@link #DEFAULT_FORMAT}), so that no value is ever written longer than the
 *                  standard's 18 characters
 * @param flags     the data flag ([STD17] Table 8) sent for each quality of a result, by quality name
 *                  ({@code measured}, {@code estimated}, {@code manual}, {@code substituted}); every
 *                  quality has one (defaults: {@link #DEFAULT_FLAGS})
 */
public record PlatformProfile(String name, String st, String mn, String password, int version, boolean ack,
                              IndicatorCommands commands, String co2Code, Map<String, FieldSpec> fields,
                              UnverifiedHj2025Options hj2025, String defaultFormat, Map<String, DataFlag> flags) {
    /** CO2 in HJ 212-2017 Table B.2. */
    public static final String CO2_2017 = "a05001";
    /**
     * The format of a code without its own: 12 integer digits and 4 decimals, the most decimals that
     * leave 12 integer digits within the standard's 18 characters (sign and point included).
     */
    public static final String DEFAULT_FORMAT = "N12.4";
    /**
     * The fewest integer digits the CO2 code's format may have. Table B.2 gives a05001 the default type N3.3 (at most
     * 999.999), far too small: flue gas at 10 % CO2 is about 196 000 mg/m³ and one stack emits some 10^5 kg an hour.
     * Appendix B is extensible (可扩充) and a number may take 18 characters (§6.3.3.2.2), so a wider type is the
     * standard's own way; a narrower one would leave every CO2 value out of the uploads.
     */
    public static final int CO2_MIN_INTEGER_DIGITS = 6;
    /** The qualities of a result that are sent (a missing value is not), in the order of {@code Quality}. */
    public static final List<String> QUALITIES = List.of("measured", "estimated", "manual", "substituted");
    /**
     * The flag of each quality by the meaning [STD17] Table 8 gives the flags: a figure computed while
     * the instruments (primary or backup) worked is {@code N}, also when one of its operands is a
     * documented value such as the lab's monthly carbon content ({@code manual}: {@code S} means a value
     * set by hand, 手工输入的设定值, which a computed figure is not; a profile whose indicator is itself a
     * hand-entered value may map {@code manual: S}); a value a rule filled in where nothing was read is
     * {@code B} (communication between instrument and data logger failed).
     */
    public static final Map<String, DataFlag> DEFAULT_FLAGS = Map.of("measured", DataFlag.N, "estimated", DataFlag.N,
            "manual", DataFlag.N, "substituted", DataFlag.B);

    public PlatformProfile {
        fields = fields == null ? null : Map.copyOf(fields);
        flags = flags == null ? null : Map.copyOf(flags);
        List<String> problems = problems(name, st, mn, password, version, commands, co2Code, fields, hj2025);
        checkDefaults(problems, defaultFormat, flags);
        if (problems.isEmpty()) {
            checkCo2Width(problems, co2Code, fields, defaultFormat);
        }
        if (!problems.isEmpty()) {
            throw new InvalidProfileException("profile", problems);
        }
    }

    /** A profile with the HJ 212-2017 defaults for everything but the identity. */
    public static PlatformProfile of(String name, String mn, String password) {
        return read(name, null, mn, password, null, null, null, null, null, null, null, null);
    }

    /** This profile with other quality → flag mappings (each given one replaces its default). */
    public PlatformProfile withFlags(Map<String, DataFlag> changed) {
        Map<String, DataFlag> all = new LinkedHashMap<>(flags);
        all.putAll(changed);
        return new PlatformProfile(name, st, mn, password, version, ack, commands, co2Code, fields, hj2025, defaultFormat, all);
    }

    /** This profile with another default number format. */
    public PlatformProfile withDefaultFormat(String format) {
        return new PlatformProfile(name, st, mn, password, version, ack, commands, co2Code, fields, hj2025, format, flags);
    }

    /** The number format of {@code code}: its own, else the profile's default. */
    public ValueFormat format(String code) {
        return field(code).flatMap(FieldSpec::valueFormat).orElseGet(() -> ValueFormat.parse(defaultFormat));
    }

    /** The flag sent for a result of quality {@code quality} (one of {@link #QUALITIES}, any case). */
    public DataFlag flag(String quality) {
        DataFlag f = flags.get(quality.toLowerCase(java.util.Locale.ROOT));
        if (f == null) {
            throw new IllegalArgumentException("no data flag for quality '" + quality + "'; qualities: " + QUALITIES);
        }
        return f;
    }

    /** Without the password, which is a secret: never printed or logged. */
    @Override
    public String toString() {
        return "PlatformProfile[name=" + name + ", st=" + st + ", mn=" + mn + ", password=(not shown), version=" + version
                + ", ack=" + ack + ", commands=" + commands + ", co2Code=" + co2Code + ", fields=" + fields
                + ", hj2025=" + hj2025 + ", defaultFormat=" + defaultFormat + ", flags=" + flags + "]";
    }

    private static void checkDefaults(List<String> p, String defaultFormat, Map<String, DataFlag> flags) {
        if (defaultFormat == null) {
            p.add("default_format: is required");
        } else {
            try {
                ValueFormat.parse(defaultFormat);
            } catch (IllegalArgumentException e) {
                p.add("default_format: " + e.getMessage());
            }
        }
        if (flags == null) {
            p.add("flags: is required");
            return;
        }
        for (String q : flags.keySet()) {
            if (!QUALITIES.contains(q)) {
                p.add("flags." + q + ": unknown quality; qualities: " + String.join(", ", QUALITIES));
            }
        }
        for (String q : QUALITIES) {
            if (flags.get(q) == null) {
                p.add("flags." + q + ": is required (one of N F M S D C T B, [STD17] Table 8)");
            }
        }
    }

    private static void checkCo2Width(List<String> p, String co2Code, Map<String, FieldSpec> fields, String defaultFormat) {
        FieldSpec own = fields.get(co2Code);
        boolean ownFormat = own != null && own.format() != null;
        ValueFormat format = ValueFormat.parse(ownFormat ? own.format() : defaultFormat);
        if (format.integerDigits() < CO2_MIN_INTEGER_DIGITS) {
            p.add((ownFormat ? "fields." + co2Code + ".format" : "default_format (the format of CO2 code " + co2Code + ")") + ": "
                    + format.text() + " carries at most " + format.largest().toPlainString() + ", too little for CO2: flue gas at 10 % CO2"
                    + " is about 196000 mg/m3 and a stack emits some 100000 kg an hour, so every value would be left out;"
                    + " Table B.2's N3.3 is the default of an extensible table (HJ 212-2017 Appendix B) and a number may take"
                    + " 18 characters: give at least N" + CO2_MIN_INTEGER_DIGITS + " (e.g. N12.3) or the width agreed with the platform");
        }
    }

    /** Reads a profile object; a missing key takes the default named in docs/hj212.md. */
    @JsonCreator
    static PlatformProfile read(@JsonProperty("name") String name, @JsonProperty("st") String st,
                                @JsonProperty("mn") String mn, @JsonProperty("password") String password,
                                @JsonProperty("version") Integer version, @JsonProperty("ack") Boolean ack,
                                @JsonProperty("commands") IndicatorCommands commands,
                                @JsonProperty("co2_code") String co2Code,
                                @JsonProperty("fields") Map<String, FieldSpec> fields,
                                @JsonProperty("unverified_hj212_2025") UnverifiedHj2025Options hj2025,
                                @JsonProperty("default_format") String defaultFormat,
                                @JsonProperty("flags") Map<String, DataFlag> flags) {
        Map<String, DataFlag> flagMap = new LinkedHashMap<>(DEFAULT_FLAGS);
        if (flags != null) {
            flagMap.putAll(flags);
        }
        String co2 = co2Code == null ? CO2_2017 : co2Code;
        Map<String, FieldSpec> specs = new LinkedHashMap<>();
        specs.put(co2, new FieldSpec("kg", null)); // Table B.2: CO2 emission amount in kg
        if (fields != null) {
            specs.putAll(fields);
        }
        return new PlatformProfile(name == null ? "platform" : name, st == null ? "31" : st, mn, password,
                version == null ? Flag.V2017 : version, ack == null || ack,
                commands == null ? IndicatorCommands.HJ212_2017 : commands, co2, specs,
                hj2025 == null ? UnverifiedHj2025Options.OFF : hj2025, defaultFormat == null ? DEFAULT_FORMAT : defaultFormat,
                flagMap);
    }

    /** The spec of a field code, if the profile has one. */
    public Optional<FieldSpec> field(String code) {
        return Optional.ofNullable(fields.get(code));
    }

    /** The Flag of our uploads (A bit per {@link #ack}). */
    public Flag uploadFlag() {
        return new Flag(version, false, ack);
    }

    private static List<String> problems(String name, String st, String mn, String password, int version,
                                         IndicatorCommands commands, String co2Code, Map<String, FieldSpec> fields,
                                         UnverifiedHj2025Options hj2025) {
        List<String> p = new ArrayList<>();
        if (name == null || name.isBlank()) {
            p.add("name: is required");
        }
        check(p, "st", st, FieldRules::st);
        check(p, "mn", mn, FieldRules::mn);
        check(p, "password", password, FieldRules::pw);
        if (version != Flag.V2017 && version != Flag.V2025) {
            p.add("version: must be 1 (HJ 212-2017) or 2 (HJ 212-2025, unverified), not " + version);
        }
        checkCommands(p, commands);
        check(p, "co2_code", co2Code, FieldRules::cpName);
        checkFields(p, fields);
        if (hj2025 == null) {
            p.add("unverified_hj212_2025: is required");
        } else {
            if (hj2025.any() && version != Flag.V2025) {
                p.add("unverified_hj212_2025: backfill_marker and heartbeat exist only with version: 2");
            }
            if (hj2025.heartbeatSeconds() < 10 || hj2025.heartbeatSeconds() > 3600) {
                p.add("unverified_hj212_2025.heartbeat_seconds: must be 10-3600, not " + hj2025.heartbeatSeconds());
            }
        }
        return p;
    }

    private static void check(List<String> p, String path, String value,
                              Function<String, Optional<String>> rule) {
        if (value == null) {
            p.add(path + ": is required");
        } else {
            rule.apply(value).ifPresent(problem -> p.add(path + ": " + problem));
        }
    }

    private static void checkCommands(List<String> p, IndicatorCommands c) {
        if (c == null) {
            p.add("commands: is required");
            return;
        }
        Set<String> seen = new HashSet<>();
        Map<String, String> byKind = new LinkedHashMap<>();
        byKind.put("realtime", c.realtime());
        byKind.put("minute", c.minute());
        byKind.put("hourly", c.hourly());
        byKind.put("daily", c.daily());
        c.monthlyCn().ifPresent(m -> byKind.put("monthly", m));
        byKind.forEach((kind, cn) -> {
            check(p, "commands." + kind, cn, FieldRules::cn);
            if (cn != null && !seen.add(cn)) {
                p.add("commands." + kind + ": CN " + cn + " is already used by another kind");
            }
        });
    }

    private static void checkFields(List<String> p, Map<String, FieldSpec> fields) {
        if (fields == null) {
            p.add("fields: is required");
            return;
        }
        fields.forEach((code, spec) -> {
            FieldRules.cpName(code).ifPresent(problem -> p.add("fields." + code + ": " + problem));
            if (spec == null || spec.unit() == null || spec.unit().isBlank()) {
                p.add("fields." + code + ".unit: is required");
            }
            if (spec != null && spec.format() != null) {
                try {
                    ValueFormat.parse(spec.format());
                } catch (IllegalArgumentException e) {
                    p.add("fields." + code + ".format: " + e.getMessage());
                }
            }
        });
    }
}
