package io.tanhe.engine.compile;

import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.grammar.ast.Decl;
import io.tanhe.grammar.ast.Name;
import io.tanhe.grammar.diagnostics.ErrorCode;
import io.tanhe.grammar.diagnostics.Spelling;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks that a test block names real inputs, factors and values with keys that fit them. */
final class TestCheck {
    private final Resolver resolver;

    TestCheck(Resolver resolver) {
        this.resolver = resolver;
    }

    /** @param effectiveFrom the file's effective-from date, the date of a test without {@code on}; null when not written */
    void check(Decl.TestDecl t, LocalDate effectiveFrom) {
        datedOnce(t);
        datedWithinRange(t, effectiveFrom);
        for (Decl.TestValue v : t.inputs()) {
            target(v.name(), v.key(), Symbol.InputSym.class, "input");
        }
        for (Decl.TestValue v : t.factors()) {
            target(v.name(), v.key(), Symbol.FactorSym.class, "factor");
        }
        givenOnce(t.inputs(), "input");
        givenOnce(t.factors(), "factor");
        for (Decl.Expectation e : t.expectations()) {
            target(e.name(), e.key(), Symbol.Valued.class, "value");
        }
    }

    /** A test runs on one date; with two, the reader would have to guess which one counts. */
    private void datedOnce(Decl.TestDecl t) {
        for (Decl.TestDate d : t.dates().subList(Math.min(1, t.dates().size()), t.dates().size())) {
            resolver.diagnostics().report(ErrorCode.E602, d.span(), "test: `on` is given twice (first at "
                    + t.dates().get(0).span() + ")", "keep one of them");
        }
    }

    /** A test runs one month through the evaluator, which cannot hold instants outside its nanosecond clock. */
    private void datedWithinRange(Decl.TestDecl t, LocalDate effectiveFrom) {
        LocalDate on = t.on() != null ? t.on() : effectiveFrom;
        if (on == null) {
            return;
        }
        TimeBucket month = TimeBucket.of(Grain.MONTH, on.atStartOfDay(TimeBucket.DEFAULT_ZONE).toInstant(), TimeBucket.DEFAULT_ZONE);
        if (!month.withinEvaluatorRange()) {
            String date = t.on() != null ? "date " + on : "date (the effective-from date " + on + ")";
            resolver.diagnostics().report(ErrorCode.E602, t.dates().isEmpty() ? t.span() : t.dates().get(0).span(),
                    "test: its " + date + " is outside the time the evaluator can compute, 1677-09-21 to 2262-04-11",
                    "give the test an `on` date in a month within that range");
        }
    }

    /** A test that gives one value twice leaves the reader (and the evaluator) to guess which one counts. */
    private void givenOnce(List<Decl.TestValue> values, String word) {
        Map<String, Decl.TestValue> first = new HashMap<>();
        for (Decl.TestValue v : values) {
            String label = v.name().text() + (v.key().isEmpty() ? "" : v.key().toString());
            Decl.TestValue earlier = first.putIfAbsent(label, v);
            if (earlier != null) {
                resolver.diagnostics().report(ErrorCode.E602, v.name().span(),
                        "test: " + word + " `" + label.replace(", ", ",") + "` is given twice (first at " + earlier.span() + ")",
                        "keep one of them");
            }
        }
    }

    private void target(Name name, List<Name> key, Class<? extends Symbol> kind, String word) {
        Symbol s = resolver.symbols().get(name.text());
        if (!kind.isInstance(s)) {
            List<String> candidates = resolver.symbols().values().stream().filter(kind::isInstance).map(Symbol::name).toList();
            String what = s == null ? "unknown " + word + " `" + name + "`" : "`" + name + "` is " + s.withArticle() + ", not " + ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
            resolver.diagnostics().report(ErrorCode.E602, name.span(), "test: " + what, Spelling.hint(name.text(), candidates));
            return;
        }
        resolver.markUsed(name.text());
        Symbol.Valued v = (Symbol.Valued) s;
        resolver.checkKey(key, v.dimensions(), name.span(), word + " `" + name + "`", ErrorCode.E602);
    }
}
