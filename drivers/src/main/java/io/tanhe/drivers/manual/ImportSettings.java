package io.tanhe.drivers.manual;

import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How import files are read.
 *
 * @param sourceId        the source id written on the readings
 * @param zone            the zone of timestamps written without an offset (the site's local time)
 * @param unitsByPoint    the points that may be imported and their units
 * @param defaultOperator the operator of rows without an operator column, or {@code null} to require one
 */
public record ImportSettings(String sourceId, ZoneId zone, Map<String, String> unitsByPoint, String defaultOperator) {
    public ImportSettings {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(zone, "zone");
        unitsByPoint = Collections.unmodifiableMap(new LinkedHashMap<>(unitsByPoint));
    }
}
