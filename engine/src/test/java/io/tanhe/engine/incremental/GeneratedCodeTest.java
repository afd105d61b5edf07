package io.tanhe.engine.incremental;

import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.compile.Compiler;
import io.tanhe.engine.factors.Confidence;
import io.tanhe.engine.factors.FactorLibrary;
import io.tanhe.engine.factors.FactorValue;
import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Observation;
import io.tanhe.engine.time.Quality;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.engine.units.Unit;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated code against the interpreter: two evaluators of one graph, fed the same random stream
 * (late readings, new keys, missing optional values, divisions by zero, a factor that goes missing
 * and comes back), must hold the same results bit for bit, status and cause included.
 */
class GeneratedCodeTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String SOURCE = """
            methodology demo.codegen
              version 1
              title "t"
              source "s"
              industry "i"
            set unit
            set fuel { coal, gas, oil }
            factor ef[fuel] : tCO2/t
            factor lim : t
            input burned[unit, fuel] : t counter
            input lab[fuel] : tCO2/t period optional
            input flow[unit] : m3/h rate
            emission e[u in unit, f in fuel] : tCO2 class combustion =
              round(burned[u, f] * (if available(lab[f]) then lab[f] else ef[f]) * 44/12 [tCO2/tCO2], 3)
            value big[u in unit] : t = if sum(f in fuel: burned[u, f]) > lim and not (burned[u, coal] <= 0 [t])
              then max(f in fuel: burned[u, f]) else min(burned[u, coal], burned[u, gas])
            value ratio[u in unit] : t/t = burned[u, coal] / burned[u, gas]
            value spread[u in unit] : t = abs(burned[u, coal] - burned[u, gas] * 2) + (burned[u, oil] ^ 2) / (1 [t])
            value either[u in unit] : t = if burned[u, coal] > 1 [t] or burned[u, gas] >= 2 [t] then burned[u, coal]
              else if burned[u, oil] == 0 [t] then -burned[u, gas] else burned[u, oil] - 1 [t]
            value direct[f in fuel] : tCO2/t = lab[f] * 2
            value m[u in unit] : m3/h = mean(flow[u])
            value w[u in unit] : tCO2 = sum(f in fuel: burned[u, f] * ef[f] + e[u, f]) - e[u, coal] * 0.5
            total E : tCO2 = sum(e)
            """;
    static final Unit T = Unit.parse("t");
    static final List<String> FUELS = List.of("coal", "gas", "oil");

    static ComputationGraph graph() {
        Compilation c = Compiler.compileText("codegen.tanhe", SOURCE);
        assertTrue(c.ok(), c.diagnostics().toString());
        return c.graph().orElseThrow();
    }

    static FactorLibrary factors(boolean withGas) {
        List<FactorValue> values = new ArrayList<>();
        values.add(value("ef", "coal", "2.66"));
        values.add(value("ef", "oil", "3.02"));
        if (withGas) {
            values.add(value("ef", "gas", "2.16"));
        }
        values.add(value("lim", "", "5"));
        return FactorLibrary.of(values);
    }

    static FactorValue value(String factor, String key, String v) {
        String unit = factor.equals("ef") ? "tCO2/t" : "t";
        return new FactorValue(factor, key, new BigDecimal(v), unit, null, null, "test", null, Confidence.SITE, "1", null);
    }

    static IncrementalEvaluator evaluator(ComputationGraph graph, Execution execution) {
        return new IncrementalEvaluator(graph, factors(true), ZONE, Grain.MINUTE,
                List.of(Grain.FIFTEEN_MINUTES, Grain.HOUR, Grain.DAY, Grain.MONTH), execution);
    }

    @Test
    void generatedCodeHoldsTheInterpretersResultsBitForBitOnRandomStreams() {
        ComputationGraph graph = graph();
        for (int seed = 1; seed <= 6; seed++) {
            IncrementalEvaluator generated = evaluator(graph, Execution.GENERATED);
            IncrementalEvaluator interpreted = evaluator(graph, Execution.INTERPRETED);
            Random random = new Random(seed);
            Instant t = Instant.parse("2024-03-01T00:00:00Z");
            Map<String, Double> meters = new HashMap<>();
            for (int i = 0; i < 600; i++) {
                t = t.plusSeconds(random.nextInt(40));
                Observation o = observation(random, t, meters);
                generated.accept(o);
                interpreted.accept(o);
                if (i == 300) {
                    generated.replaceFactors(factors(false), "gas factor withdrawn");
                    interpreted.replaceFactors(factors(false), "gas factor withdrawn");
                } else if (i == 450) {
                    generated.replaceFactors(factors(true), "gas factor back");
                    interpreted.replaceFactors(factors(true), "gas factor back");
                }
            }
            assertSameResults(generated, interpreted, "seed " + seed);
            assertEquals(interpreted.revisions(), generated.revisions(), "seed " + seed);
        }
    }

    private static Observation observation(Random random, Instant t, Map<String, Double> meters) {
        Instant at = random.nextInt(10) == 0 ? t.minusSeconds(60 + random.nextInt(1800)) : t; // some arrive late
        String unit = "u" + random.nextInt(random.nextInt(8) == 0 ? 5 : 2); // now and then a new unit
        return switch (random.nextInt(6)) {
            case 0 -> new Observation(at, "lab", FUELS.get(random.nextInt(3)), 2 + random.nextInt(100) / 100.0,
                    Unit.parse("tCO2/t"), Quality.MANUAL);
            case 1 -> Observation.measured(at, "flow", unit, random.nextInt(4) == 0 ? 0 : random.nextDouble() * 1000,
                    Unit.parse("m3/h"));
            default -> {
                String key = unit + "," + FUELS.get(random.nextInt(3));
                // whole numbers now and then, so that halves, zeros and equal operands come up
                double step = random.nextBoolean() ? random.nextInt(3) : random.nextDouble() * 3;
                double meter = meters.merge(key, step, Double::sum);
                yield new Observation(at, "burned", key, meter, T, Quality.MEASURED);
            }
        };
    }

    private static void assertSameResults(IncrementalEvaluator generated, IncrementalEvaluator interpreted, String where) {
        Instant from = Instant.parse("2024-01-01T00:00:00Z");
        Instant to = Instant.parse("2025-01-01T00:00:00Z");
        int compared = 0;
        for (Grain g : interpreted.grains()) {
            assertEquals(interpreted.buckets(g), generated.buckets(g), where + " " + g);
            List<ResultValue> expected = interpreted.results(g, from, to, Set.of());
            List<ResultValue> actual = generated.results(g, from, to, Set.of());
            assertEquals(expected.size(), actual.size(), where + " " + g);
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i), actual.get(i), where);
            }
            compared += expected.size();
        }
        assertTrue(compared > 1000, "compared " + compared + " results only");
        assertTrue(interpreted.results(Grain.MINUTE, from, to, Set.of()).stream().anyMatch(ResultValue::failed),
                "the stream should make some formulas fail (0/0, a missing factor, an optional input read directly)");
    }

    @Test
    void everyFormulaNodeRunsAsGeneratedCodeAndNoneWhenInterpreted() {
        ComputationGraph graph = graph();
        Map<String, List<String>> members = new HashMap<>();
        graph.sets().forEach(s -> members.put(s.name(), new ArrayList<>(s.members())));
        members.get("unit").addAll(List.of("u0", "u1"));
        InstanceGraph generated = InstanceGraph.expand(graph, members, Execution.GENERATED);
        long formulas = graph.nodes().stream().filter(n -> n.formula() != null).count();
        assertEquals(formulas, generated.runs().size());
        for (InstanceGraph.Run r : generated.runs()) {
            Node node = generated.instance(r.first()).node();
            assertEquals(generated.instancesOf(node.name()).size(), r.count(), node.name());
        }
        assertTrue(InstanceGraph.expand(graph, members, Execution.INTERPRETED).runs().isEmpty());
    }

    @Test
    void theKernelOfAFormulaIsGeneratedOnceAndShared() {
        ComputationGraph graph = graph();
        Node e = graph.node("e").orElseThrow();
        assertTrue(KernelGenerator.kernel(e.formula()) == KernelGenerator.kernel(e.formula()));
        // e reads burned, lab, ef (measured-else-default: lab, then ef)
        assertEquals(3, KernelGenerator.kernel(e.formula()).arity());
    }

    @Test
    void aFailureAndItsCauseAreTheInterpretersOnes() {
        ComputationGraph graph = graph();
        IncrementalEvaluator ev = new IncrementalEvaluator(graph, factors(false), ZONE, Grain.MINUTE, List.of(), Execution.GENERATED);
        Instant t = Instant.parse("2024-03-01T00:00:10Z");
        ev.accept(new Observation(t, "burned", "u0,gas", 0, T, Quality.MEASURED));
        ev.accept(new Observation(t.plusSeconds(20), "burned", "u0,gas", 4, T, Quality.MEASURED));
        TimeBucket minute = TimeBucket.of(Grain.MINUTE, t, ZONE);
        ResultValue e = ev.result("e", "u0,gas", minute).orElseThrow();
        assertTrue(e.failed());
        assertFalse(e.present());
        ResultValue direct = ev.result("direct", "gas", minute).orElseThrow();
        assertTrue(direct.failed(), "an optional input read without available(…) fails");
        assertEquals("E601", direct.problem().name());
        ev.replaceFactors(factors(true), "gas factor arrived");
        assertTrue(ev.result("e", "u0,gas", minute).orElseThrow().present());
        assertEquals(31.68, ev.result("e", "u0,gas", minute).orElseThrow().value(), 1e-12);
    }
}
