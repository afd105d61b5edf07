package io.tanhe.drivers.dlt645;

import java.util.Objects;

/**
 * A known data identifier with its meaning, coding and unit.
 *
 * @param di     the identifier
 * @param name   what it measures, in English
 * @param format how the value is coded
 * @param unit   the unit of the decoded value ({@code kWh}, {@code V}, …; empty for a ratio)
 */
public record DataItem(DataIdentifier di, String name, ValueFormat format, String unit) {

    public DataItem {
        Objects.requireNonNull(di, "di");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(unit, "unit");
    }
}
