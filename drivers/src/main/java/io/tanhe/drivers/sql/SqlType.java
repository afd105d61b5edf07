package io.tanhe.drivers.sql;

import io.tanhe.drivers.config.ConfigContext;
import io.tanhe.grammar.config.ConfigNode;
import io.tanhe.drivers.config.ConfiguredSource;
import io.tanhe.drivers.config.PointSettings;
import io.tanhe.drivers.config.PollSettings;
import io.tanhe.drivers.config.SourceType;
import io.tanhe.drivers.fields.ZoneField;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code type: sql}: {@code url} (JDBC), optional {@code user}, {@code password}; {@code query} with
 * one {@code ?} for the watermark; {@code columns} ({@code point}, {@code timestamp}, {@code value},
 * optional {@code unit}); {@code watermark} ({@code column}, {@code type} number|timestamp, optional
 * {@code start}); optional {@code state_file}, {@code zone}, {@code max_rows} (default 10000);
 * the schedule; and the {@code points} whose rows are taken.
 */
public final class SqlType implements SourceType {
    @Override
    public String type() {
        return "sql";
    }

    @Override
    public ConfiguredSource create(String id, ConfigNode device, ConfigContext ctx) {
        PollSettings poll = PollSettings.read(device);
        String url = device.text("url");
        if (!url.isEmpty() && !url.startsWith("jdbc:")) {
            device.problem("url", "`" + url + "` is not a JDBC URL (jdbc:...)");
        }
        String query = device.text("query");
        if (!query.isEmpty() && query.chars().filter(c -> c == '?').count() != 1) {
            device.problem("query", "must contain exactly one ? (bound to the last watermark), e.g. WHERE id > ? ORDER BY id");
            query = "?";
        }
        SqlColumns columns = columns(device);
        Optional<ConfigNode> mark = device.object("watermark");
        if (mark.isEmpty()) {
            device.problem("watermark", "is required: {column: ID, type: number} or {column: TS, type: timestamp}");
        }
        String markColumn = mark.map(m -> m.text("column")).orElse("");
        Watermark.Kind kind = Watermark.Kind.valueOf(mark.map(m -> m.choice("type", List.of("NUMBER", "TIMESTAMP"), "NUMBER"))
                .orElse("NUMBER"));
        Watermark start = mark.flatMap(m -> start(m, kind)).orElse(null);
        String stateFile = device.text("state_file", "");
        Path state = stateFile.isEmpty() ? null : ctx.baseDirectory().resolve(stateFile);
        ZoneId zone = ZoneField.read(device);
        int maxRows = device.integer("max_rows", 10_000, 1, 1_000_000);
        Map<String, String> units = new LinkedHashMap<>();
        List<PointSettings> points = device.list("points").stream().map(PointSettings::read).toList();
        points.forEach(p -> units.put(p.id(), p.unit()));
        if (points.isEmpty()) {
            device.problem("points", "an SQL source needs the list of point ids its rows feed");
        }
        SqlPollConfig config = new SqlPollConfig(id, url, device.text("user", null), device.text("password", null),
                query.isEmpty() ? "?" : query, columns, markColumn, kind, start, state, zone, poll.timeout(), maxRows, units);
        return new ConfiguredSource.Polled(new SqlPollDevice(config), poll, points);
    }

    private static SqlColumns columns(ConfigNode device) {
        Optional<ConfigNode> c = device.object("columns");
        if (c.isEmpty()) {
            device.problem("columns", "is required: {point: TAG, timestamp: TS, value: VAL, unit: UNIT}");
            return new SqlColumns("", "", "", null);
        }
        ConfigNode n = c.get();
        return new SqlColumns(n.text("point"), n.text("timestamp"), n.text("value"), n.text("unit", null));
    }

    private static Optional<Watermark> start(ConfigNode mark, Watermark.Kind kind) {
        String text = mark.text("start", "");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(kind.parse(text));
        } catch (IllegalArgumentException e) {
            mark.problem("start", e.getMessage());
            return Optional.empty();
        }
    }
}
