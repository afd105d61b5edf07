package io.tanhe.bench;

import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.compile.Compiler;
import io.tanhe.engine.factors.Confidence;
import io.tanhe.engine.factors.FactorLibrary;
import io.tanhe.engine.factors.FactorValue;
import io.tanhe.engine.incremental.IncrementalEvaluator;
import io.tanhe.engine.model.Rounding;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Observation;
import io.tanhe.engine.time.Quality;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.engine.units.Unit;
import org.mvel2.MVEL;
import org.mvel2.ParserContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * {@code tanhe bench engine}: a generated methodology of {@code sources × fuels} emission sources
 * (with a conditional, rounding and two levels of sums) evaluated three ways in one run — our
 * compiled graph, the same formulas by hand in plain Java (the limit), and the same formulas as
 * MVEL-compiled expressions — plus the latency of one incremental observation update.
 */
@Command(name = "engine", mixinStandardHelpOptions = true,
        description = "Full evaluation of one bucket (ours vs plain Java vs MVEL) and incremental update latency.")
public final class EngineBench implements Callable<Integer> {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Unit T = Unit.parse("t");

    @Option(names = "--sources", defaultValue = "500", description = "emission sources (default: ${DEFAULT-VALUE})")
    int sources;

    @Option(names = "--fuels", defaultValue = "20", description = "fuels per source (default: ${DEFAULT-VALUE})")
    int fuels;

    @Option(names = "--updates", defaultValue = "300000", description = "observations streamed for the update latency (default: ${DEFAULT-VALUE})")
    int updates;

    @Option(names = "--rounds", defaultValue = "200", description = "timed full evaluations per way (default: ${DEFAULT-VALUE})")
    int rounds;

    private double[] ncv;
    private double[] cc;
    private double[] ox;
    private double[] lab;

    @Override
    public Integer call() {
        Compilation c = Compiler.compileText("bench.tanhe", methodology());
        if (!c.ok()) {
            c.diagnostics().forEach(d -> System.err.println(d.headline()));
            return 1;
        }
        factorValues();
        IncrementalEvaluator ev = new IncrementalEvaluator(c.graph().orElseThrow(), factors(), ZONE, Grain.MINUTE,
                List.of(Grain.FIFTEEN_MINUTES, Grain.HOUR, Grain.DAY, Grain.MONTH, Grain.QUARTER, Grain.YEAR));
        Instant t0 = Instant.parse("2024-03-01T00:00:00Z");
        double[][] meter = new double[sources][fuels];
        Random random = new Random(7);
        feedSecond(ev, t0, meter, random);
        feedSecond(ev, t0.plusSeconds(1), meter, random);
        for (int f = 0; f < fuels; f += 4) {
            ev.accept(new Observation(t0, "ncv_lab", "f" + f, lab[f], Unit.parse("GJ/t"), Quality.MANUAL));
        }
        TimeBucket minute = TimeBucket.of(Grain.MINUTE, t0, ZONE);
        int nodes = ev.instanceCount();
        System.out.printf(Locale.ROOT, "methodology: %d sources x %d fuels, %d instances per bucket%n", sources, fuels, nodes);

        double[][] amounts = new double[sources][fuels];
        for (int s = 0; s < sources; s++) {
            for (int f = 0; f < fuels; f++) {
                amounts[s][f] = ev.result("burned", "s" + s + ",f" + f, minute).orElseThrow().value();
            }
        }
        double oursTotal = ev.result("E", "", minute).orElseThrow().value();
        double javaTotal = plainJava(amounts);
        Mvel mvel = new Mvel();
        double mvelTotal = mvel.evaluate(amounts);
        check("plain Java", oursTotal, javaTotal);
        check("MVEL", oursTotal, mvelTotal);

        long[] medians = interleavedMedians(List.of(() -> ev.recompute(minute), () -> plainJava(amounts),
                () -> mvel.evaluate(amounts)));
        long ours = medians[0];
        long java = medians[1];
        long mvelNs = medians[2];
        System.out.printf(Locale.ROOT, "full evaluation of one bucket: ours %.1f us, plain Java %.1f us, MVEL %.1f us%n",
                ours / 1e3, java / 1e3, mvelNs / 1e3);

        long[] latencies = stream(ev, t0.plusSeconds(2), meter, random);
        Arrays.sort(latencies);
        double p50 = latencies[latencies.length / 2] / 1e3;
        double p99 = latencies[(int) (latencies.length * 0.99)] / 1e3;
        System.gc();
        long heap = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024);
        System.out.printf(Locale.ROOT, "%d incremental updates: p50 %.1f us, p99 %.1f us, max %.1f us; heap after GC %d MB%n",
                latencies.length, p50, p99, latencies[latencies.length - 1] / 1e3, heap);
        System.out.printf(Locale.ROOT, "engine: vs_java=%.2f vs_mvel=%.3f update_p50_us=%.1f update_p99_us=%.1f nodes=%d%n",
                (double) ours / java, (double) ours / mvelNs, p50, p99, nodes);
        return 0;
    }

    private String methodology() {
        StringBuilder m = new StringBuilder("""
                methodology bench.generated
                  version 1
                  title "generated benchmark"
                  source "EngineBench"
                  industry "bench"
                """);
        m.append("set src {");
        for (int s = 0; s < sources; s++) {
            m.append(s == 0 ? " " : ", ").append('s').append(s);
        }
        m.append(" }\nset fuel {");
        for (int f = 0; f < fuels; f++) {
            m.append(f == 0 ? " " : ", ").append('f').append(f);
        }
        m.append("""
                 }
                factor ncv[fuel] : GJ/t
                factor cc[fuel] : tC/GJ
                factor ox[fuel] : %
                input burned[src, fuel] : t counter
                input ncv_lab[fuel] : GJ/t period optional
                emission comb[s in src, f in fuel] : tCO2 class combustion =
                  round(burned[s, f] * (if available(ncv_lab[f]) then ncv_lab[f] else ncv[f]) * cc[f] * ox[f] * 44/12 [tCO2/tC], 3)
                value per_source[s in src] : tCO2 = sum(f in fuel: comb[s, f])
                total E : tCO2 = sum(per_source)
                """);
        return m.toString();
    }

    private void factorValues() {
        Random r = new Random(3);
        ncv = new double[fuels];
        cc = new double[fuels];
        ox = new double[fuels];
        lab = new double[fuels];
        for (int f = 0; f < fuels; f++) {
            ncv[f] = 15 + r.nextInt(30000) / 1000.0;
            cc[f] = 0.015 + r.nextInt(15000) / 1e6;
            ox[f] = 90 + r.nextInt(10);
            lab[f] = f % 4 == 0 ? ncv[f] * 1.01 : Double.NaN;
        }
    }

    private FactorLibrary factors() {
        List<FactorValue> values = new ArrayList<>();
        for (int f = 0; f < fuels; f++) {
            values.add(value("ncv", "f" + f, ncv[f], "GJ/t"));
            values.add(value("cc", "f" + f, cc[f], "tC/GJ"));
            values.add(value("ox", "f" + f, ox[f], "%"));
        }
        return FactorLibrary.of(values);
    }

    private static FactorValue value(String factor, String key, double v, String unit) {
        return new FactorValue(factor, key, BigDecimal.valueOf(v), unit, null, null, "generated", null, Confidence.SITE, "1", null);
    }

    /** The same formulas by hand: the limit. */
    private double plainJava(double[][] amounts) {
        double total = 0;
        for (int s = 0; s < amounts.length; s++) {
            double perSource = 0;
            for (int f = 0; f < fuels; f++) {
                double n = Double.isNaN(lab[f]) ? ncv[f] : lab[f];
                perSource += Rounding.halfUp(amounts[s][f] * n * cc[f] * (ox[f] / 100) * (44.0 / 12), 3);
            }
            total += perSource;
        }
        return total;
    }

    /** The same formulas as MVEL expressions with map variables, what a team might write instead. */
    private final class Mvel {
        private final Serializable comb;
        private final Serializable perSource;
        private final Serializable total;
        private final String[] perSourceNames;
        private final String[] totalNames;

        Mvel() {
            ParserContext ctx = new ParserContext();
            ctx.addImport("Rounding", Rounding.class);
            comb = MVEL.compileExpression("Rounding.halfUp(burned * (lab_available ? lab : ncv) * cc * (ox / 100.0) * (44.0 / 12.0), 3)", ctx);
            perSourceNames = new String[fuels];
            StringBuilder ps = new StringBuilder("0.0");
            for (int f = 0; f < fuels; f++) {
                perSourceNames[f] = "c" + f;
                ps.append(" + c").append(f);
            }
            perSource = MVEL.compileExpression(ps.toString());
            totalNames = new String[sources];
            StringBuilder t = new StringBuilder("0.0");
            for (int s = 0; s < sources; s++) {
                totalNames[s] = "p" + s;
                t.append(" + p").append(s);
            }
            total = MVEL.compileExpression(t.toString());
        }

        double evaluate(double[][] amounts) {
            Map<String, Object> vars = new HashMap<>();
            Map<String, Object> sums = new HashMap<>();
            Map<String, Object> totals = new HashMap<>();
            for (int s = 0; s < amounts.length; s++) {
                for (int f = 0; f < fuels; f++) {
                    vars.put("burned", amounts[s][f]);
                    vars.put("lab_available", !Double.isNaN(lab[f]));
                    vars.put("lab", lab[f]);
                    vars.put("ncv", ncv[f]);
                    vars.put("cc", cc[f]);
                    vars.put("ox", ox[f]);
                    sums.put(perSourceNames[f], MVEL.executeExpression(comb, vars));
                }
                totals.put(totalNames[s], MVEL.executeExpression(perSource, sums));
            }
            return ((Number) MVEL.executeExpression(total, totals)).doubleValue();
        }
    }

    private void feedSecond(IncrementalEvaluator ev, Instant t, double[][] meter, Random random) {
        for (int s = 0; s < sources; s++) {
            for (int f = 0; f < fuels; f++) {
                meter[s][f] += random.nextDouble();
                ev.accept(new Observation(t, "burned", "s" + s + ",f" + f, meter[s][f], T, Quality.MEASURED));
            }
        }
    }

    /** Each point once a second, in order; the latency of every accept is recorded. */
    private long[] stream(IncrementalEvaluator ev, Instant start, double[][] meter, Random random) {
        long[] latencies = new long[updates];
        String[][] keys = new String[sources][fuels];
        for (int s = 0; s < sources; s++) {
            for (int f = 0; f < fuels; f++) {
                keys[s][f] = "s" + s + ",f" + f;
            }
        }
        int points = sources * fuels;
        for (int i = 0; i < updates; i++) {
            int p = i % points;
            int s = p / fuels;
            int f = p % fuels;
            Instant t = start.plusSeconds(i / points).plusNanos((long) p * 1000);
            meter[s][f] += random.nextDouble();
            Observation o = new Observation(t, "burned", keys[s][f], meter[s][f], T, Quality.MEASURED);
            long begin = System.nanoTime();
            ev.accept(o);
            latencies[i] = System.nanoTime() - begin;
        }
        return latencies;
    }

    /**
     * Medians of the three ways, timed in short blocks taken in turn: each way runs warm (its own
     * data in cache, as in a terminal's steady state), and load from other processes on a shared
     * machine falls on all of them alike.
     */
    private long[] interleavedMedians(List<Runnable> ways) {
        int blocks = 10;
        int perBlock = Math.max(1, rounds / blocks);
        long[][] times = new long[ways.size()][blocks * perBlock];
        for (int warm = 0; warm < rounds / 4; warm++) {
            ways.forEach(Runnable::run);
        }
        for (int b = 0; b < blocks; b++) {
            for (int w = 0; w < ways.size(); w++) {
                ways.get(w).run();
                for (int r = 0; r < perBlock; r++) {
                    long begin = System.nanoTime();
                    ways.get(w).run();
                    times[w][b * perBlock + r] = System.nanoTime() - begin;
                }
            }
        }
        long[] medians = new long[ways.size()];
        for (int w = 0; w < ways.size(); w++) {
            Arrays.sort(times[w]);
            medians[w] = times[w][times[w].length / 2];
        }
        return medians;
    }

    private static void check(String what, double ours, double theirs) {
        if (Math.abs(ours - theirs) > 1e-9 * Math.max(1, Math.abs(ours))) {
            throw new IllegalStateException("our total " + ours + " differs from " + what + " " + theirs);
        }
    }
}
