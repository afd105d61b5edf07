package io.tanhe.engine.rules;

import io.tanhe.engine.rules.alert.Severity;
import io.tanhe.engine.rules.fact.ObservationFact;
import io.tanhe.engine.rules.threshold.Operator;
import io.tanhe.engine.rules.threshold.Threshold;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retraction works: working memory and heap stay flat however long the stream. */
class MemoryFlatTest {
    private static final int POINTS = 1000;
    private static final int THRESHOLDS = 100;

    @Test
    void workingMemoryAndHeapStayFlatOverABoundedStream() throws Exception {
        stream(300_000, 8);
    }

    @Test
    @Tag("slow")
    void workingMemoryAndHeapStayFlatOverALongStream() throws Exception {
        stream(10_000_000, 8);
    }

    private static void stream(int observations, int allowedGrowthMb) throws Exception {
        List<Threshold> thresholds = new ArrayList<>();
        for (int i = 0; i < THRESHOLDS; i++) {
            thresholds.add(Threshold.of("t" + i, "p" + (i * 7 % POINTS), Operator.GT, 90, Severity.WARNING)
                    .with(d -> d.clear = 80.0));
        }
        Recorder r = new Recorder(RuleSet.of("example", CustomRulesTest.EXAMPLE),
                new RulesSettings(Duration.ofSeconds(10), Map.of(), Duration.ofMinutes(30)),
                thresholds.toArray(Threshold[]::new));
        r.engine.removeListener(r);
        int firstQuarter = observations / 4;
        long factsAtQuarter = 0;
        long heapAtQuarter = 0;
        for (int i = 0; i < observations; i++) {
            int point = i % POINTS;
            long second = i / POINTS;
            double value = 50 + 45 * Math.sin(second / 60.0 + point);
            r.engine.observe(ObservationFact.measured("p" + point, "", Recorder.T0.plusSeconds(second), value, "t/h"));
            if (i == firstQuarter) {
                factsAtQuarter = r.engine.factCount();
                heapAtQuarter = usedHeapMb();
            }
        }
        assertEquals(POINTS + THRESHOLDS, factsAtQuarter, "one observation per point, plus the thresholds");
        assertEquals(factsAtQuarter, r.engine.factCount());
        long growth = usedHeapMb() - heapAtQuarter;
        assertTrue(growth < allowedGrowthMb, "heap grew by " + growth + " MB over the last three quarters");
    }

    private static long usedHeapMb() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return (rt.totalMemory() - rt.freeMemory()) >> 20;
    }
}
