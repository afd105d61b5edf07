package io.tanhe.bench;

import io.tanhe.engine.rules.RuleSet;
import io.tanhe.engine.rules.RuleSource;
import io.tanhe.engine.rules.RulesEngine;
import io.tanhe.engine.rules.RulesRejectedException;
import io.tanhe.engine.rules.RulesSettings;
import io.tanhe.engine.rules.alert.Severity;
import io.tanhe.engine.rules.alert.Transition;
import io.tanhe.engine.rules.fact.ObservationFact;
import io.tanhe.engine.rules.threshold.Operator;
import io.tanhe.engine.rules.threshold.Threshold;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code tanhe bench rules}: 10,000 points and 1,000 thresholds plus a few custom rules, observations
 * streamed through the rules engine, and the same thresholds checked by a plain Java loop in the same
 * run. Prints {@code rules: obs_per_s=<n> vs_plain_java=<ours/java time ratio> p99_us=<n>
 * thresholds=<n> heap_mb=<n>}. With {@code --soak 10m} it streams for that long and prints the heap
 * each minute, to show it stays flat.
 */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "Rules engine throughput, latency and heap vs a plain Java threshold loop.")
public final class RulesBench implements Callable<Integer> {
    private static final int POINTS = 10_000;
    private static final int THRESHOLDS = 1_000;
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final String CUSTOM = """
            package bench;
            import io.tanhe.engine.rules.fact.ObservationFact;
            import io.tanhe.engine.rules.alert.Severity;
import io.tanhe.engine.rules.alert.Transition;
            global io.tanhe.engine.rules.alert.AlertBook alerts;
            global io.tanhe.engine.rules.validation.Verdicts verdicts;
            rule "p1 rate of change"
            when
                $n : ObservationFact(point == "p1", good)
                $p : ObservationFact(point == "p1", good, millis < $n.millis)
            then
                double perSecond = ($n.value() - $p.value()) * 1000.0 / ($n.millis() - $p.millis());
                if (Math.abs(perSecond) > 0.5) { alerts.raise(kcontext, "ramp", "p1", Severity.WARNING, "p1 ramps"); }
                else { alerts.clear(kcontext, "ramp", "p1"); }
            end
            rule "p2 to p3 ratio"
            when
                $a : ObservationFact(point == "p2", good)
                $b : ObservationFact(point == "p3", good)
            then
                double ratio = $a.value() / $b.value();
                if (ratio < 0.5 || ratio > 2) { alerts.raise(kcontext, "ratio", "p2/p3", Severity.MAJOR, "p2/p3 off"); }
                else { alerts.clear(kcontext, "ratio", "p2/p3"); }
            end
            rule "implausible reading" salience 100
            when
                $o : ObservationFact(value < -1000 || value > 1000000)
            then
                verdicts.invalid(kcontext, $o, "implausible " + $o.value());
            end
            rule "p4 above p5 while p6 low"
            when
                $a : ObservationFact(point == "p4")
                $b : ObservationFact(point == "p5", $a.value > value)
                $c : ObservationFact(point == "p6", value < 10)
            then
                alerts.raise(kcontext, "plant-condition", "p4", Severity.INFO, "p4 above p5 while p6 low");
            end
            """;

    @Option(names = "--observations", defaultValue = "2000000", description = "Observations to time (default ${DEFAULT-VALUE}).")
    long observations;

    @Option(names = "--warmup", defaultValue = "500000", description = "Observations before timing (default ${DEFAULT-VALUE}).")
    long warmup;

    @Option(names = "--step", defaultValue = "1", description = "Readings of one measurement time handed over together (default ${DEFAULT-VALUE}: one by one).")
    int step;

    @Option(names = "--soak", description = "Stream for this long instead (e.g. 10m), printing the heap each minute.")
    String soak;

    @Override
    public Integer call() throws RulesRejectedException {
        List<Threshold> thresholds = thresholds();
        AtomicLong thresholdRaises = new AtomicLong();
        try (RulesEngine engine = RulesEngine.start(new RuleSet("bench", List.of(new RuleSource("bench/custom.drl", CUSTOM))),
                RulesSettings.defaults())) {
            engine.addListener(e -> {
                if (e.transition() == Transition.RAISED && e.alert().name().startsWith("threshold/")) {
                    thresholdRaises.incrementAndGet();
                }
            });
            engine.setThresholds(thresholds);
            Stream stream = new Stream();
            for (long i = 0; i < warmup; i++) {
                engine.observe(stream.next());
            }
            System.out.printf(Locale.ROOT, "setup: %d points, %d thresholds, 4 custom rules, heap %d MB after %d warm-up observations%n",
                    POINTS, thresholds.size(), usedHeapMb(), warmup);
            Timing ours = soak == null ? timeEngine(engine, stream, observations) : soakEngine(engine, stream, io.tanhe.grammar.config.Durations.parse(soak));
            PlainJava plain = new PlainJava(thresholds);
            Stream plainStream = new Stream();
            for (long i = 0; i < warmup; i++) {
                plain.observe(plainStream.next());
            }
            double c0 = cpuSeconds();
            long t0 = System.nanoTime();
            for (long i = 0; i < ours.count; i++) {
                plain.observe(plainStream.next());
            }
            double plainSeconds = (System.nanoTime() - t0) / 1e9;
            double plainCpuSeconds = cpuSeconds() - c0;
            long heap = usedHeapMb();
            System.out.printf(Locale.ROOT, "rules engine: %d observations in %.2f s (CPU %.2f s), %d at a time, %d threshold alerts raised, %d facts in working memory%n",
                    ours.count, ours.seconds, ours.cpuSeconds, Math.max(1, step), thresholdRaises.get(), engine.factCount());
            System.out.printf(Locale.ROOT, "plain java:   %d observations in %.3f s (CPU %.3f s), %d threshold alerts raised%s%n",
                    ours.count, plainSeconds, plainCpuSeconds, plain.raised, plain.raised == thresholdRaises.get() ? " (same)" : " (DIFFERENT)");
            System.out.printf(Locale.ROOT, "rules: obs_per_s=%d vs_plain_java=%.1f p99_us=%d thresholds=%d heap_mb=%d%n",
                    Math.round(ours.count / ours.seconds), ours.cpuSeconds / plainCpuSeconds, ours.p99Micros, thresholds.size(), heap);
        }
        return 0;
    }

    /** Wall time, and the timing thread's CPU time: on a shared machine the ratio is taken on CPU time, which other processes do not inflate. */
    private record Timing(long count, double seconds, double cpuSeconds, long p99Micros) {
    }

    private static double cpuSeconds() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9;
    }

    private Timing timeEngine(RulesEngine engine, Stream stream, long n) {
        if (step > 1) {
            return timeSteps(engine, stream, n);
        }
        long[] samples = new long[(int) Math.min(Integer.MAX_VALUE - 8, n / 8 + 1)];
        int s = 0;
        double c0 = cpuSeconds();
        long t0 = System.nanoTime();
        for (long i = 0; i < n; i++) {
            ObservationFact o = stream.next();
            if ((i & 7) == 0) {
                long a = System.nanoTime();
                engine.observe(o);
                samples[s++] = System.nanoTime() - a;
            } else {
                engine.observe(o);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Timing(n, seconds, cpuSeconds() - c0, p99Micros(samples, s));
    }

    /** As {@link #timeEngine}, handing over {@link #step} readings at a time; a reading's latency is its step's. */
    private Timing timeSteps(RulesEngine engine, Stream stream, long n) {
        long[] samples = new long[(int) Math.min(Integer.MAX_VALUE - 8, n / step + 1)];
        int s = 0;
        List<ObservationFact> batch = new ArrayList<>(step);
        double c0 = cpuSeconds();
        long t0 = System.nanoTime();
        for (long i = 0; i < n; i++) {
            batch.add(stream.next());
            if (batch.size() == step || i == n - 1) {
                long a = System.nanoTime();
                engine.observeAll(batch);
                samples[s++] = System.nanoTime() - a;
                batch.clear();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Timing(n, seconds, cpuSeconds() - c0, p99Micros(samples, s));
    }

    private static Timing soakEngine(RulesEngine engine, Stream stream, Duration length) {
        long[] samples = new long[1 << 20];
        int s = 0;
        double c0 = cpuSeconds();
        long t0 = System.nanoTime();
        long end = t0 + length.toNanos();
        long nextReport = t0 + Duration.ofMinutes(1).toNanos();
        long n = 0;
        while (System.nanoTime() < end) {
            for (int k = 0; k < 10_000; k++, n++) {
                long a = System.nanoTime();
                engine.observe(stream.next());
                samples[s] = System.nanoTime() - a;
                s = (s + 1) & (samples.length - 1);
            }
            if (System.nanoTime() >= nextReport) {
                System.out.printf(Locale.ROOT, "soak: %d min, %d observations, heap %d MB, %d facts%n",
                        Duration.ofNanos(System.nanoTime() - t0).toMinutes(), n, usedHeapMb(), engine.factCount());
                nextReport += Duration.ofMinutes(1).toNanos();
            }
        }
        return new Timing(n, (System.nanoTime() - t0) / 1e9, cpuSeconds() - c0, p99Micros(samples, (int) Math.min(n, samples.length)));
    }

    private static long p99Micros(long[] samples, int count) {
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        return Math.round(sorted[(int) Math.min(count - 1, Math.floor(count * 0.99))] / 1000.0);
    }

    /** Every point once per second of measurement time; each point a slow sine with its own phase. */
    private static final class Stream {
        private final String[] names = new String[POINTS];
        private long i;

        Stream() {
            for (int p = 0; p < POINTS; p++) {
                names[p] = "p" + p;
            }
        }

        ObservationFact next() {
            int p = (int) (i % POINTS);
            long second = i / POINTS;
            i++;
            double value = 50 + 45 * Math.sin(second / 90.0 + p);
            return ObservationFact.measured(names[p], "", T0.plusSeconds(second), value, "t/h");
        }
    }

    /** 1,000 thresholds on every 10th point: upper and lower, some with hysteresis or a duration. */
    private static List<Threshold> thresholds() {
        List<Threshold> list = new ArrayList<>(THRESHOLDS);
        for (int i = 0; i < THRESHOLDS; i++) {
            int kind = i % 4;
            Threshold t = Threshold.of("t" + i, "p" + (i * 10), kind == 3 ? Operator.LT : Operator.GT,
                    kind == 3 ? 10 : 90, Severity.WARNING);
            list.add(switch (kind) {
                case 1 -> t.with(d -> d.clear = 80.0);
                case 2 -> t.with(d -> d.forDuration = Duration.ofSeconds(30));
                default -> t;
            });
        }
        return list;
    }

    /** The same thresholds, same semantics (duration, hysteresis), as a hash lookup and a loop. */
    private static final class PlainJava {
        private final Map<String, List<Threshold>> byTarget = new HashMap<>();
        private final Map<String, long[]> state = new HashMap<>();
        long raised;

        PlainJava(List<Threshold> thresholds) {
            for (Threshold t : thresholds) {
                byTarget.computeIfAbsent(t.target(), k -> new ArrayList<>()).add(t);
                state.put(t.id(), new long[] {-1, 0});
            }
        }

        void observe(ObservationFact o) {
            List<Threshold> list = byTarget.get(o.point());
            if (list == null) {
                return;
            }
            for (Threshold t : list) {
                long[] s = state.get(t.id());
                if (t.breaches(o.value())) {
                    if (s[0] < 0) {
                        s[0] = o.millis();
                    }
                    if (s[1] == 0 && o.millis() - s[0] >= t.forDuration().toMillis()) {
                        s[1] = 1;
                        raised++;
                    }
                } else {
                    s[0] = -1;
                    if (t.clearedBy(o.value())) {
                        s[1] = 0;
                    }
                }
            }
        }
    }

    private static long usedHeapMb() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return (rt.totalMemory() - rt.freeMemory()) >> 20;
    }
}
