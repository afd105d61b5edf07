package io.tanhe.drivers.fields;

import com.fasterxml.jackson.core.JsonPointer;
import io.tanhe.grammar.config.ConfigNode;
import io.tanhe.drivers.config.PointSettings;
import io.tanhe.drivers.json.JsonPointMapping;
import io.tanhe.drivers.json.TimestampFormat;

import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;

/**
 * The JSON fields of an MQTT or HTTP point: {@code value} (JSON Pointer, required),
 * {@code unit_pointer}, {@code timestamp} with {@code timestamp_format} ({@code iso}, {@code epoch-s},
 * {@code epoch-ms} or a pattern; default {@code iso}), {@code quality} with its {@code good} values.
 */
public final class JsonMappingField {
    private JsonMappingField() {
    }

    /** The mapping of one point whose common settings were read already. */
    public static JsonPointMapping read(ConfigNode point, PointSettings settings, ZoneId zone) {
        JsonPointer value = pointer(point, "value", true);
        JsonPointer unit = pointer(point, "unit_pointer", false);
        JsonPointer timestamp = pointer(point, "timestamp", false);
        TimestampFormat format = null;
        String formatName = point.text("timestamp_format", "iso");
        try {
            format = TimestampFormat.named(formatName, zone);
        } catch (IllegalArgumentException e) {
            point.problem("timestamp_format", "`" + formatName + "` is neither iso, epoch-s, epoch-ms nor a date-time pattern: " + e.getMessage());
        }
        JsonPointer quality = pointer(point, "quality", false);
        List<String> good = point.texts("good");
        if (quality != null && good.isEmpty()) {
            point.problem("good", "a quality pointer needs the list of values that mean good, e.g. good: [\"0\", \"GOOD\"]");
        }
        return new JsonPointMapping(settings.id(), value == null ? JsonPointer.empty() : value, settings.unit(), unit,
                format == null ? null : timestamp, format, quality, new HashSet<>(good));
    }

    private static JsonPointer pointer(ConfigNode point, String field, boolean required) {
        String text = required ? point.text(field) : point.text(field, "");
        if (text.isEmpty()) {
            return null;
        }
        try {
            return JsonPointer.compile(text);
        } catch (IllegalArgumentException e) {
            point.problem(field, "`" + text + "` is not a JSON Pointer (it starts with /, e.g. /data/0/value)");
            return null;
        }
    }
}
