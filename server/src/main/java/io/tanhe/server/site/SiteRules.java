package io.tanhe.server.site;

import io.tanhe.drivers.config.PointSettings;
import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.rules.RuleSet;
import io.tanhe.engine.rules.RuleSource;
import io.tanhe.engine.rules.RulesSettings;
import io.tanhe.engine.rules.check.TargetCatalog;
import io.tanhe.engine.rules.threshold.Threshold;
import io.tanhe.engine.rules.threshold.ThresholdFile;
import io.tanhe.engine.rules.threshold.ThresholdLoader;
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
 * {@code .thresholds.yaml} files next to it, unless {@code rules.methodology: false}), the site's own
 * DRL files ({@code rules.files}) and thresholds ({@code thresholds:}, the rules layer's format), gap
 * time and escalation. A threshold with a grain must target a methodology node; one without must
 * target a bound input or a point of the points file.
 */
record SiteRules(RuleSet ruleSet, List<Threshold> thresholds, RulesSettings settings) {

    /**
     * @param graph  the methodology; null when it did not compile (targets are then not checked)
     * @param points the points of the points file; null when it could not be read (reading targets are then not checked)
     */
    static SiteRules read(ConfigNode top, Path dir, Optional<Path> methodologyDir, ComputationGraph graph,
                          Map<String, PointBinding> bindings, Map<String, PointSettings> points) {
        Optional<ConfigNode> rules = top.object("rules");
        boolean shipped = rules.map(r -> r.bool("methodology", true)).orElse(true);
        List<RuleSource> sources = new ArrayList<>();
        Map<String, Threshold> thresholds = new LinkedHashMap<>();
        if (shipped && methodologyDir.isPresent()) {
            for (Path f : files(methodologyDir.get(), ".drl")) {
                sources.add(RuleSource.read(f));
            }
            for (Path f : files(methodologyDir.get(), ".thresholds.yaml")) {
                ThresholdFile tf = new ThresholdLoader().load(SiteLoader.shown(f));
                tf.problems().forEach(top::report); // each names the methodology's thresholds file and line
                tf.values().forEach(t -> thresholds.put(t.id(), t));
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
                .readList(block, t -> targetProblem(t, graph, bindings, points)).values()
                .forEach(t -> thresholds.put(t.id(), t)));
        RulesSettings settings = settings(rules, bindings);
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

    private static RulesSettings settings(Optional<ConfigNode> rules, Map<String, PointBinding> bindings) {
        RulesSettings s = RulesSettings.defaults();
        Map<String, Duration> overrides = new HashMap<>();
        bindings.values().stream().filter(b -> b.kind() == Decl.InputKind.PERIOD)
                .forEach(b -> overrides.put(b.input(), Duration.ZERO));
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
        }
        return s.withGapOverrides(overrides);
    }
}
