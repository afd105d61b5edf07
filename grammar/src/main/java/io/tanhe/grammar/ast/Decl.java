package io.tanhe.grammar.ast;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A top-level statement of a methodology or library file. Each keeps the comments written just
 * before it, so that {@code fmt} does not lose them.
 */
public sealed interface Decl permits Decl.Import, Decl.FactorTable, Decl.SetDecl, Decl.FactorDecl,
        Decl.InputDecl, Decl.ComputedDecl, Decl.FormulaDecl, Decl.TestDecl {

    SourceSpan span();

    List<String> comments();

    /** The declared name, or the path for imports and factor tables. */
    String displayName();

    /** {@code import "path.tanhe"}: a shared definition file, relative to this file. */
    record Import(String path, SourceSpan span, List<String> comments) implements Decl {
        public String displayName() {
            return path;
        }
    }

    /** {@code factors "table.factors.yaml"}: default values for declared factors, relative to this file. */
    record FactorTable(String path, SourceSpan span, List<String> comments) implements Decl {
        public String displayName() {
            return path;
        }
    }

    /** An index set; {@code members} empty and {@code open} true when the site supplies the members. */
    record SetDecl(Name name, String label, List<Member> members, boolean open, SourceSpan span,
                   List<String> comments) implements Decl {
        public SetDecl {
            members = List.copyOf(members);
        }

        public String displayName() {
            return name.text();
        }
    }

    record Member(Name name, String label) {
    }

    /** A parameter looked up in the factor library, optionally with values declared in place. */
    record FactorDecl(Name name, List<Name> dimensions, UnitExpr unit, String label, Name basis,
                      List<FactorEntry> entries, SourceSpan span, List<String> comments) implements Decl {
        public FactorDecl {
            dimensions = List.copyOf(dimensions);
            entries = List.copyOf(entries);
        }

        public String displayName() {
            return name.text();
        }
    }

    /** One default value of a factor, with its validity and provenance. Null fields were not written. */
    record FactorEntry(List<Name> key, BigDecimal value, String valueText, UnitExpr unit, LocalDate validFrom,
                       LocalDate validUntil, String source, String clause, Name confidence, String note,
                       List<Header.DuplicateField> duplicates, SourceSpan span, List<String> comments) {
        /** @param duplicates attributes written again after their first time (the first counts), for the compiler to report */
        public FactorEntry {
            key = List.copyOf(key);
            duplicates = List.copyOf(duplicates);
        }
    }

    /** Activity data bound to meter points by the site configuration. */
    record InputDecl(Name name, List<Name> dimensions, UnitExpr unit, InputKind kind, boolean optional,
                     String label, SourceSpan span, List<String> comments) implements Decl {
        public InputDecl {
            dimensions = List.copyOf(dimensions);
        }

        public String displayName() {
            return name.text();
        }
    }

    /** {@code const}, {@code value}, {@code emission} or {@code total}: a named formula. */
    record ComputedDecl(ComputedKind kind, Name name, List<Binding> bindings, UnitExpr unit, String label,
                        Name emissionClass, Name scope, Expr expr, SourceSpan span,
                        List<String> comments) implements Decl {
        public ComputedDecl {
            bindings = List.copyOf(bindings);
        }

        public String displayName() {
            return name.text();
        }
    }

    /** A reusable formula, expanded at each call; parameters without a unit take the argument's. */
    record FormulaDecl(Name name, List<Parameter> parameters, UnitExpr resultUnit, Expr body, SourceSpan span,
                       List<String> comments) implements Decl {
        public FormulaDecl {
            parameters = List.copyOf(parameters);
        }

        public String displayName() {
            return name.text();
        }
    }

    record Parameter(Name name, UnitExpr unit) {
    }

    /**
     * An in-file test: inputs and factor overrides for one period, and expected values.
     *
     * @param dates every {@code on DATE} as written: one at most in a valid test, but a second one is
     *              kept (for the compiler to report, and for {@code fmt} to keep) rather than dropped
     */
    record TestDecl(String title, List<TestDate> dates, List<TestValue> inputs, List<TestValue> factors,
                    List<Expectation> expectations, SourceSpan span, List<String> comments) implements Decl {
        public TestDecl {
            dates = List.copyOf(dates);
            inputs = List.copyOf(inputs);
            factors = List.copyOf(factors);
            expectations = List.copyOf(expectations);
        }

        public String displayName() {
            return title;
        }

        /** The date the test runs on, its first {@code on DATE}; null when it has none. */
        public LocalDate on() {
            return dates.isEmpty() ? null : dates.get(0).date();
        }
    }

    /** {@code on 2024-03-01} in a test, with the comments written just before it. */
    record TestDate(LocalDate date, SourceSpan span, List<String> comments) {
        public TestDate {
            comments = List.copyOf(comments);
        }
    }

    /** {@code input burned[u1, coal] = 1000 t} or {@code factor ncv[coal] = 20.1 GJ/t}; unit null when not written. */
    record TestValue(Name name, List<Name> key, BigDecimal value, String valueText, UnitExpr unit, SourceSpan span,
                     List<String> comments) {
        public TestValue {
            key = List.copyOf(key);
            comments = List.copyOf(comments);
        }
    }

    /** {@code expect E = 1234.5 tCO2 ± 0.01}; tolerance null means exact to 1e-9 relative. */
    record Expectation(Name name, List<Name> key, BigDecimal value, String valueText, UnitExpr unit,
                       BigDecimal tolerance, String toleranceText, boolean relative, SourceSpan span,
                       List<String> comments) {
        public Expectation {
            key = List.copyOf(key);
            comments = List.copyOf(comments);
        }
    }

    enum InputKind {
        /** A cumulative meter total; the period amount is the delta. */
        COUNTER,
        /** A power or flow; the period amount is the time integral (unit × h). */
        RATE,
        /** A value entered per period (monthly fuel use, a lab NCV of a month). */
        PERIOD
    }

    enum ComputedKind {
        CONST, VALUE, EMISSION, TOTAL;

        public String keyword() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
