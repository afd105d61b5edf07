package io.tanhe.server.evaluation;

import io.tanhe.drivers.Quality;
import io.tanhe.server.site.PointBinding;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteLoader;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.store.jdbc.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Replay looks for a range's neighbours in the two minutes around it first; what it feeds is what the whole three-hour
 * look-back gives, computed here from the readings themselves: after silences and failed readings shorter and longer
 * than the short window, on both sides of the range. The scan of the bound points alone gives the scan's readings of them.
 */
class ReplayNeighboursTest {
    private static final Instant T0 = Instant.parse("2024-06-01T00:00:00Z");
    private static final String SITE = """
            site:
              enterprise: "Replay Co."
              id: replay
            zone: UTC
            methodology:
              library: cn.power-generation
              version: "2022.1"
            drivers:
              devices:
                - id: scale
                  type: manual
                  points:
                    - {id: coal, unit: t}
                    - {id: other, unit: t}
            points:
              - {point: coal, input: coal_burned, key: unit1}
            """;

    @TempDir
    Path dir;

    @Test
    void theShortLookFindsWhatTheThreeHourLookBackFinds() throws Exception {
        Site site = new SiteLoader(Clock.systemUTC()).load(Files.writeString(dir.resolve("site.yaml"), SITE));
        List<StoredReading> all = new ArrayList<>();
        for (int s = 0; s < 6 * 3600; s += 30) {
            Instant t = T0.plusSeconds(s);
            int minute = s / 60;
            boolean silent = minute >= 57 && minute < 63            // 6 min silence around 01:00
                    || minute >= 170 && minute < 190;               // 20 min around 03:00
            if (silent) {
                continue;
            }
            boolean failed = minute >= 115 && minute < 125          // failed readings around 02:00
                    || minute >= 236 && minute < 240;               // and just before 04:00
            all.add(new StoredReading("coal", "", t, failed ? null : BigDecimal.valueOf(1000 + s / 30.0), "t",
                    failed ? Quality.DEVICE_ERROR : Quality.MEASURED, "scale", "", t));
            all.add(new StoredReading("other", "", t, BigDecimal.ONE, "t", Quality.MEASURED, "scale", "", t));
        }
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(dir.resolve("data")))) {
            store.readings().writeAll(all).join();
            int ranges = 0;
            for (int from = 0; from < 6; from++) {
                for (int to = from + 1; to <= 6; to++) {
                    TimeRange range = TimeRange.of(T0.plus(Duration.ofHours(from)), T0.plus(Duration.ofHours(to)));
                    assertEquals(keys(threeHourLookBack(site, all, range)), keys(Replay.readings(site, store.readings(), range)),
                            range.toString());
                    List<StoredReading> scanned = new ArrayList<>();
                    Replay.scan(site, store.readings(), range, scanned::add);
                    assertEquals(keys(threeHourLookBack(site, all, range)), keys(scanned), "scan of " + range);
                    List<StoredReading> bound = new ArrayList<>();
                    Replay.scanBound(site, store.readings(), range, bound::add);
                    assertEquals(keys(scanned.stream().filter(r -> r.pointId().equals("coal")).toList()), keys(bound),
                            "the bound points' scan of " + range);
                    ranges++;
                }
            }
            assertEquals(21, ranges);
        }
    }

    /** The definition: each bound point's readings from its last with a value in the 3 h before, those of the range, and after it up to the first with a value. */
    private static List<StoredReading> threeHourLookBack(Site site, List<StoredReading> all, TimeRange range) {
        List<StoredReading> out = new ArrayList<>();
        for (PointBinding b : site.bindings().values()) {
            List<StoredReading> before = all.stream().filter(r -> r.pointId().equals(b.pointId())
                    && !r.measuredAt().isBefore(range.from().minus(Replay.NEIGHBOUR_LOOKBACK)) && r.measuredAt().isBefore(range.from())).toList();
            for (int i = before.size() - 1; i >= 0; i--) {
                if (before.get(i).value() != null) {
                    out.addAll(before.subList(i, before.size()));
                    break;
                }
            }
            List<StoredReading> after = all.stream().filter(r -> r.pointId().equals(b.pointId())
                    && !r.measuredAt().isBefore(range.to()) && r.measuredAt().isBefore(range.to().plus(Replay.NEIGHBOUR_LOOKBACK))).toList();
            for (int i = 0; i < after.size(); i++) {
                if (after.get(i).value() != null) {
                    out.addAll(after.subList(0, i + 1));
                    break;
                }
            }
        }
        all.stream().filter(r -> !r.measuredAt().isBefore(range.from()) && r.measuredAt().isBefore(range.to()))
                .sorted(Comparator.comparing(StoredReading::measuredAt).thenComparing(StoredReading::pointId)).forEach(out::add);
        out.sort(Comparator.comparing(StoredReading::measuredAt));
        return out;
    }

    private static List<String> keys(List<StoredReading> readings) {
        return readings.stream().map(r -> r.pointId() + "@" + r.measuredAt() + "=" + r.value()).toList();
    }
}
