package io.tanhe.drivers.manual;

import io.tanhe.drivers.config.ConfigContext;
import io.tanhe.grammar.config.ConfigNode;
import io.tanhe.drivers.config.ConfiguredSource;
import io.tanhe.drivers.config.PointSettings;
import io.tanhe.drivers.config.SourceType;

import java.util.List;

/**
 * {@code type: manual}: the points an operator may enter by hand (through the API or UI), with
 * their units. The server finds the {@link ManualEntrySource} among the pushed sources.
 */
public final class ManualType implements SourceType {
    @Override
    public String type() {
        return "manual";
    }

    @Override
    public ConfiguredSource create(String id, ConfigNode device, ConfigContext ctx) {
        List<PointSettings> points = FileType.points(device, "a manual source");
        return new ConfiguredSource.Pushed(new ManualEntrySource(id, FileType.units(points)), points);
    }
}
