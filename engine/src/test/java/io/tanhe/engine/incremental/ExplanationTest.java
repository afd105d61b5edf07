package io.tanhe.engine.incremental;

import io.tanhe.engine.provenance.Explanation;
import io.tanhe.engine.provenance.ExplanationText;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Observation;
import io.tanhe.engine.time.Quality;
import io.tanhe.engine.time.TimeBucket;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExplanationTest {
    static final Explanation.Methodology M = new Explanation.Methodology("demo.incremental", "1", "t", "abc");

    @Test
    void theTreeShowsFormulaOperandsFactorProvenanceAndObservations() {
        IncrementalEvaluator ev = IncrementalEvaluatorTest.evaluator(2.0);
        ev.accept(IncrementalEvaluatorTest.reading("2024-03-01T10:00:00Z", "b1", 100));
        ev.accept(IncrementalEvaluatorTest.reading("2024-03-01T10:01:00Z", "b1", 110));
        TimeBucket minute = TimeBucket.of(Grain.MINUTE, Instant.parse("2024-03-01T10:00:00Z"), IncrementalEvaluatorTest.UTC);
        Explanation e = ev.explain("e", "b1", minute, Map.of(), M).orElseThrow();
        // hand-worked: 110 t − 100 t = 10 t; × 2.0 tCO2/t = 20 tCO2
        assertEquals(Explanation.SCHEMA, e.schema());
        assertEquals(20.0, e.result().value(), 1e-12);
        assertEquals("emission", e.result().kind());
        Explanation.Step burned = e.result().operands().stream().filter(s -> s.name().equals("burned")).findFirst().orElseThrow();
        Explanation.Step ef = e.result().operands().stream().filter(s -> s.name().equals("ef")).findFirst().orElseThrow();
        assertEquals(10.0, burned.value(), 1e-12);
        assertEquals(2, burned.input().observations().size());
        assertEquals(100.0, burned.input().observations().get(0).value());
        assertEquals("2.0", ef.factor().value());
        assertEquals("test", ef.factor().source());
        assertEquals("SITE", ef.factor().confidence());
        String text = ExplanationText.render(e);
        assertTrue(text.contains("e[b1] (emission) = 20 tCO2"), text);
        assertTrue(text.contains("source: test"), text);
    }

    @Test
    void aCoarserBucketSaysHowManyBaseBucketsItSums() {
        IncrementalEvaluator ev = IncrementalEvaluatorTest.evaluator(2.0);
        ev.accept(IncrementalEvaluatorTest.reading("2024-03-01T10:00:00Z", "b1", 0));
        ev.accept(IncrementalEvaluatorTest.reading("2024-03-01T10:03:00Z", "b1", 30));
        TimeBucket hour = TimeBucket.of(Grain.HOUR, Instant.parse("2024-03-01T10:00:00Z"), IncrementalEvaluatorTest.UTC);
        Explanation e = ev.explain("E", "", hour, Map.of(), M).orElseThrow();
        assertEquals(60.0, e.result().value(), 1e-9);
        assertEquals(3, e.result().rolledUp());
    }

    @Test
    void aResultIsAsWeakAsItsWeakestInputAndSaysHowCompleteItIs() {
        IncrementalEvaluator ev = IncrementalEvaluatorTest.evaluator(2.0);
        ev.accept(IncrementalEvaluatorTest.reading("2024-03-01T10:00:00Z", "b1", 0));
        ev.accept(IncrementalEvaluatorTest.reading("2024-03-01T10:30:00Z", "b1", 30));
        ev.accept(new Observation(Instant.parse("2024-03-01T10:00:00Z"), "burned", "b2", 0, IncrementalEvaluatorTest.T, Quality.MANUAL));
        ev.accept(new Observation(Instant.parse("2024-03-01T11:00:00Z"), "burned", "b2", 6, IncrementalEvaluatorTest.T, Quality.MANUAL));
        TimeBucket hour = TimeBucket.of(Grain.HOUR, Instant.parse("2024-03-01T10:00:00Z"), IncrementalEvaluatorTest.UTC);
        ResultValue b1 = ev.result("e", "b1", hour).orElseThrow();
        ResultValue total = ev.result("E", "", hour).orElseThrow();
        assertEquals(Quality.MEASURED, b1.quality());
        assertEquals(0.5, b1.completeness(), 1e-9); // b1 has data for 30 of 60 minutes
        assertEquals(Quality.MANUAL, total.quality()); // b2 was entered by hand
        assertEquals(0.5, total.completeness(), 1e-9); // as complete as its least complete input
        assertEquals(72.0, total.value(), 1e-9); // (30 t + 6 t) × 2
    }

    @Test
    void anUnknownBucketOrKeyHasNoExplanation() {
        IncrementalEvaluator ev = IncrementalEvaluatorTest.evaluator(2.0);
        TimeBucket hour = TimeBucket.of(Grain.HOUR, Instant.parse("2024-03-01T10:00:00Z"), IncrementalEvaluatorTest.UTC);
        assertTrue(ev.explain("E", "", hour, Map.of(), M).isEmpty());
        assertNotNull(ev.keys("e"));
        assertEquals(List.of(), ev.keys("e"));
    }
}
