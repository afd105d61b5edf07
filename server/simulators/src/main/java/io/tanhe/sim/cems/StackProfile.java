package io.tanhe.sim.cems;

import java.time.Instant;

/**
 * The flue gas of a coal unit's stack, deterministic in time: CO2 about 12 %vol dry and the flow
 * about 300 m3/s, both with a slow load swing, 50 °C, −0.5 kPa static, 101.3 kPa ambient, 10 %
 * moisture, 6 % O2, 15 m/s. Values as a data logger sends them (HJ 212-2017 Table B.2 units).
 */
public final class StackProfile {
    private StackProfile() {
    }

    /** The values at {@code t}: code → value text with the code's decimals. */
    public static java.util.Map<String, String> at(Instant t) {
        double phase = (t.getEpochSecond() % 86_400) / 86_400.0 * 2 * Math.PI;
        double load = 0.85 + 0.15 * Math.sin(phase);
        java.util.Map<String, String> v = new java.util.LinkedHashMap<>();
        v.put("a05001", String.format(java.util.Locale.ROOT, "%.3f", 11.0 + 1.5 * load));
        v.put("a00000", String.format(java.util.Locale.ROOT, "%.1f", 300 * load));
        v.put("a01011", String.format(java.util.Locale.ROOT, "%.2f", 15 * load));
        v.put("a01012", "50.0");
        v.put("a01013", "-0.500");
        v.put("a01006", "101.325");
        v.put("a01014", "10.0");
        v.put("a19001", String.format(java.util.Locale.ROOT, "%.1f", 7.5 - 1.5 * load));
        return v;
    }
}
