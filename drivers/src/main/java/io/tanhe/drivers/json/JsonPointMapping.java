package io.tanhe.drivers.json;

import com.fasterxml.jackson.core.JsonPointer;

import java.util.Objects;
import java.util.Set;

/**
 * Where one point's value sits in a JSON document.
 *
 * @param pointId          the point the value belongs to
 * @param value            JSON Pointer to the value (a number, or a text holding a decimal number)
 * @param unit             the configured unit; used when {@code unitPointer} is absent or finds nothing
 * @param unitPointer      JSON Pointer to a unit text in the payload, or {@code null}
 * @param timestamp        JSON Pointer to the measurement time, or {@code null} to use the arrival/poll time
 * @param timestampFormat  how the timestamp is read; required when {@code timestamp} is set
 * @param qualityPointer   JSON Pointer to the device's own quality flag, or {@code null}
 * @param goodQualities    the flag values (as text) that mean "good"; any other flag value marks the reading
 *                         {@link io.tanhe.drivers.Quality#DEVICE_ERROR}
 */
public record JsonPointMapping(String pointId, JsonPointer value, String unit, JsonPointer unitPointer,
                               JsonPointer timestamp, TimestampFormat timestampFormat,
                               JsonPointer qualityPointer, Set<String> goodQualities) {

    public JsonPointMapping {
        Objects.requireNonNull(pointId, "pointId");
        Objects.requireNonNull(value, "value");
        unit = unit == null ? "" : unit;
        goodQualities = goodQualities == null ? Set.of() : Set.copyOf(goodQualities);
        if (timestamp != null && timestampFormat == null) {
            throw new IllegalArgumentException("point " + pointId + ": a timestamp pointer needs a timestamp format");
        }
    }

    /** A mapping of a value with a fixed unit, timed by arrival. */
    public static JsonPointMapping of(String pointId, String valuePointer, String unit) {
        return new JsonPointMapping(pointId, JsonPointer.compile(valuePointer), unit, null, null, null, null, null);
    }

    /** The same mapping for another point id (used when a point id is derived from an MQTT topic). */
    public JsonPointMapping withPointId(String newPointId) {
        return new JsonPointMapping(newPointId, value, unit, unitPointer, timestamp, timestampFormat,
                qualityPointer, goodQualities);
    }
}
