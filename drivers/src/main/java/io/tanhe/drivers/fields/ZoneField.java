package io.tanhe.drivers.fields;

import io.tanhe.grammar.config.ConfigNode;

import java.time.DateTimeException;
import java.time.ZoneId;

/** The {@code zone} field: the zone of timestamps written without an offset (e.g. {@code Asia/Shanghai}). */
public final class ZoneField {
    private ZoneField() {
    }

    /** The configured zone, or the terminal's own zone when the field is absent. */
    public static ZoneId read(ConfigNode node) {
        String text = node.text("zone", "");
        if (text.isEmpty()) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            node.problem("zone", "`" + text + "` is not a time zone (use a region like Asia/Shanghai or an offset like +08:00)");
            return ZoneId.systemDefault();
        }
    }
}
