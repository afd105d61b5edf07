package io.tanhe.engine.incremental;

import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Observation;
import io.tanhe.engine.time.Quality;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The evaluator over a simulated day the way a terminal drives it (its buckets evicted behind an
 * hour's window once stored, its time model forgetting what it no longer needs, changes and
 * revisions drained): what it holds stays bounded and the heap stays flat.
 */
class EvaluatorSoakTest {
    private static final int UNITS = 40;

    @Test
    void aSimulatedHourKeepsTheHeldStateBounded() {
        soak(Duration.ofHours(2), 16);
    }

    @Test
    @Tag("slow")
    void aSimulatedDayKeepsTheHeapFlat() {
        soak(Duration.ofHours(24), 8);
    }

    private static void soak(Duration length, int allowedGrowthMb) {
        ComputationGraph graph = GeneratedCodeTest.graph();
        IncrementalEvaluator ev = new IncrementalEvaluator(graph, GeneratedCodeTest.factors(true), GeneratedCodeTest.ZONE,
                Grain.MINUTE, List.of(Grain.FIFTEEN_MINUTES, Grain.HOUR, Grain.DAY, Grain.MONTH, Grain.YEAR));
        Instant start = Instant.parse("2024-03-01T00:00:00Z");
        double[] meters = new double[UNITS * 3];
        long seconds = length.toSeconds();
        long heapAtQuarter = -1;
        int maxHeld = 0;
        for (long s = 0; s < seconds; s += 15) {
            Instant t = start.plusSeconds(s);
            for (int u = 0; u < UNITS; u++) {
                for (int f = 0; f < 3; f++) {
                    meters[u * 3 + f] += 0.1 + (u + f + s) % 7 / 10.0;
                    ev.accept(new Observation(t, "burned", "u" + u + "," + GeneratedCodeTest.FUELS.get(f), meters[u * 3 + f],
                            GeneratedCodeTest.T, Quality.MEASURED));
                }
            }
            ev.drainChangedBuckets();
            ev.drainRevisions();
            if (s % 3600 == 0 && s > 0) { // every hour, as the terminal's window advances once results are stored
                Instant from = t.minus(Duration.ofHours(1));
                ev.evictBefore(from);
                ev.timeModel().forgetBefore(from);
                maxHeld = Math.max(maxHeld, ev.buckets(Grain.MINUTE).size());
            }
            if (s >= seconds / 4 && heapAtQuarter < 0) {
                heapAtQuarter = usedHeapMb();
            }
        }
        assertTrue(maxHeld <= 121, "held " + maxHeld + " minute buckets; the window holds about two hours");
        long growth = usedHeapMb() - heapAtQuarter;
        assertTrue(growth < allowedGrowthMb, "heap grew by " + growth + " MB over the last three quarters of " + length);
    }

    private static long usedHeapMb() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return (rt.totalMemory() - rt.freeMemory()) >> 20;
    }
}
