package io.tanhe.server.site;

import io.tanhe.engine.rules.RulesEngine;
import io.tanhe.engine.rules.alert.AlertEvent;
import io.tanhe.engine.rules.alert.Transition;
import io.tanhe.engine.rules.fact.ObservationFact;
import io.tanhe.engine.time.Quality;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 12, defect 10: the data-gap rule respects a polled point's period, and one missed poll does not
 * raise and clear an alert in the same second.
 */
class DataGapTimeTest {
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aPolledPointsGapTimeIsItsPeriodOrTenSecondsPlusTheLongestPoll() {
        try (Site site = SiteFiles.load(SiteFiles.demo(dir, UnaryOperator.identity()))) {
            // the demo's meters: period 5 s, timeout 1 s, 2 retries -> max(10 s, 5 s) + 3 × 1 s
            assertEquals(Duration.ofSeconds(13), site.rulesSettings().gapOverrides().get("grid_purchased"));
            assertEquals(Duration.ofSeconds(13), site.rulesSettings().gapOverrides().get("gt1.gas.flow"), "unbound points too");
            assertEquals(Duration.ZERO, site.rulesSettings().gapOverrides().get("coal_c_ar"), "per-period inputs are not watched");
            assertEquals(Duration.ZERO, site.rulesSettings().gapOverrides().get("stack1.co2.slope"),
                    "a logger's calibration intercept and slope (CN 3020) come once a day: not watched");
            assertEquals(Duration.ZERO, site.rulesSettings().gapOverrides().get("stack1.co2.intercept"));
            assertEquals(null, site.rulesSettings().gapOverrides().get("stack1.co2"), "the logger's measurements keep gap_after");
        }
        try (Site site = SiteFiles.load(SiteFiles.demo(dir, t -> t.replace("{id: stack1.o2, code: a19001, unit: \"%\"}",
                "{id: stack1.o2, code: a19001, unit: \"%\"}\n        - {id: stack1.co2.minute, code: a05001, cn: \"2051\", unit: \"%\"}"
                        + "\n        - {id: stack1.co2.hour, code: a05001, cn: \"2061\", unit: \"%\"}")))) {
            assertEquals(Duration.ofSeconds(70), site.rulesSettings().gapOverrides().get("stack1.co2.minute"),
                    "minute data (2051) every minute_interval (1 min): a gap after 1 min + 10 s, not between two uploads");
            assertEquals(Duration.ofSeconds(3610), site.rulesSettings().gapOverrides().get("stack1.co2.hour"), "hour data (2061)");
        }
        try (Site site = SiteFiles.load(SiteFiles.demo(dir, t -> t.replace("period: 5s\n      backup: grid-meter-b",
                "period: 1min\n      timeout: 2s\n      retries: 0\n      backup: grid-meter-b")))) {
            assertEquals(Duration.ofSeconds(62), site.rulesSettings().gapOverrides().get("grid_purchased"),
                    "the longest of the primary (1 min + 2 s) and its backup (13 s)");
        }
    }

    @Test
    void oneMissedFiveSecondPollRaisesNoDataGapTwoInARowDo() throws Exception {
        try (Site site = SiteFiles.load(SiteFiles.demo(dir, UnaryOperator.identity()))) {
            RulesEngine engine = RulesEngine.start(site.rules(), site.rulesSettings());
            List<AlertEvent> gaps = new ArrayList<>();
            engine.addListener(e -> {
                if (e.alert().name().equals("data-gap")) {
                    gaps.add(e);
                }
            });
            // 4 hours of 5 s polls; the grid meter misses one poll in every 100. Another point polled at the
            // same instants is observed first, so the clock reaches each poll time before the grid reading does.
            for (int i = 0; i < 4 * 720; i++) {
                Instant at = T0.plusSeconds(5L * i);
                engine.observe(new ObservationFact("gt1.gas.flow", "", at, 40000, "Nm3/h", Quality.MEASURED, "gas-meter-gt1"));
                boolean missed = i % 100 == 50;
                engine.observe(new ObservationFact("grid_purchased", "", at, missed ? 0 : 3_400_000 + i, "kWh",
                        missed ? Quality.MISSING : Quality.MEASURED, "grid-meter-a"));
            }
            assertEquals(List.of(), gaps, "a single missed poll is no gap");
            // two missed polls in a row: 15 s between good readings -> a gap from lastGood + 13 s to the next good reading
            Instant last = T0.plusSeconds(5L * 4 * 720);
            for (int k = 0; k < 4; k++) {
                Instant at = last.plusSeconds(5L * k);
                engine.observe(new ObservationFact("gt1.gas.flow", "", at, 40000, "Nm3/h", Quality.MEASURED, "gas-meter-gt1"));
                boolean missed = k == 1 || k == 2;
                engine.observe(new ObservationFact("grid_purchased", "", at, missed ? 0 : 3_500_000 + k, "kWh",
                        missed ? Quality.MISSING : Quality.MEASURED, "grid-meter-a"));
            }
            assertEquals(List.of(Transition.RAISED, Transition.CLEARED), gaps.stream().map(AlertEvent::transition).toList());
            assertEquals(last.plusSeconds(13), gaps.get(0).alert().raisedAt());
            assertEquals(last.plusSeconds(15), gaps.get(1).alert().clearedAt());
        }
    }
}
