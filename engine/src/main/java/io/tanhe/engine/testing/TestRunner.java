package io.tanhe.engine.testing;

import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.compile.UnitResolver;
import io.tanhe.engine.factors.Confidence;
import io.tanhe.engine.factors.FactorLibrary;
import io.tanhe.engine.factors.FactorValue;
import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.graph.Keys;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.graph.NodeKind;
import io.tanhe.engine.incremental.Execution;
import io.tanhe.engine.incremental.IncrementalEvaluator;
import io.tanhe.engine.incremental.ResultValue;
import io.tanhe.engine.time.CounterSettings;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Observation;
import io.tanhe.engine.time.PeriodQuantity;
import io.tanhe.engine.time.PeriodSettings;
import io.tanhe.engine.time.Quality;
import io.tanhe.engine.time.RateSettings;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.engine.units.Unit;
import io.tanhe.grammar.ast.Decl;
import io.tanhe.grammar.ast.Name;
import io.tanhe.grammar.ast.SourceFile;
import io.tanhe.grammar.ast.UnitExpr;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs the {@code test} blocks of a compiled methodology through the same incremental evaluator
 * the terminal uses: each test is one month, its inputs are that month's amounts (observations
 * of per-period quantities), its factor overrides are layered over the defaults, and factor
 * values are those valid on the test's date ({@code on …}, else the methodology's effective-from
 * date). Every expectation is compared within its tolerance.
 */
public final class TestRunner {
    /** Relative tolerance of an expectation written without {@code ±}. */
    static final double DEFAULT_RELATIVE_TOLERANCE = 1e-9;
    private static final LocalDate NO_DATE = LocalDate.of(2000, 1, 1);
    private static final ZoneId ZONE = TimeBucket.DEFAULT_ZONE;
    private static final Unit HOUR = Unit.parse("h");

    private final Compilation compilation;
    private final ComputationGraph graph;
    private final Execution execution;

    public TestRunner(Compilation compilation) {
        this(compilation, Execution.configured());
    }

    /** A runner whose evaluators compute formulas the given way (tests compare generated code with the interpreter). */
    public TestRunner(Compilation compilation, Execution execution) {
        this.compilation = compilation;
        this.graph = compilation.graph().orElseThrow(() -> new IllegalArgumentException("the methodology does not compile"));
        this.execution = execution;
    }

    /**
     * Runs every test of the file that was compiled (not those of imported libraries); for a test file, its tests
     * against the methodology it names. Each outcome names the file the test is written in.
     */
    public List<TestOutcome> runAll() {
        SourceFile main = compilation.loaded().main();
        return main.declsOf(Decl.TestDecl.class).stream().map(t -> run(t.span().file(), t)).toList();
    }

    /**
     * Every value of every node in the month of each test of the file, in test order: what the
     * expectations are checked against.
     */
    public List<List<ResultValue>> resultsOfAll() {
        SourceFile main = compilation.loaded().main();
        return main.declsOf(Decl.TestDecl.class).stream().map(t -> {
            TimeBucket month = month(t);
            return evaluate(t, month, new ArrayList<>()).results(Grain.MONTH, month.start(), month.end(), Set.of());
        }).toList();
    }

    private TimeBucket month(Decl.TestDecl test) {
        LocalDate on = test.on() != null ? test.on() : graph.info().effectiveFrom() != null ? graph.info().effectiveFrom() : NO_DATE;
        return TimeBucket.of(Grain.MONTH, on.atStartOfDay(ZONE).toInstant(), ZONE);
    }

    TestOutcome run(String file, Decl.TestDecl test) {
        List<String> failures = new ArrayList<>();
        TimeBucket month = month(test);
        IncrementalEvaluator evaluator = evaluate(test, month, failures);
        reportFailedResults(evaluator, month, test, failures);
        for (Decl.Expectation e : test.expectations()) {
            check(e, evaluator, month, failures);
        }
        List<String> warnings = evaluator.factorValuesUsed(month).stream().filter(f -> f.confidence().isUnverified())
                .map(f -> "warning[W003]: unverified default used: " + f.describe()).toList();
        return new TestOutcome(file, test.title(), failures.isEmpty(), failures, warnings);
    }

    /** Feeds a test's inputs for its month and opens the month; problems with the test's values go to {@code failures}. */
    private IncrementalEvaluator evaluate(Decl.TestDecl test, TimeBucket month, List<String> failures) {
        IncrementalEvaluator evaluator = new IncrementalEvaluator(graph, factors(test, failures), ZONE, Grain.MONTH, List.of(),
                execution);
        configureForOneMonth(evaluator);
        Set<String> given = new HashSet<>();
        for (Decl.TestValue v : test.inputs()) {
            Node n = graph.node(v.name().text()).orElseThrow();
            double value = givenAsRate(v, n) ? asMonthIntegral(v, n, month) : convert(v.value(), v.unit(), n, v.name(), failures);
            if (finite(value, v, n, failures)) {
                feed(evaluator, n, key(v.key()), value, month);
            }
            given.add(n.name());
        }
        for (Node n : graph.nodesOf(NodeKind.INPUT)) {
            if (!n.indexed() && !n.optional() && !given.contains(n.name())) {
                failures.add(test.span() + ": E601 input `" + n.name() + "` has no value; supply it or declare it `optional`");
            }
        }
        evaluator.open(month);
        return evaluator;
    }

    /** Counters and rates over a whole month are normal in a test: no spreading or gap limits. */
    private void configureForOneMonth(IncrementalEvaluator evaluator) {
        for (Node n : graph.nodesOf(NodeKind.INPUT)) {
            switch (n.inputKind()) {
                case COUNTER -> evaluator.timeModel().configure(n.name(), CounterSettings.of(n.unit()));
                case RATE -> evaluator.timeModel().configure(n.name(), RateSettings.of(n.unit()).withMaxGap(Duration.ofDays(32)));
                case PERIOD -> evaluator.timeModel().configure(n.name(),
                        PeriodSettings.of(n.unit(), Grain.MONTH, PeriodQuantity.inferFrom(n.unit())));
            }
        }
    }

    /**
     * A test gives each input's amount for the month; the time model receives it the way a
     * terminal would: a counter as readings at the month's start and end, a rate as a constant
     * power over the month, a per-period quantity as that month's value.
     */
    private static void feed(IncrementalEvaluator evaluator, Node n, String key, double amount, TimeBucket month) {
        switch (n.inputKind()) {
            case COUNTER -> {
                evaluator.accept(new Observation(month.start(), n.name(), key, 0, n.unit(), Quality.MEASURED));
                evaluator.accept(new Observation(month.end(), n.name(), key, amount, n.unit(), Quality.MEASURED));
            }
            case RATE -> {
                double hours = month.duration().toNanos() / 3.6e12;
                Unit perHour = n.unit().divide(Unit.parse("h"));
                evaluator.accept(new Observation(month.start(), n.name(), key, amount / hours, perHour, Quality.MEASURED));
                evaluator.accept(new Observation(month.end(), n.name(), key, amount / hours, perHour, Quality.MEASURED));
            }
            case PERIOD -> evaluator.accept(new Observation(month.start(), n.name(), key, amount, n.unit(), Quality.MEASURED));
        }
    }

    /** A rate input written in its rate unit ({@code input co2[s] = 12 %}): held constant over the test's month. */
    private static boolean givenAsRate(Decl.TestValue v, Node n) {
        if (n.inputKind() != Decl.InputKind.RATE || v.unit() == null) {
            return false;
        }
        return UnitResolver.meaning(v.unit()).map(u -> u.isCompatible(n.unit().divide(HOUR))).orElse(false);
    }

    private static double asMonthIntegral(Decl.TestValue v, Node n, TimeBucket month) {
        Unit rate = UnitResolver.meaning(v.unit()).orElseThrow();
        double hours = month.duration().toNanos() / 3.6e12;
        return v.value().doubleValue() * rate.conversionFactor(n.unit().divide(HOUR)) * hours;
    }

    private FactorLibrary factors(Decl.TestDecl test, List<String> failures) {
        List<FactorValue> overrides = new ArrayList<>();
        for (Decl.TestValue v : test.factors()) {
            Node n = graph.node(v.name().text()).orElseThrow();
            double value = convert(v.value(), v.unit(), n, v.name(), failures);
            if (!finite(value, v, n, failures)) {
                continue;
            }
            overrides.add(new FactorValue(n.name(), key(v.key()), BigDecimal.valueOf(value), n.unit().text(), null, null,
                    "test \"" + test.title() + "\" at " + v.span(), null, Confidence.SITE, "test", null));
        }
        return overrides.isEmpty() ? compilation.defaults().library()
                : compilation.defaults().library().overriddenBy(FactorLibrary.of("test", "test", overrides));
    }

    /** Emissions and totals that could not be computed are failures of the test, with their cause. */
    private void reportFailedResults(IncrementalEvaluator evaluator, TimeBucket month, Decl.TestDecl test, List<String> failures) {
        Set<String> outputs = new HashSet<>();
        graph.nodes().stream().filter(n -> n.kind() == NodeKind.EMISSION || n.kind() == NodeKind.TOTAL).forEach(n -> outputs.add(n.name()));
        Set<String> seen = new HashSet<>();
        for (ResultValue r : evaluator.results(Grain.MONTH, month.start(), month.end(), outputs)) {
            if (r.failed() && seen.add(r.problemText())) {
                failures.add(test.span() + ": " + (r.problem() == null ? "" : r.problem() + " ") + r.problemText()
                        + " (needed by " + r.label() + ")");
            }
        }
    }

    private void check(Decl.Expectation e, IncrementalEvaluator evaluator, TimeBucket month, List<String> failures) {
        Node n = graph.node(e.name().text()).orElseThrow();
        String key = key(e.key());
        String label = n.name() + (key.isEmpty() ? "" : "[" + key + "]");
        ResultValue actual = evaluator.result(n.name(), key, month).orElse(null);
        if (actual == null || !actual.present()) {
            failures.add(e.span() + ": expected " + label + " = " + e.valueText() + " but it has no value"
                    + (actual != null && actual.failed() ? " (" + (actual.problem() == null ? "" : actual.problem() + " ")
                    + actual.problemText() + ")" : ""));
            return;
        }
        Unit unit = e.unit() == null ? n.unit() : UnitResolver.meaning(e.unit()).orElse(null);
        if (unit == null) {
            failures.add(e.span() + ": E400 the unit `" + e.unit() + "` of the expectation has no meaning");
            return;
        }
        double got = actual.value() * n.unit().conversionFactor(unit);
        if (Double.isInfinite(got)) {
            failures.add(String.format(Locale.ROOT, "%s: expected %s = %s %s but its value, %s %s, is not a finite number in %s (E603)",
                    e.span(), label, e.valueText(), unit.text(), actual.value(), n.unit().text(), unit.text()));
            return;
        }
        double want = e.value().doubleValue();
        BigDecimal tolerance = e.tolerance() == null ? e.value().abs().multiply(BigDecimal.valueOf(DEFAULT_RELATIVE_TOLERANCE))
                : e.relative() ? e.value().abs().multiply(e.tolerance()).movePointLeft(2) : e.tolerance();
        // compared as decimals, so that 250 is within 250.05 ± 0.05 exactly as written
        if (Double.isNaN(got) || BigDecimal.valueOf(got).subtract(e.value()).abs().compareTo(tolerance) > 0) {
            failures.add(String.format(Locale.ROOT, "%s: expected %s = %s %s ± %s, got %s (off by %s)", e.span(), label,
                    e.valueText(), unit.text(), e.tolerance() == null ? "1e-9 relative" : e.toleranceText() + (e.relative() ? "%" : ""),
                    Double.isFinite(got) ? BigDecimal.valueOf(got).stripTrailingZeros().toPlainString() : Double.toString(got),
                    Double.isFinite(got - want) ? BigDecimal.valueOf(got - want).round(new java.math.MathContext(3)).toPlainString()
                            : Double.toString(got - want)));
        }
    }

    private static double convert(BigDecimal value, UnitExpr written, Node n, Name at, List<String> failures) {
        if (written == null) {
            return value.doubleValue();
        }
        Unit u = UnitResolver.meaning(written).orElse(null);
        if (u == null) {
            failures.add(at.span() + ": E400 the unit `" + written + "` of the test value has no meaning");
            return Double.NaN;
        }
        if (!u.isCompatible(n.unit())) {
            failures.add(at.span() + ": E602 test value in " + u.text() + " but `" + n.name() + "` is in " + n.unit().text());
            return Double.NaN;
        }
        return value.doubleValue() * u.conversionFactor(n.unit());
    }

    /** A test value that overflows when converted to the node's unit is a failure, never a silent infinity. */
    private static boolean finite(double value, Decl.TestValue v, Node n, List<String> failures) {
        if (Double.isFinite(value) || Double.isNaN(value)) {
            return true; // NaN: an incompatible unit, already a failure
        }
        failures.add(v.span() + ": E603 test value " + v.valueText() + (v.unit() == null ? "" : " " + v.unit())
                + " is not a finite number in " + n.unit().text());
        return false;
    }

    private static String key(List<Name> key) {
        return Keys.of(key.stream().map(Name::text).toList());
    }
}
