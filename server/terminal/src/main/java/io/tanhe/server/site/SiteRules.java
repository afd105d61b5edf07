package io.tanhe.server.site;

import io.tanhe.drivers.config.ConfiguredSource;
import io.tanhe.drivers.config.DriverConfiguration;
import io.tanhe.drivers.config.PointSettings;
import io.tanhe.drivers.config.PollSettings;
import io.tanhe.server.cems.Hj212LoggerSource;
import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.rules.MethodologyRulesets;
import io.tanhe.engine.rules.RuleSet;
import io.tanhe.engine.rules.RuleSource;
import io.tanhe.engine.rules.RulesSettings;
import io.tanhe.engine.rules.check.TargetCatalog;
import io.tanhe.engine.rules.threshold.Threshold;
import io.tanhe.engine.rules.threshold.ThresholdFile;
import io.tanhe.engine.rules.threshold.ThresholdLoader;
import io.tanhe.engine.rules.diagnostic.RuleProblem;
import io.tanhe.engine.units.Unit;
import io.tanhe.grammar.ast.Decl;
import io.tanhe.grammar.config.ConfigNode;
import io.tanhe.grammar.diagnostics.Spelling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The rules part of a site: the methodology's shipped rulesets and thresholds (the {@code .drl} and
 * {@code .thresholds.yaml} files next to it and the shared rulesets its {@code .rulesets.yaml}
 * includes, see {@link MethodologyRulesets}; unless {@code rules.methodology: false}), the site's own
 * DRL files ({@code rules.files}) and thresholds ({@code thresholds:}, the rules layer's format), gap
 * time and escalation. A threshold with a grain must target a methodology node; one without must
 * target a bound input or a point of the points file.
 */
record SiteRules(RuleSet ruleSet, List<Threshold> thresholds, RulesSettings settings) {

    /**
     * @param graph  the methodology; null when it did not compile (targets are then not checked)
     * @param drivers the points file; null when it could not be read (reading targets are then not checked)
     */
    static SiteRules read(ConfigNode top, Path dir, Optional<Path> methodologyDir, ComputationGraph graph,
                          Map<String, PointBinding> bindings, DriverConfiguration drivers) {
        Map<String, PointSettings> points = drivers == null ? null : drivers.pointSettings();
        Optional<ConfigNode> rules = top.object("rules");
        boolean shipped = rules.map(r -> r.bool("methodology", true)).orElse(true);
        List<RuleSource> sources = new ArrayList<>();
        Map<String, Threshold> thresholds = new LinkedHashMap<>();
        if (shipped && methodologyDir.isPresent()) {
            MethodologyRulesets shippedRules = MethodologyRulesets.of(methodologyDir.get());
            shippedRules.problems().stream().filter(RuleProblem::isError)
                    .forEach(p -> top.problem("methodology", "its rulesets " + p.headline()));
            for (Path f : shippedRules.files()) {
                sources.add(RuleSource.read(f));
            }
            for (Path f : files(methodologyDir.get(), ".thresholds.yaml")) {
                ThresholdFile tf = new ThresholdLoader().load(SiteLoader.shown(f));
                tf.problems().forEach(top::report); // each names the methodology's thresholds file and line
                for (Threshold t : tf.values()) {
                    if (graph != null && t.grain() != null) {
                        TargetCatalog.of(graph).unitProblem(t.target(), t.unit()).ifPresent(p -> top.problem("methodology",
                                "its threshold `" + t.id() + "` in " + f.getFileName() + ": " + p));
                    }
                    thresholds.put(t.id(), t);
                }
            }
        }
        if (rules.isPresent()) {
            ConfigNode r = rules.get();
            List<String> files = r.texts("files");
            for (int i = 0; i < files.size(); i++) {
                Path f = dir.resolve(files.get(i));
                if (!Files.isRegularFile(f) || !f.toString().endsWith(".drl")) {
                    r.problem(r.placeOf("files", i), "no DRL file " + f + " (rules files end in .drl)", Optional.empty());
                } else {
                    sources.add(RuleSource.read(f));
                }
            }
        }
        top.node("thresholds").ifPresent(block -> new ThresholdLoader()
                .readList(block, t -> targetProblem(t, graph, bindings, points), t -> unitProblem(t, graph, bindings, points))
                .values().forEach(t -> thresholds.put(t.id(), t)));
        RulesSettings settings = settings(rules, bindings, drivers);
        String version = "site-rules:" + sources.size() + "-files";
        return new SiteRules(new RuleSet(version, sources), List.copyOf(thresholds.values()), settings);
    }

    private static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * A threshold's {@code unit} must measure what its target measures: a node's unit for thresholds with a grain,
     * else the bound input's unit or the point's unit from the points file (when it gives one).
     */
    private static Optional<String> unitProblem(Threshold t, ComputationGraph graph, Map<String, PointBinding> bindings,
                                                Map<String, PointSettings> points) {
        if (t.unit() == null || graph == null) {
            return Optional.empty();
        }
        if (t.grain() != null) {
            return TargetCatalog.of(graph).unitProblem(t.target(), t.unit());
        }
        Optional<Unit> valueUnit = bindings.values().stream().filter(b -> b.input().equals(t.target()))
                .map(PointBinding::unit).findFirst();
        if (valueUnit.isEmpty() && points != null && points.containsKey(t.target()) && !points.get(t.target()).unit().isBlank()) {
            try {
                valueUnit = Optional.of(Unit.parse(points.get(t.target()).unit()));
            } catch (RuntimeException e) {
                return Optional.empty(); // the points file reports its own unit problems
            }
        }
        return valueUnit.flatMap(u -> TargetCatalog.unitMismatch(t.target(), u, t.unit()));
    }

    /** What is wrong with a threshold's target; nothing is said about what cannot be checked (no methodology, no points file). */
    private static Optional<String> targetProblem(Threshold t, ComputationGraph graph, Map<String, PointBinding> bindings,
                                                  Map<String, PointSettings> points) {
        if (graph == null) {
            return Optional.empty();
        }
        if (t.grain() != null) {
            return TargetCatalog.of(graph).problemWith(t.target(), t.key());
        }
        if (points == null) {
            return Optional.empty();
        }
        Set<String> readingTargets = new TreeSet<>(points.keySet());
        bindings.values().forEach(b -> readingTargets.add(b.input()));
        bindings.keySet().forEach(readingTargets::remove);
        if (readingTargets.contains(t.target())) {
            return Optional.empty();
        }
        return Optional.of("a threshold without `grain` checks readings, so its target must be a bound input or an "
                + "unbound point; `" + t.target() + "` is neither" + Spelling.closest(t.target(), readingTargets, 4)
                .map(s -> " — did you mean `" + s + "`?").orElse("; add `grain: hour` to check a methodology node's bucket results"));
    }

    /**
     * {@code rules.verification}: the limits of verification checks whose guideline gives no number (docs/verification.md),
     * name → number, e.g. {@code yoy_change_percent: 15}.
     */
    private static Map<String, Double> verificationLimits(ConfigNode rules) {
        Map<String, Double> limits = new LinkedHashMap<>();
        rules.object("verification").ifPresent(v -> {
            for (String name : v.fieldNames()) {
                v.decimal(name).map(java.math.BigDecimal::doubleValue).ifPresent(n -> {
                    if (!Double.isFinite(n) || n < 0) {
                        v.problem(name, "verification limit `" + name + "` is " + n + "; give a number of 0 or more", Optional.empty());
                    } else {
                        limits.put(name, n);
                    }
                });
            }
        });
        return limits;
    }

    private static RulesSettings settings(Optional<ConfigNode> rules, Map<String, PointBinding> bindings,
                                          DriverConfiguration drivers) {
        RulesSettings s = RulesSettings.defaults();
        if (rules.isPresent()) {
            ConfigNode r = rules.get();
            Optional<Duration> gap = r.optionalDuration("gap_after", Duration.ofSeconds(1), Duration.ofDays(1));
            if (gap.isPresent()) {
                s = s.withGapAfter(gap.get());
            }
            Optional<Duration> escalate = r.optionalDuration("escalate_after", Duration.ofMinutes(1), Duration.ofDays(30));
            if (escalate.isPresent()) {
                s = s.withEscalateAfter(escalate.get());
            }
            s = s.withVerificationLimits(verificationLimits(r));
        }
        Map<String, Duration> overrides = new HashMap<>(polledGapTimes(s.gapAfter(), bindings, drivers));
        bindings.values().stream().filter(b -> b.kind() == Decl.InputKind.PERIOD)
                .forEach(b -> overrides.put(b.input(), Duration.ZERO));
        Duration gapAfter = s.gapAfter();
        loggerIntervals(drivers).forEach((p, interval) ->
                overrides.merge(bindings.containsKey(p) ? bindings.get(p).input() : p, interval.plus(gapAfter), SiteRules::longer));
        eventPoints(drivers).forEach(p -> overrides.put(bindings.containsKey(p) ? bindings.get(p).input() : p, Duration.ZERO));
        return s.withGapOverrides(overrides);
    }

    /**
     * The upload interval of each point of an HJ 212 logger's period data (minute, hour, day): such a point is in a gap
     * when no upload came for its interval plus {@code gap_after} — judged on its own interval, not the 10 s of a
     * value that comes every few seconds, or every minute-data point would raise a gap between two uploads.
     */
    private static Map<String, Duration> loggerIntervals(DriverConfiguration drivers) {
        Map<String, Duration> out = new HashMap<>();
        if (drivers != null) {
            for (ConfiguredSource source : drivers.sources()) {
                if (source instanceof ConfiguredSource.Pushed p && p.source() instanceof Hj212LoggerSource logger) {
                    logger.uploadIntervals().forEach((point, d) -> out.merge(point, d, SiteRules::longer));
                }
            }
        }
        return out;
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * Points whose values come with an event, not on a schedule (an HJ 212 logger's CN 3020 calibration intercept and
     * slope, once a day or less): a gap rule on them would raise at the first 10 s after each event and never clear.
     */
    private static Set<String> eventPoints(DriverConfiguration drivers) {
        Set<String> out = new TreeSet<>();
        if (drivers != null) {
            for (ConfiguredSource source : drivers.sources()) {
                if (source instanceof ConfiguredSource.Pushed p && p.source() instanceof Hj212LoggerSource logger) {
                    out.addAll(logger.eventPoints());
                }
            }
        }
        return out;
    }

    /**
     * The gap time of each polled point (watched under its bound input's name, else its point id):
     * {@code max(gapAfter, period) + timeout × (retries + 1)}. Section 7.2.3 (1) counts a gap from 10 s
     * without data; a polled point has data only at its polls, and whether the poll due at that moment
     * brought good data is known only once that poll has had all its time (every attempt) to answer. So
     * a gap is declared when no good data came for {@code gapAfter} (or a whole period, when polls are
     * further apart) and the poll that could have brought it is over. One missed 5 s poll (10 s between
     * good readings) is therefore no gap, two are; with a period of 1 min, one missed poll is. Push
     * sources (MQTT, OPC UA, manual, file) keep {@code gapAfter}. A point fed by several devices (a
     * backup) takes the longest.
     */
    static Map<String, Duration> polledGapTimes(Duration gapAfter, Map<String, PointBinding> bindings,
                                                DriverConfiguration drivers) {
        Map<String, Duration> out = new HashMap<>();
        if (drivers == null) {
            return out;
        }
        for (ConfiguredSource source : drivers.sources()) {
            if (!(source instanceof ConfiguredSource.Polled polled)) {
                continue;
            }
            PollSettings poll = polled.poll();
            Duration base = poll.period().compareTo(gapAfter) > 0 ? poll.period() : gapAfter;
            Duration gap = base.plus(poll.timeout().multipliedBy(poll.retries() + 1L));
            for (PointSettings p : polled.points()) {
                PointBinding b = bindings.get(p.id());
                out.merge(b == null ? p.id() : b.input(), gap, (x, y) -> x.compareTo(y) >= 0 ? x : y);
            }
        }
        return out;
    }
}
