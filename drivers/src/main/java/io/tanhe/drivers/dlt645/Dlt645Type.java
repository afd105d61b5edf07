package io.tanhe.drivers.dlt645;

import io.tanhe.drivers.config.ConfigContext;
import io.tanhe.grammar.config.ConfigNode;
import io.tanhe.drivers.config.ConfiguredSource;
import io.tanhe.drivers.config.PointSettings;
import io.tanhe.drivers.config.PollSettings;
import io.tanhe.drivers.config.SourceType;
import io.tanhe.drivers.serial.DigitsField;
import io.tanhe.drivers.serial.HalfDuplexLine;
import io.tanhe.drivers.serial.LineField;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code type: dlt645}: {@code address} (the 12 digits on the meter, quoted), {@code version}
 * (2007 or 1997, default 2007), the bus ({@link LineField}: {@code serial:} or {@code tcp:}),
 * {@code period}/{@code timeout}/{@code retries}, and points with {@code di} (quoted hex, e.g.
 * {@code "00010000"}); a DI outside {@link DataItems} also needs {@code format} (e.g.
 * {@code XXXXXX.XX}), optionally {@code signed: true}, and a {@code unit}.
 */
public final class Dlt645Type implements SourceType {

    @Override
    public String type() {
        return "dlt645";
    }

    @Override
    public ConfiguredSource create(String id, ConfigNode device, ConfigContext ctx) {
        Dlt645Version version = Dlt645Version.ofYear(device.choice("version", List.of("2007", "1997"), "2007"));
        Dlt645Address address = address(device);
        HalfDuplexLine line = LineField.read(device, ctx);
        PollSettings poll = PollSettings.read(device);
        List<PointSettings> settings = new ArrayList<>();
        List<Dlt645Point> points = new ArrayList<>();
        for (ConfigNode p : device.list("points")) {
            PointSettings s = PointSettings.read(p);
            settings.add(s);
            point(p, s, version).ifPresent(points::add);
        }
        if (settings.isEmpty()) {
            device.problem("points", "list at least one point with a di");
        }
        Dlt645Meter meter = new Dlt645Meter(id, address, points, poll.timeout(), poll.retries());
        return new ConfiguredSource.Polled(new Dlt645Device(meter, line), poll, settings);
    }

    private static Dlt645Address address(ConfigNode device) {
        String text = DigitsField.read(device, "address", "\"000072007201\"");
        try {
            Dlt645Address a = Dlt645Address.parse(text);
            if (a.isWildcard()) {
                device.problem("address", "a wildcard cannot be polled; give the meter's own address (printed on it, or found with read address)");
                return Dlt645Address.parse("0");
            }
            return a;
        } catch (IllegalArgumentException e) {
            if (!text.isEmpty()) {
                device.problem("address", e.getMessage());
            }
            return Dlt645Address.parse("0");
        }
    }

    private static Optional<Dlt645Point> point(ConfigNode p, PointSettings s, Dlt645Version version) {
        String diText = DigitsField.read(p, "di", version == Dlt645Version.V2007 ? "\"00010000\"" : "\"9010\"");
        boolean signed = p.bool("signed", false);
        String formatText = p.text("format", "");
        if (diText.isEmpty()) {
            return Optional.empty();
        }
        DataIdentifier di;
        try {
            di = DataIdentifier.parse(version, diText);
        } catch (IllegalArgumentException e) {
            p.problem("di", e.getMessage());
            return Optional.empty();
        }
        Optional<DataItem> known = DataItems.lookup(di);
        if (!formatText.isEmpty()) {
            try {
                ValueFormat format = ValueFormat.parse(formatText, signed);
                if (s.unit().isEmpty()) {
                    p.problem("unit", "give the unit of DI " + di + " (the meter's unit, e.g. kWh)");
                }
                return Optional.of(new Dlt645Point(s.id(), di, format, s.unit()));
            } catch (IllegalArgumentException e) {
                p.problem("format", e.getMessage());
                return Optional.empty();
            }
        }
        if (known.isEmpty()) {
            p.problem("di", "DI " + di + " is not in the built-in table (see docs/drivers.md); give its format (e.g. XXXXXX.XX), signed and unit");
            return Optional.empty();
        }
        if (p.has("signed")) {
            p.problem("signed", "the sign of DI " + di + " comes from the built-in table; give signed only together with format");
        }
        String unit = known.get().unit();
        if (!s.unit().isEmpty() && !s.unit().equals(unit)) {
            p.problem("unit", "DI " + di + " (" + known.get().name() + ") reads " + (unit.isEmpty() ? "a plain number" : unit)
                    + "; write unit: " + (unit.isEmpty() ? "\"\"" : unit) + " or leave unit out");
        }
        return Optional.of(new Dlt645Point(s.id(), di, known.get().format(), unit));
    }
}
