package io.tanhe.drivers.manual;

import java.util.Map;

/** The check shared by manual entry and file import: a known point, in the point's own unit. */
final class PointUnits {
    private PointUnits() {
    }

    /**
     * The entry with the point's unit filled in when it gave none.
     *
     * @throws IllegalArgumentException naming the point or the unit that does not fit
     */
    static ManualEntry check(Map<String, String> unitsByPoint, ManualEntry entry) {
        String expected = unitsByPoint.get(entry.pointId());
        if (expected == null) {
            throw new IllegalArgumentException("point '" + entry.pointId() + "' is not configured for manual entry");
        }
        if (entry.unit().isBlank()) {
            return new ManualEntry(entry.pointId(), entry.measuredAt(), entry.value(), expected, entry.operator(), entry.comment());
        }
        if (!entry.unit().equals(expected)) {
            throw new IllegalArgumentException("unit '" + entry.unit() + "' differs from the unit '" + expected
                    + "' of point " + entry.pointId() + "; convert the value first");
        }
        return entry;
    }
}
