package io.tanhe.server.uplink;

import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Quality;
import io.tanhe.server.hj212.DataFlag;
import io.tanhe.server.hj212.profile.PlatformProfile;
import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.EventKind;
import io.tanhe.server.store.MethodologyRef;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.uplink.config.CentreConfig;
import io.tanhe.server.uplink.config.IndicatorConfig;
import io.tanhe.server.uplink.outbox.PeriodReader;
import io.tanhe.server.uplink.outbox.UploadValue;
import io.tanhe.sim.hj212.Hj212PlatformSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tanhe.server.uplink.UplinkRig.T0;
import static io.tanhe.server.uplink.UplinkRig.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What values a centre gets: every indicator, a flag by the standard's meaning, never a stalled stream. */
class UplinkValuesTest {
    private static final MethodologyRef METHODOLOGY = new MethodologyRef("test", "1", "abc");

    @TempDir
    Path dir;

    private static BucketResult result(String node, String key, Instant start, double value, Quality q) {
        return new BucketResult(node, key, Grain.FIFTEEN_MINUTES, start, start.plus(Duration.ofMinutes(15)), value, "tCO2",
                q, 1.0, METHODOLOGY, start, "test");
    }

    @Test
    void twoIndicatorsWithDifferentCodesOnTheSameResultBothGetTheValue() throws Exception {
        // issue 12, 8b: all but the last were dropped silently
        try (UplinkRig rig = new UplinkRig(dir)) {
            rig.store.results().writeAll(List.of(result("E", "", T0, 12.5, Quality.MEASURED))).get();
            PeriodReader reader = new PeriodReader(rig.store.results(), "c", List.of(
                    new IndicatorConfig("E", "", "a05001", null), new IndicatorConfig("E", "", "e10001", null),
                    new IndicatorConfig("E", "", "e10002", "kgCO2")));
            List<UploadValue> values = reader.read(Grain.FIFTEEN_MINUTES, TimeRange.of(T0, T0.plusSeconds(1)), false).get(T0);
            assertEquals(List.of("a05001", "e10001", "e10002"), values.stream().map(UploadValue::code).toList());
            assertEquals(0, values.get(2).value().compareTo(new java.math.BigDecimal("12500")));
        }
    }

    @Test
    void aTotalWithAManualOperandIsFlaggedNUnlessTheProfileMapsManualToS() throws Exception {
        // issue 12, 8g: the lab's monthly carbon content made the total MANUAL, sent as S (a value set by hand)
        try (UplinkRig rig = new UplinkRig(dir)) {
            rig.store.results().writeAll(List.of(result("E", "", T0, 12.5, Quality.MANUAL),
                    result("E", "", T0.plus(Duration.ofMinutes(15)), 1, Quality.SUBSTITUTED))).get();
            List<IndicatorConfig> inds = List.of(new IndicatorConfig("E", "", "a05001", null));
            TimeRange range = TimeRange.of(T0, T0.plus(Duration.ofHours(1)));
            Map<Instant, List<UploadValue>> https = new PeriodReader(rig.store.results(), "c", inds).read(Grain.FIFTEEN_MINUTES, range, false);
            assertEquals(DataFlag.N, https.get(T0).get(0).flag());
            assertEquals(DataFlag.B, https.get(T0.plus(Duration.ofMinutes(15))).get(0).flag());
            PlatformProfile profile = PlatformProfile.of("p", UplinkRig.MN, UplinkRig.PW).withFlags(Map.of("manual", DataFlag.S));
            Map<Instant, List<UploadValue>> hj212 = new PeriodReader(rig.store.results(), "c", inds, PeriodReader.flagsOf(profile))
                    .read(Grain.FIFTEEN_MINUTES, range, false);
            assertEquals(DataFlag.S, hj212.get(T0).get(0).flag());
        }
    }

    @Test
    void aValueTooLongForItsFormatIsLeftOutAndReportedAndTheStreamMovesOn() throws Exception {
        // issue 12, 8a: a value the platform refuses was resent forever and every period behind it waited
        try (UplinkRig rig = new UplinkRig(dir);
             Hj212PlatformSimulator sim = Hj212PlatformSimulator.start(0, Set.of(), line -> { })) {
            rig.writeResults(T0, 2);
            CentreConfig base = UplinkRig.hj212("province", sim.port());
            // a05001 is sent in kgCO2: 1,000,000 and more, 7 integer digits where the default format allows 6
            CentreConfig centre = new CentreConfig(base.id(), base.protocol(), base.address(),
                    base.profile().orElseThrow().withDefaultFormat("N6.2"), null, base.indicators(), base.schedules(),
                    base.delivery(), base.tls());
            rig.start(centre);
            rig.advance(Duration.ofHours(2).plusMinutes(3));
            await(() -> rig.pending("province") == 0 && sim.stored().size() >= 8 * 2, Duration.ofSeconds(60),
                    "the periods behind the unwritable values");
            assertTrue(sim.stored().values().stream().noneMatch(v -> v.code().equals("a05001")));
            assertEquals(8, sim.stored().values().stream().filter(v -> v.code().equals("a05002")).count());
            assertTrue(rig.store.events().events(TimeRange.of(T0, rig.clock.instant().plusSeconds(1))).stream()
                    .anyMatch(e -> e.event().kind() == EventKind.GAP && e.event().subject().equals("province")
                            && e.event().message().contains("a05001")), "the left-out value is recorded");
        }
    }
}
