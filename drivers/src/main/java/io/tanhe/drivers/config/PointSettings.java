package io.tanhe.drivers.config;

import io.tanhe.grammar.config.ConfigNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The fields every point has, whatever its driver: {@code id}, {@code unit}, the plausible
 * {@code range} (readings outside get {@code OUT_OF_RANGE}) and the {@code stale} limit (a value
 * that has not changed for longer gets {@code STALE}).
 *
 * @param id         the point id, unique in the file except between a device and its backup
 * @param unit       the unit written on readings, e.g. {@code kWh}; may be empty
 * @param min        the lowest plausible value, or {@code null} for none
 * @param max        the highest plausible value, or {@code null} for none
 * @param staleAfter how long an unchanged value stays good, or {@code null} for ever
 */
public record PointSettings(String id, String unit, BigDecimal min, BigDecimal max, Duration staleAfter) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]*");

    /** Reads the common fields of one point; the driver reads its own fields from the same node. */
    public static PointSettings read(ConfigNode node) {
        String id = node.text("id");
        if (!id.isEmpty() && !ID.matcher(id).matches()) {
            node.problem("id", "`" + id + "` may only contain letters, digits and . _ : / - and must start with a letter or digit");
        }
        String unit = node.text("unit", "");
        BigDecimal min = null;
        BigDecimal max = null;
        Optional<ConfigNode> range = node.object("range");
        if (range.isPresent()) {
            min = range.get().decimal("min").orElse(null);
            max = range.get().decimal("max").orElse(null);
            if (min != null && max != null && min.compareTo(max) > 0) {
                range.get().problem("min", "min " + min.toPlainString() + " is above max " + max.toPlainString());
            }
        }
        Duration stale = node.has("stale")
                ? node.duration("stale", null, Duration.ofSeconds(1), Duration.ofDays(366))
                : null;
        return new PointSettings(id, unit, min, max, stale);
    }

    /** The stale limit, if the point has one. */
    public Optional<Duration> stale() {
        return Optional.ofNullable(staleAfter);
    }

    /** Whether {@code value} lies within the configured range (bounds included). */
    public boolean inRange(BigDecimal value) {
        return (min == null || value.compareTo(min) >= 0) && (max == null || value.compareTo(max) <= 0);
    }
}
