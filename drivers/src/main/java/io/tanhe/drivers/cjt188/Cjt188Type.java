package io.tanhe.drivers.cjt188;

import io.tanhe.drivers.config.ConfigContext;
import io.tanhe.grammar.config.ConfigNode;
import io.tanhe.drivers.config.ConfiguredSource;
import io.tanhe.drivers.config.PointSettings;
import io.tanhe.drivers.config.PollSettings;
import io.tanhe.drivers.config.SourceType;
import io.tanhe.drivers.fields.ZoneField;
import io.tanhe.drivers.serial.DigitsField;
import io.tanhe.drivers.serial.HalfDuplexLine;
import io.tanhe.drivers.serial.LineField;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code type: cjt188}: {@code meter_type} (a name such as {@code heat} or two quoted hex digits
 * such as {@code "20"}), {@code address} (the 14 digits, quoted), {@code layout} of the meter model,
 * {@code timestamp} ({@code poll} or {@code meter}, with {@code zone}), the bus ({@link LineField}),
 * {@code period}/{@code timeout}/{@code retries}, and points with a 901F {@code field}.
 */
public final class Cjt188Type implements SourceType {
    private static final Map<String, Integer> TYPE_NAMES = Map.of(
            "cold-water", 0x10, "hot-water", 0x11, "drinking-water", 0x12, "reclaimed-water", 0x13,
            "heat", 0x20, "cooling", 0x21, "gas", 0x30);

    @Override
    public String type() {
        return "cjt188";
    }

    @Override
    public ConfiguredSource create(String id, ConfigNode device, ConfigContext ctx) {
        MeterType type = meterType(device);
        Cjt188Address address = address(device);
        Cjt188Layout layout = device.object("layout").map(Cjt188Type::layout).orElse(Cjt188Layout.STANDARD);
        Cjt188Meter.Stamp stamp = device.choice("timestamp", List.of("poll", "meter"), "poll").equals("meter")
                ? Cjt188Meter.Stamp.METER_CLOCK : Cjt188Meter.Stamp.POLL_TIME;
        ZoneId zone = ZoneField.read(device);
        HalfDuplexLine line = LineField.read(device, ctx);
        PollSettings poll = PollSettings.read(device);
        List<PointSettings> settings = new ArrayList<>();
        List<Cjt188Point> points = new ArrayList<>();
        for (ConfigNode p : device.list("points")) {
            PointSettings s = PointSettings.read(p);
            settings.add(s);
            field(p, type).ifPresent(f -> points.add(new Cjt188Point(s.id(), f, s.unit())));
        }
        if (settings.isEmpty()) {
            device.problem("points", "list at least one point with a field");
        }
        Cjt188Meter meter = new Cjt188Meter(id, type, address, layout, points, poll.timeout(), poll.retries(), stamp, zone);
        return new ConfiguredSource.Polled(new Cjt188Device(meter, line), poll, settings);
    }

    private static MeterType meterType(ConfigNode device) {
        String text = DigitsField.read(device, "meter_type", "heat");
        Integer named = TYPE_NAMES.get(text);
        if (named != null) {
            return new MeterType(named);
        }
        try {
            MeterType t = MeterType.parse(text);
            if (t.kind() == MeterType.Kind.OTHER) {
                device.problem("meter_type", t.describe() + " is outside the water (10-19), heat (20-29), gas (30-39) and custom (40-49) ranges");
            }
            return t;
        } catch (IllegalArgumentException e) {
            if (!text.isEmpty()) {
                device.problem("meter_type", e.getMessage() + ", or a name: " + String.join(", ", TYPE_NAMES.keySet().stream().sorted().toList()));
            }
            return MeterType.HEAT;
        }
    }

    private static Cjt188Address address(ConfigNode device) {
        String text = DigitsField.read(device, "address", "\"00201510270588\"");
        try {
            Cjt188Address a = Cjt188Address.parse(text);
            if (a.isWildcard()) {
                device.problem("address", "a wildcard cannot be polled; give the meter's own address");
            } else {
                return a;
            }
        } catch (IllegalArgumentException e) {
            if (!text.isEmpty()) {
                device.problem("address", e.getMessage());
            }
        }
        return Cjt188Address.parse("0");
    }

    private static Cjt188Layout layout(ConfigNode l) {
        Cjt188Layout d = Cjt188Layout.STANDARD;
        String values = l.choice("value_order", List.of("lsb-first", "msb-first"), "lsb-first");
        String di = l.choice("di_order", List.of("90-1f", "1f-90"), "90-1f");
        String unit = l.choice("unit_position", List.of("after", "before"), "after");
        int preamble = l.integer("preamble", d.preambleLength(), 0, 4);
        return new Cjt188Layout(
                values.equals("msb-first") ? Cjt188Layout.ValueOrder.MSB_FIRST : Cjt188Layout.ValueOrder.LSB_FIRST,
                di.equals("1f-90") ? Cjt188Layout.DiOrder.LOW_FIRST : Cjt188Layout.DiOrder.HIGH_FIRST,
                unit.equals("before") ? Cjt188Layout.UnitPosition.BEFORE : Cjt188Layout.UnitPosition.AFTER,
                preamble);
    }

    /** The point's field; empty (with a problem recorded) when missing or not reported by this type of meter. */
    private static Optional<MeterField> field(ConfigNode p, MeterType type) {
        List<String> keys = Arrays.stream(MeterField.values()).map(MeterField::key).toList();
        String key = p.choice("field", keys, "");
        if (key.isEmpty()) {
            if (!p.has("field")) {
                p.problem("field", "is required: one of " + String.join(", ", keys));
            }
            return Optional.empty();
        }
        MeterField f = MeterField.ofKey(key);
        if (type.kind() == MeterType.Kind.OTHER) {
            return Optional.empty();
        }
        if (!f.carriedBy(type.kind())) {
            p.problem("field", "a " + type.describe() + " does not report " + key + "; it reports "
                    + String.join(", ", Arrays.stream(MeterField.values()).filter(x -> x.carriedBy(type.kind())).map(MeterField::key).toList()));
            return Optional.empty();
        }
        return Optional.of(f);
    }
}
