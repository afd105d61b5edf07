package io.tanhe.server.packages;

import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.compile.Compiler;
import io.tanhe.engine.factors.FactorTableLoad;
import io.tanhe.engine.factors.FactorTableLoader;
import io.tanhe.engine.rules.MethodologyRulesets;
import io.tanhe.engine.rules.RuleCompiler;
import io.tanhe.engine.rules.RuleSet;
import io.tanhe.engine.rules.RuleSource;
import io.tanhe.engine.rules.RulesRejectedException;
import io.tanhe.engine.rules.diagnostic.RuleProblem;
import io.tanhe.engine.rules.threshold.ThresholdFile;
import io.tanhe.engine.rules.threshold.ThresholdLoader;
import io.tanhe.engine.testing.TestOutcome;
import io.tanhe.engine.testing.TestRunner;
import io.tanhe.grammar.diagnostics.Diagnostic;
import io.tanhe.server.store.FileTrees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compiles and tests what a package holds, in a scratch folder and with nothing but the package's own files
 * (imports resolve inside the package only): every methodology file compiles and its tests run, every factor
 * table and thresholds file loads, and the rulesets of every methodology folder (its {@code .rulesets.yaml} includes and
 * its own {@code .drl} files) compile with Drools as the terminal's rules would run them.
 */
final class ContentCheck {
    private static final String THRESHOLDS = ".thresholds.yaml";

    /** The compile problems and the test outcomes, with package-relative paths. */
    record Result(List<Problem> problems, List<TestResult> tests) {
    }

    private ContentCheck() {
    }

    static Result run(Map<String, byte[]> files) {
        Path dir;
        try {
            dir = Files.createTempDirectory("tanhe-package-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a scratch folder to compile the package in: " + e.getMessage(), e);
        }
        try {
            return run(files, dir.toRealPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            FileTrees.deleteQuietly(dir);
        }
    }

    private static Result run(Map<String, byte[]> files, Path dir) throws IOException {
        List<Problem> problems = new ArrayList<>();
        List<TestResult> tests = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path target = dir.resolve(ConfigPackage.checkedPath(e.getKey()));
            Files.createDirectories(target.getParent());
            Files.write(target, e.getValue());
        }
        String prefix = dir + "/";
        for (String path : files.keySet()) {
            Path file = dir.resolve(path);
            if (path.endsWith(".tanhe") && isMethodology(files.get(path))) {
                rules(file, prefix).ifPresent(problems::add);
            }
            if (path.endsWith(".tanhe") && compiles(files.get(path))) {
                Compilation c = Compiler.compile(file, List.of(dir));
                if (!c.ok()) {
                    List<String> errors = c.diagnostics().stream().filter(Diagnostic::isError)
                            .map(d -> d.headline().replace(prefix, "")).toList();
                    problems.add(new Problem(Check.COMPILE_ERROR, path + " does not compile (" + errors.size() + " errors): "
                            + String.join(" | ", errors.subList(0, Math.min(5, errors.size())))
                            + (errors.size() > 5 ? " | …" : "")));
                    continue;
                }
                for (TestOutcome t : new TestRunner(c).runAll()) {
                    tests.add(new TestResult(path, t.title(), t.passed(), t.failures().stream().map(f -> f.replace(prefix, "")).toList()));
                    if (!t.passed()) {
                        problems.add(new Problem(Check.FAILING_TEST, path + ": \"" + t.title() + "\": "
                                + String.join("; ", t.failures().stream().map(f -> f.replace(prefix, "")).toList())));
                    }
                }
            } else if (FactorTableLoader.isTableFile(file)) {
                FactorTableLoad load = FactorTableLoader.load(file);
                if (!load.problems().isEmpty()) {
                    problems.add(new Problem(Check.COMPILE_ERROR, path + " does not load: "
                            + String.join(" | ", load.problems().stream().map(p -> p.toString().replace(prefix, "")).toList())));
                }
            } else if (path.endsWith(THRESHOLDS)) {
                ThresholdFile t = new ThresholdLoader().load(file);
                if (!t.ok()) {
                    problems.add(new Problem(Check.COMPILE_ERROR, path + " does not load: "
                            + String.join(" | ", t.problems().stream().map(p -> p.toString().replace(prefix, "")).toList())));
                }
            }
        }
        return new Result(problems, tests);
    }

    /**
     * The rulesets a methodology in {@code file} ships (those of its folder), compiled together with the generic rules;
     * a problem naming each error's DRL file and line inside the package when they do not compile.
     */
    private static java.util.Optional<Problem> rules(Path file, String prefix) {
        MethodologyRulesets shipped = MethodologyRulesets.of(file.getParent());
        List<String> errors = new ArrayList<>(shipped.problems().stream().filter(RuleProblem::isError)
                .map(p -> p.headline().replace(prefix, "")).toList());
        List<RuleSource> sources = new ArrayList<>();
        for (Path drl : shipped.files()) {
            if (drl.startsWith(prefix)) {
                sources.add(RuleSource.read(drl));
            } else {
                errors.add(drl + ": a ruleset outside the package; build the package with the files its rulesets include");
            }
        }
        if (errors.isEmpty() && !sources.isEmpty()) {
            try {
                new RuleCompiler().compile(new RuleSet("package", sources));
            } catch (RulesRejectedException e) {
                e.problems().stream().filter(RuleProblem::isError).forEach(p -> errors.add(p.headline().replace(prefix, "")));
            }
        }
        if (errors.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Problem(Check.COMPILE_ERROR, "the rulesets of " + file.getParent().toString().replace(prefix, "")
                + " do not compile (" + errors.size() + " errors): " + String.join(" | ", errors.subList(0, Math.min(5, errors.size())))
                + (errors.size() > 5 ? " | …" : "")));
    }

    /** True when the file compiles on its own: a methodology or a test file (not a library). */
    static boolean compiles(byte[] bytes) {
        String first = firstWord(bytes);
        return first.equals("methodology") || first.equals("tests");
    }

    /** True when the first word after comments and blanks is {@code methodology} (not {@code library} or {@code tests}). */
    static boolean isMethodology(byte[] bytes) {
        return firstWord(bytes).equals("methodology");
    }

    private static String firstWord(byte[] bytes) {
        for (String line : new String(bytes, StandardCharsets.UTF_8).lines().toList()) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("//")) {
                continue;
            }
            return l.split("[\\s/\"]", 2)[0];
        }
        return "";
    }
}
