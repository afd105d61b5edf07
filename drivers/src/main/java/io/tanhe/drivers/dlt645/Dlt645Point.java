package io.tanhe.drivers.dlt645;

import java.util.Objects;

/**
 * One configured point of a DL/T 645 meter.
 *
 * @param pointId the point's id in readings
 * @param di      the data identifier to read
 * @param format  how the value is coded (from {@link DataItems} or given in the configuration)
 * @param unit    the unit readings carry
 */
public record Dlt645Point(String pointId, DataIdentifier di, ValueFormat format, String unit) {

    public Dlt645Point {
        Objects.requireNonNull(pointId, "pointId");
        Objects.requireNonNull(di, "di");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(unit, "unit");
    }

    /** A point for a DI of the built-in table, with its format and unit. */
    public static Dlt645Point known(String pointId, DataIdentifier di) {
        DataItem item = DataItems.lookup(di).orElseThrow(() -> new IllegalArgumentException(
                "DI " + di + " is not in the built-in table; give its format and unit"));
        return new Dlt645Point(pointId, di, item.format(), item.unit());
    }
}
