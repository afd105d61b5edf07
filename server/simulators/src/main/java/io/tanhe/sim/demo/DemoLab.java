package io.tanhe.sim.demo;

import io.tanhe.drivers.manual.ManualEntry;
import io.tanhe.drivers.manual.ManualEntrySource;
import io.tanhe.engine.time.Grain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The demo's laboratory: enters the monthly element carbon content of unit 1's coal (C_ar, as the
 * power-generation guideline requires it measured) through the manual-entry source, once per month
 * at the month's start — 52 % ± 1 %, varying from month to month.
 */
final class DemoLab {
    static final String POINT = "unit1.coal.c_ar";

    private final ManualEntrySource source;
    private final ZoneId zone;
    private Instant enteredFor;

    DemoLab(ManualEntrySource source, ZoneId zone) {
        this.source = source;
        this.zone = zone;
    }

    /** Enters the value of the month holding {@code t}, unless it was entered already. */
    void enterFor(Instant t) {
        Instant month = Grain.MONTH.floor(t, zone);
        if (month.equals(enteredFor)) {
            return;
        }
        double carbon = 0.52 + 0.01 * Signal.centred(month.getEpochSecond());
        source.enter(new ManualEntry(POINT, month, BigDecimal.valueOf(carbon).setScale(4, RoundingMode.HALF_UP), "tC/t",
                "demo lab", "monthly lab report (simulated) for " + month.atZone(zone).toLocalDate().withDayOfMonth(1)));
        enteredFor = month;
    }
}
