package io.tanhe.drivers.manual;

import io.tanhe.drivers.config.ConfigContext;
import io.tanhe.grammar.config.ConfigNode;
import io.tanhe.drivers.config.ConfiguredSource;
import io.tanhe.drivers.config.PointSettings;
import io.tanhe.drivers.config.PollSettings;
import io.tanhe.drivers.config.SourceType;
import io.tanhe.drivers.fields.ZoneField;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code type: file}: an {@code inbox} folder (relative to the points file) checked every
 * {@code period} for .csv/.xlsx files; optional {@code operator} for rows without one and
 * {@code zone}; the {@code points} that may be imported, with their units.
 */
public final class FileType implements SourceType {
    @Override
    public String type() {
        return "file";
    }

    @Override
    public ConfiguredSource create(String id, ConfigNode device, ConfigContext ctx) {
        PollSettings poll = PollSettings.read(device);
        String inbox = device.text("inbox");
        String operator = device.text("operator", null);
        List<PointSettings> points = points(device, "a file source");
        ImportSettings settings = new ImportSettings(id, ZoneField.read(device), units(points), operator);
        return new ConfiguredSource.Polled(new InboxImportDevice(ctx.baseDirectory().resolve(inbox), settings), poll, points);
    }

    /** The entry's points; a problem when there are none. */
    static List<PointSettings> points(ConfigNode device, String what) {
        List<PointSettings> points = device.list("points").stream().map(PointSettings::read).toList();
        if (points.isEmpty()) {
            device.problem("points", what + " needs the list of point ids it may feed");
        }
        return points;
    }

    static Map<String, String> units(List<PointSettings> points) {
        Map<String, String> units = new LinkedHashMap<>();
        points.forEach(p -> units.put(p.id(), p.unit()));
        return units;
    }
}
