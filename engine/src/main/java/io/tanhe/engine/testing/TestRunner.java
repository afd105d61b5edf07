package io.tanhe.engine.testing;

import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.eval.Keys;
import io.tanhe.engine.eval.PeriodEvaluator;
import io.tanhe.engine.eval.PeriodInputs;
import io.tanhe.engine.eval.PeriodResult;
import io.tanhe.engine.factors.Confidence;
import io.tanhe.engine.factors.FactorLibrary;
import io.tanhe.engine.factors.FactorValue;
import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.units.Unit;
import io.tanhe.grammar.ast.Decl;
import io.tanhe.grammar.ast.Name;
import io.tanhe.grammar.ast.SourceFile;
import io.tanhe.grammar.ast.UnitExpr;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the {@code test} blocks of a compiled methodology: each test's inputs and factor overrides
 * are evaluated for one period, on the test's date ({@code on …}, else the methodology's
 * effective-from date), and every expectation is compared within its tolerance.
 */
public final class TestRunner {
    /** Relative tolerance of an expectation written without {@code ±}. */
    static final double DEFAULT_RELATIVE_TOLERANCE = 1e-9;
    private static final LocalDate NO_DATE = LocalDate.of(2000, 1, 1);

    private final Compilation compilation;
    private final ComputationGraph graph;

    public TestRunner(Compilation compilation) {
        this.compilation = compilation;
        this.graph = compilation.graph().orElseThrow(() -> new IllegalArgumentException("the methodology does not compile"));
    }

    /** Runs every test of the file that was compiled (not those of imported libraries). */
    public List<TestOutcome> runAll() {
        SourceFile main = compilation.loaded().main();
        return main.declsOf(Decl.TestDecl.class).stream().map(t -> run(main.path(), t)).toList();
    }

    TestOutcome run(String file, Decl.TestDecl test) {
        List<String> failures = new ArrayList<>();
        PeriodInputs inputs = new PeriodInputs();
        for (Decl.TestValue v : test.inputs()) {
            Node n = graph.node(v.name().text()).orElseThrow();
            inputs.put(n.name(), key(v.key()), convert(v.value(), v.unit(), n, v.name(), failures));
        }
        List<FactorValue> overrides = new ArrayList<>();
        for (Decl.TestValue v : test.factors()) {
            Node n = graph.node(v.name().text()).orElseThrow();
            double value = convert(v.value(), v.unit(), n, v.name(), failures);
            overrides.add(new FactorValue(n.name(), key(v.key()), BigDecimal.valueOf(value), n.unit().text(), null, null,
                    "test \"" + test.title() + "\" at " + v.span(), null, Confidence.SITE, "test", null));
        }
        FactorLibrary library = overrides.isEmpty() ? compilation.defaults().library()
                : compilation.defaults().library().overriddenBy(FactorLibrary.of("test", "test", overrides));
        LocalDate on = test.on() != null ? test.on() : graph.info().effectiveFrom() != null ? graph.info().effectiveFrom() : NO_DATE;
        PeriodResult result = new PeriodEvaluator(graph).evaluate(inputs, library, on);
        result.problems().forEach(p -> failures.add(test.span() + ": " + p.code() + " " + p.message()));
        for (Decl.Expectation e : test.expectations()) {
            check(e, result, failures);
        }
        List<String> warnings = result.factorsUsed().stream().filter(f -> f.confidence().isUnverified())
                .map(f -> "warning[W003]: unverified default used: " + f.describe()).toList();
        return new TestOutcome(file, test.title(), failures.isEmpty(), failures, warnings);
    }

    private void check(Decl.Expectation e, PeriodResult result, List<String> failures) {
        Node n = graph.node(e.name().text()).orElseThrow();
        String key = key(e.key());
        var actual = result.value(n.name(), key);
        String label = n.name() + (key.isEmpty() ? "" : "[" + key + "]");
        if (actual.isEmpty()) {
            failures.add(e.span() + ": expected " + label + " = " + e.valueText() + " but it has no value");
            return;
        }
        Unit unit = e.unit() == null ? n.unit() : Unit.parse(e.unit().toString());
        if (!unit.isCompatible(n.unit())) {
            failures.add(e.span() + ": expectation in " + unit.text() + " but " + label + " is in " + n.unit().text());
            return;
        }
        double got = actual.get() * n.unit().conversionFactor(unit);
        double want = e.value().doubleValue();
        double tolerance = e.tolerance() == null ? Math.abs(want) * DEFAULT_RELATIVE_TOLERANCE
                : e.relative() ? Math.abs(want) * e.tolerance().doubleValue() / 100 : e.tolerance().doubleValue();
        if (Math.abs(got - want) > tolerance) {
            failures.add(String.format(Locale.ROOT, "%s: expected %s = %s %s ± %s, got %s (off by %s)", e.span(), label,
                    e.valueText(), unit.text(), e.tolerance() == null ? "1e-9 relative" : e.toleranceText() + (e.relative() ? "%" : ""),
                    BigDecimal.valueOf(got).stripTrailingZeros().toPlainString(),
                    BigDecimal.valueOf(got - want).round(new java.math.MathContext(3)).toPlainString()));
        }
    }

    private static double convert(BigDecimal value, UnitExpr written, Node n, Name at, List<String> failures) {
        if (written == null) {
            return value.doubleValue();
        }
        Unit u = Unit.parse(written.toString());
        if (!u.isCompatible(n.unit())) {
            failures.add(at.span() + ": E602 test value in " + u.text() + " but `" + n.name() + "` is in " + n.unit().text()
                    + " (" + u.dimension().describe() + " vs " + n.unit().dimension().describe() + ")");
            return Double.NaN;
        }
        return value.doubleValue() * u.conversionFactor(n.unit());
    }

    private static String key(List<Name> key) {
        return Keys.of(key.stream().map(Name::text).toList());
    }
}
