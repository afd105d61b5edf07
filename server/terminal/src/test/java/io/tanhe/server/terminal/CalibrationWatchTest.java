package io.tanhe.server.terminal;

import io.tanhe.server.site.Meter;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The calibration facts name the methodology inputs a meter's points are bound to, so V2/V3 can correct their day figures. */
class CalibrationWatchTest {
    @TempDir
    Path dir;

    @Test
    void aMeterFeedsTheInputsItsPointsAreBoundTo() {
        try (Site site = SiteFiles.load(SiteFiles.demo(dir, UnaryOperator.identity()))) {
            List<Meter> meters = site.reporting().meters();
            assertEquals(List.of("coal_burned[unit1]"), CalibrationWatch.feeds(site, meters.get(0)));
            assertEquals(List.of("power_generated", "power_supplied"), CalibrationWatch.feeds(site, meters.get(3)));
            assertEquals(List.of("coal_c_ar[unit1]"), CalibrationWatch.feeds(site, meters.get(4)));
        }
    }
}
