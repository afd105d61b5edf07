package io.tanhe.server.site;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tanhe.drivers.config.PointSettings;
import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.rules.MethodologyRulesets;
import io.tanhe.engine.rules.RuleSet;
import io.tanhe.engine.rules.RuleSource;
import io.tanhe.engine.rules.RulesSettings;
import io.tanhe.engine.rules.check.TargetCatalog;
import io.tanhe.engine.rules.diagnostic.RuleProblem;
import io.tanhe.engine.rules.threshold.PlacedThreshold;
import io.tanhe.engine.rules.threshold.Threshold;
import io.tanhe.engine.rules.threshold.ThresholdFile;
import io.tanhe.engine.rules.threshold.ThresholdLoader;
import io.tanhe.grammar.diagnostics.Spelling;
import io.tanhe.grammar.ast.Decl;

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
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static SiteRules read(SiteNode top, Path dir, Optional<Path> methodologyDir, ComputationGraph graph,
                          Map<String, PointBinding> bindings, Map<String, PointSettings> points) {
        Optional<SiteNode> rules = top.object("rules");
        boolean shipped = rules.map(r -> !r.has("methodology") || r.raw("methodology").asBoolean(true)).orElse(true);
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
                ThresholdFile tf = new ThresholdLoader().load(f);
                tf.problems().stream().filter(RuleProblem::isError)
                        .forEach(p -> top.problem("methodology", "its thresholds " + p.headline()));
                tf.values().forEach(t -> thresholds.put(t.id(), t));
            }
        }
        List<String> files = rules.map(r -> r.texts("files")).orElse(List.of());
        for (int i = 0; i < files.size(); i++) {
            Path f = dir.resolve(files.get(i));
            if (!Files.isRegularFile(f) || !f.toString().endsWith(".drl")) {
                top.problem("rules.files[" + i + "]", "no DRL file " + f + " (rules files end in .drl)");
            } else {
                sources.add(RuleSource.read(f));
            }
        }
        siteThresholds(top, graph, bindings, points).forEach(t -> thresholds.put(t.id(), t));
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

    private static List<Threshold> siteThresholds(SiteNode top, ComputationGraph graph, Map<String, PointBinding> bindings,
                                                  Map<String, PointSettings> points) {
        var raw = top.raw("thresholds");
        if (raw == null) {
            return List.of();
        }
        ObjectNode wrapper = JsonNodeFactory.instance.objectNode();
        wrapper.set("thresholds", raw);
        ThresholdFile file;
        try {
            file = new ThresholdLoader().parse("thresholds.yaml", YAML.writeValueAsString(wrapper));
        } catch (JsonProcessingException e) {
            top.problem("thresholds", "cannot be read: " + e.getOriginalMessage());
            return List.of();
        }
        for (RuleProblem p : file.problems()) {
            if (p.isError()) {
                top.problem("thresholds", p.message() + (p.hint() == null || p.hint().isEmpty() ? "" : "; " + p.hint()));
            }
        }
        List<Threshold> out = new ArrayList<>();
        List<PlacedThreshold> placed = file.thresholds();
        for (int i = 0; i < placed.size(); i++) {
            Threshold t = placed.get(i).threshold();
            Optional<String> problem = targetProblem(t, graph, bindings, points);
            if (problem.isPresent()) {
                top.problem("thresholds[" + indexOf(raw, t.id(), i) + "].target", problem.get());
            } else {
                out.add(t);
            }
        }
        return out;
    }

    private static int indexOf(com.fasterxml.jackson.databind.JsonNode raw, String id, int fallback) {
        for (int i = 0; raw.isArray() && i < raw.size(); i++) {
            if (id.equals(raw.get(i).path("id").asText())) {
                return i;
            }
        }
        return fallback;
    }

    private static Optional<String> targetProblem(Threshold t, ComputationGraph graph, Map<String, PointBinding> bindings,
                                                  Map<String, PointSettings> points) {
        if (graph == null) {
            return Optional.empty();
        }
        if (t.grain() != null) {
            return TargetCatalog.of(graph).problemWith(t.target(), t.key());
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

    private static RulesSettings settings(Optional<SiteNode> rules, Map<String, PointBinding> bindings) {
        RulesSettings s = RulesSettings.defaults();
        Map<String, Duration> overrides = new HashMap<>();
        bindings.values().stream().filter(b -> b.kind() == Decl.InputKind.PERIOD)
                .forEach(b -> overrides.put(b.input(), Duration.ZERO));
        if (rules.isPresent()) {
            SiteNode r = rules.get();
            Optional<Duration> gap = r.duration("gap_after", Duration.ofSeconds(1), Duration.ofDays(1));
            if (gap.isPresent()) {
                s = s.withGapAfter(gap.get());
            }
            Optional<Duration> escalate = r.duration("escalate_after", Duration.ofMinutes(1), Duration.ofDays(30));
            if (escalate.isPresent()) {
                s = s.withEscalateAfter(escalate.get());
            }
        }
        return s.withGapOverrides(overrides);
    }
}
