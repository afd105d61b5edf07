package io.tanhe.engine.rules.check;

import io.tanhe.engine.rules.MethodologyRulesets;
import io.tanhe.engine.rules.RuleCompiler;
import io.tanhe.engine.rules.RuleSet;
import io.tanhe.engine.rules.RuleSource;
import io.tanhe.engine.rules.RulesRejectedException;
import io.tanhe.engine.rules.diagnostic.RuleProblem;
import io.tanhe.engine.rules.threshold.PlacedThreshold;
import io.tanhe.engine.rules.threshold.ThresholdFile;
import io.tanhe.engine.rules.threshold.ThresholdLoader;
import io.tanhe.grammar.config.ConfigProblem;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The static checks behind {@code tanhe rules check}: DRL files compile together (with the generic
 * rules, as they would run), threshold files parse, thresholds neither repeat nor contradict each
 * other, and — given a methodology — every threshold targets a node that exists, with a valid key and a
 * unit of the node's dimension.
 */
public final class RulesChecker {

    /**
     * Checks {@code files} (.drl; .rulesets.yaml for the DRL files a methodology's manifest includes;
     * .yaml, .yml or .json for thresholds).
     *
     * @param targets the nodes thresholds may target ({@link TargetCatalog#ANY} without a methodology)
     * @return every problem, errors and warnings, in file order
     */
    public List<RuleProblem> check(List<Path> files, TargetCatalog targets) {
        List<RuleProblem> problems = new ArrayList<>();
        List<RuleSource> drl = new ArrayList<>();
        List<PlacedThreshold> thresholds = new ArrayList<>();
        ThresholdLoader loader = new ThresholdLoader();
        for (Path f : files) {
            String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".drl")) {
                read(f, problems).ifPresent(drl::add);
            } else if (name.endsWith(MethodologyRulesets.MANIFEST_SUFFIX)) {
                MethodologyRulesets included = MethodologyRulesets.included(f);
                problems.addAll(included.problems());
                included.files().forEach(d -> read(d, problems).ifPresent(drl::add));
            } else if (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json")) {
                ThresholdFile tf = loader.load(f);
                tf.problems().forEach(p -> problems.add(asRuleProblem(p)));
                thresholds.addAll(tf.thresholds());
            } else {
                problems.add(RuleProblem.error(f.toString(), 0, "R001", "not a rules file",
                        "give .drl files, rulesets manifests (.rulesets.yaml) and thresholds files (.yaml, .yml, .json)"));
            }
        }
        if (!drl.isEmpty()) {
            problems.addAll(compile(drl));
        }
        problems.addAll(ThresholdConflicts.find(thresholds));
        for (PlacedThreshold p : thresholds) {
            targets.problemWith(p.threshold().target(), p.threshold().key()).ifPresent(msg -> problems.add(
                    RuleProblem.error(p.file(), p.line(), "R301", "threshold `" + p.threshold().id() + "`: " + msg,
                            "use a node name of the methodology (see `tanhe graph`)")));
            targets.unitProblem(p.threshold().target(), p.threshold().unit()).ifPresent(msg -> problems.add(
                    RuleProblem.error(p.file(), p.line(), "R302", "threshold `" + p.threshold().id() + "`: " + msg,
                            "thresholds compare values converted into their `unit`; it must measure the same quantity")));
        }
        return List.copyOf(problems);
    }

    /**
     * A thresholds-file problem in this report's form: R001 when the file as a whole cannot be used
     * (unreadable, not YAML, no {@code thresholds:} list), R004 for a wrong entry; the message keeps
     * the configuration error's path and did-you-mean.
     */
    private static RuleProblem asRuleProblem(ConfigProblem p) {
        String message = p.path().isEmpty() ? p.text() : p.path() + ": " + p.text();
        return new RuleProblem(p.file(), p.line(), p.column(), RuleProblem.Level.ERROR, p.path().isEmpty() ? "R001" : "R004",
                message, "");
    }

    private static List<RuleProblem> compile(List<RuleSource> drl) {
        try {
            return new RuleCompiler().compileDrl(new RuleSet("check", drl)).warnings(); // the DRL path: its warnings are the report
        } catch (RulesRejectedException e) {
            return e.problems();
        }
    }

    private static Optional<RuleSource> read(Path f, List<RuleProblem> problems) {
        try {
            return Optional.of(RuleSource.read(f));
        } catch (UncheckedIOException e) {
            problems.add(RuleProblem.error(f.toString(), 0, "R001", e.getMessage(), "check the path and permissions"));
            return Optional.empty();
        }
    }
}
