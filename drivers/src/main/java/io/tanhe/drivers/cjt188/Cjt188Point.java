package io.tanhe.drivers.cjt188;

import java.util.Objects;

/**
 * One configured point of a CJ/T 188 meter.
 *
 * @param pointId the point's id in readings
 * @param field   which 901F value feeds it
 * @param unit    the unit readings carry; empty to take whatever unit the meter reports. A meter
 *                unit of the same family is converted exactly (see {@link UnitScale})
 */
public record Cjt188Point(String pointId, MeterField field, String unit) {
    public Cjt188Point {
        Objects.requireNonNull(pointId, "pointId");
        Objects.requireNonNull(field, "field");
        unit = unit == null ? "" : unit;
    }
}
