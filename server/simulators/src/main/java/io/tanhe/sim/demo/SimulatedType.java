package io.tanhe.sim.demo;

import io.tanhe.drivers.config.ConfigContext;
import io.tanhe.grammar.config.ConfigNode;
import io.tanhe.drivers.config.ConfiguredSource;
import io.tanhe.drivers.config.PointSettings;
import io.tanhe.drivers.config.PollSettings;
import io.tanhe.drivers.config.SourceType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code type: simulated}: a polled device whose points follow a simulated load (see docs/site.md):
 * <pre>
 *   - id: coal-scale-1
 *     type: simulated
 *     period: 5s
 *     points:
 *       - {id: unit1.coal.total, unit: t, signal: counter, start: 125000, per_hour: 380, swing: 0.15, digits: 2}
 * </pre>
 */
public final class SimulatedType implements SourceType {

    @Override
    public String type() {
        return "simulated";
    }

    @Override
    public ConfiguredSource create(String id, ConfigNode device, ConfigContext ctx) {
        PollSettings poll = PollSettings.read(device);
        List<PointSettings> settings = new ArrayList<>();
        List<SimulatedPoint> points = new ArrayList<>();
        List<ConfigNode> entries = device.list("points");
        if (entries.isEmpty()) {
            device.problem("points", "a simulated device needs at least one point");
        }
        for (ConfigNode p : entries) {
            PointSettings s = PointSettings.read(p);
            Signal.Kind kind = Signal.Kind.valueOf(p.choice("signal", List.of("counter", "rate"), "counter").toUpperCase(Locale.ROOT));
            double perHour = number(p, "per_hour", 0, 1e12, Double.NaN);
            if (Double.isNaN(perHour)) {
                p.problem("per_hour", "is required: the mean advance per hour (counter) or mean level (rate)");
                perHour = 0;
            }
            Signal signal = new Signal(kind, number(p, "start", 0, 1e15, 0), perHour, number(p, "swing", 0, 0.95, 0.1),
                    number(p, "noise", 0, 0.5, 0.01), p.integer("digits", 2, 0, 6), p.decimal("rollover").orElse(null));
            settings.add(s);
            points.add(new SimulatedPoint(s, signal, number(p, "fail_rate", 0, 1, 0)));
        }
        return new ConfiguredSource.Polled(new SimulatedDevice(id, points), poll, settings);
    }

    private static double number(ConfigNode p, String field, double min, double max, double fallback) {
        BigDecimal v = p.decimal(field).orElse(null);
        if (v == null) {
            return fallback;
        }
        double d = v.doubleValue();
        if (d < min || d > max) {
            p.problem(field, v.toPlainString() + " is outside " + min + " .. " + max);
            return fallback;
        }
        return d;
    }
}
