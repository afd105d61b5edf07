package io.tanhe.drivers.dlt645;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The common data identifiers with their formats, so a configuration names a DI and gets the right
 * decimals, sign and unit. Identifiers not listed here can still be read when the point gives its
 * own format.
 *
 * <p>Source: ../shared/reference/protocols.md §2.2 (2007; cross-checked there against
 * 600888/dlt645 {@code variable_types.json} and {@code energy_def.py}, WKJay/DLT645 and
 * Jayla630/Dlt645Master) and §2.4 (1997; WKJay/DLT645 {@code dlt645_1997_private.h} and
 * SunnySuGitHub/DLT645_protocal {@code DataIdentify1997.java}). Where protocols.md gives no sign,
 * the value is unsigned, with one exception noted below.
 */
public final class DataItems {
    private static final Map<DataIdentifier, DataItem> ITEMS = build();

    private DataItems() {
    }

    /** The known item for {@code di}, if this table lists it. */
    public static Optional<DataItem> lookup(DataIdentifier di) {
        return Optional.ofNullable(ITEMS.get(di));
    }

    /** Every known item, in table order. */
    public static Map<DataIdentifier, DataItem> all() {
        return ITEMS;
    }

    private static Map<DataIdentifier, DataItem> build() {
        Map<DataIdentifier, DataItem> m = new LinkedHashMap<>();
        ValueFormat energy = ValueFormat.parse("XXXXXX.XX", false);
        // §2.2: combined active energy "may be negative: bit7 of the MSB is the sign"
        add(m, v7(0x00000000L), "combined active total energy", ValueFormat.parse("XXXXXX.XX", true), "kWh");
        add(m, v7(0x00010000L), "forward (import) active total energy", energy, "kWh");
        add(m, v7(0x00020000L), "reverse (export) active total energy", energy, "kWh");
        for (int tariff = 1; tariff <= 4; tariff++) {
            add(m, v7(0x00010000L | tariff << 8), "forward active energy tariff " + tariff, energy, "kWh");
        }
        String[] phases = {"A", "B", "C"};
        for (int p = 1; p <= 3; p++) {
            add(m, v7(0x02010000L | p << 8), "voltage phase " + phases[p - 1], ValueFormat.parse("XXX.X", false), "V");
            add(m, v7(0x02020000L | p << 8), "current phase " + phases[p - 1], ValueFormat.parse("XXX.XXX", true), "A");
            add(m, v7(0x02030000L | p << 8), "active power phase " + phases[p - 1], ValueFormat.parse("XX.XXXX", true), "kW");
        }
        add(m, v7(0x02030000L), "active power total", ValueFormat.parse("XX.XXXX", true), "kW");
        add(m, v7(0x02040000L), "reactive power total", ValueFormat.parse("XX.XXXX", true), "kvar");
        add(m, v7(0x02050000L), "apparent power total", ValueFormat.parse("XX.XXXX", false), "kVA");
        add(m, v7(0x02060000L), "power factor total", ValueFormat.parse("X.XXX", true), "");
        add(m, v7(0x02800002L), "grid frequency", ValueFormat.parse("XX.XX", false), "Hz");
        // §2.2 gives XXX.X °C without a sign rule. Read as signed: bit 7 set would otherwise decode as
        // 800 °C or more, which a meter cannot report, while a sign bit is what an outdoor meter needs.
        add(m, v7(0x02800007L), "meter temperature", ValueFormat.parse("XXX.X", true), "°C");

        add(m, v97(0x9010), "forward (import) active total energy", energy, "kWh");
        add(m, v97(0x9020), "reverse (export) active total energy", energy, "kWh");
        for (int p = 1; p <= 3; p++) {
            // §2.4 writes "XXX V, 2 bytes": three significant digits in four BCD digits, no decimals
            add(m, v97(0xB610 + p), "voltage phase " + phases[p - 1], ValueFormat.parse("XXXX", false), "V");
            add(m, v97(0xB620 + p), "current phase " + phases[p - 1], ValueFormat.parse("XX.XX", false), "A");
            add(m, v97(0xB630 + p), "active power phase " + phases[p - 1], ValueFormat.parse("XX.XXXX", false), "kW");
        }
        add(m, v97(0xB630), "active power total", ValueFormat.parse("XX.XXXX", false), "kW");
        return Collections.unmodifiableMap(m);
    }

    private static DataIdentifier v7(long code) {
        return new DataIdentifier(Dlt645Version.V2007, code);
    }

    private static DataIdentifier v97(long code) {
        return new DataIdentifier(Dlt645Version.V1997, code);
    }

    private static void add(Map<DataIdentifier, DataItem> m, DataIdentifier di, String name, ValueFormat format, String unit) {
        m.put(di, new DataItem(di, name, format, unit));
    }
}
