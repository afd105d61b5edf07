package io.tanhe.engine.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tanhe.grammar.ast.Binding;
import io.tanhe.grammar.ast.Expr;
import io.tanhe.grammar.diagnostics.Diagnostic;
import io.tanhe.grammar.diagnostics.ErrorCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Name resolution: scopes of index variables, bindings, set members, did-you-mean hints. */
class ResolverTest {

    private static List<Diagnostic> errors(Compilation c) {
        return c.diagnostics().stream().filter(Diagnostic::isError).toList();
    }

    private static ResolvedProgram resolved(Compilation c) {
        return c.typed().resolved();
    }

    @Test
    void anIndexVariableIsVisibleOnlyInItsOwnDeclaration() {
        Compilation c = Sources.compile("""
                set fuel { coal, gas }
                input x[fuel] : t period
                value a[f in fuel] : t = x[f]
                value b : t = x[f]
                emission e : tCO2 class process = (sum(a) + b) * 1 [tCO2/t]
                total E : tCO2 = e
                """);
        assertEquals(List.of(ErrorCode.E303), errors(c).stream().map(Diagnostic::code).toList(), c.diagnostics().toString());
        assertEquals(10, errors(c).get(0).span().line());
    }

    @Test
    void anAggregateBindingScopesOnlyItsArgument() {
        Compilation c = Sources.compile("""
                set fuel { coal, gas }
                input x[fuel] : t period
                value a : t = sum(f in fuel: x[f]) + x[f]
                emission e : tCO2 class process = a * 1 [tCO2/t]
                total E : tCO2 = e
                """);
        Diagnostic d = errors(c).get(0);
        assertEquals(ErrorCode.E303, d.code());
        assertEquals(40, d.span().column(), "the f outside sum(): " + d);
    }

    @Test
    void everyBindingRangesOverItsSet() {
        Compilation c = Sources.compile("""
                set fuel { coal, gas }
                set line { l1 }
                input x[line, fuel] : t period
                emission e[l in line] : tCO2 class process = sum(f in fuel: x[l, f]) * 1 [tCO2/t]
                total E : tCO2 = sum(e)
                """);
        assertTrue(c.ok(), c.diagnostics().toString());
        Map<Binding, Symbol.SetSym> sets = resolved(c).sets();
        assertEquals(List.of("fuel", "line"), sets.entrySet().stream()
                .map(en -> en.getKey().variable().text() + "=" + en.getValue().name()).sorted()
                .map(s -> s.substring(2)).toList());
    }

    @Test
    void aFixedMemberOfAClosedSetMustBeDeclared() {
        Compilation c = Sources.compile("""
                set fuel { coal, gas }
                input x[fuel] : t period
                emission e : tCO2 class process = (x[coal] + x[oil]) * 1 [tCO2/t]
                total E : tCO2 = e
                """);
        assertEquals(List.of(ErrorCode.E303), errors(c).stream().map(Diagnostic::code).toList());
    }

    @Test
    void membersOfAnOpenSetComeFromTheSite() {
        Compilation c = Sources.compile("""
                set gen_unit
                input coal[gen_unit] : t period
                emission e : tCO2 class process = coal[unit7] * 1 [tCO2/t]
                total E : tCO2 = e
                """);
        assertTrue(c.ok(), c.diagnostics().toString());
        Resolution r = resolved(c).refs().entrySet().stream().filter(en -> en.getKey().name().text().equals("coal"))
                .findFirst().orElseThrow().getValue();
        Resolution.IndexSel sel = assertInstanceOf(Resolution.ToValue.class, r).indices().get(0);
        assertEquals("unit7", assertInstanceOf(Resolution.Member.class, sel).member());
    }

    @Test
    void anUnknownNameGetsTheClosestDeclaredNameAsAHint() {
        Compilation c = Sources.compile("""
                factor ncv : GJ/t
                input burned : t period
                value energy : GJ = burned * nvc
                """);
        Diagnostic d = errors(c).get(0);
        assertEquals(ErrorCode.E300, d.code());
        assertEquals("did you mean `ncv`?", d.hint());
    }

    @Test
    void aDifferenceOnlyInCaseIsTheBestGuess() {
        Diagnostic d = errors(Sources.compile("input burned : t period\nvalue v : t = BURNED\n")).get(0);
        assertEquals("did you mean `burned`?", d.hint());
    }

    @Test
    void aNameFarFromEveryDeclarationGetsNoGuess() {
        Diagnostic d = errors(Sources.compile("input burned : t period\nvalue v : t = electricity\n")).get(0);
        assertEquals(ErrorCode.E300, d.code());
        assertEquals("", d.hint());
    }

    @Test
    void aMisspeltSetNameInADimensionIsE302WithAHint() {
        Diagnostic d = errors(Sources.compile("set fuel { coal }\ninput x[fule] : t period\n")).get(0);
        assertEquals(ErrorCode.E302, d.code());
        assertEquals("did you mean `fuel`?", d.hint());
    }

    @Test
    void callsResolveToBuiltinsOrFormulas() {
        Compilation c = Sources.compile("""
                input x : t period
                formula twice(a) = a * 2
                value v : t = max(twice(x), abs(x))
                emission e : tCO2 class process = v * 1 [tCO2/t]
                total E : tCO2 = e
                """);
        assertTrue(c.ok(), c.diagnostics().toString());
        Map<Expr.Call, Object> calls = resolved(c).calls();
        assertEquals(List.of("ABS", "MAX", "twice"), calls.values().stream()
                .map(t -> t instanceof Symbol.FormulaSym f ? f.name() : t.toString()).sorted().toList());
    }

    @Test
    void unusedFactorsInputsAndSetsAreWarnedAboutOnlyInTheMainFile() {
        Compilation c = Sources.compile("""
                set fuel { coal }
                factor f : tCO2/t
                input x : t period
                input y : t period
                emission e : tCO2 class process = x * 1 [tCO2/t]
                total E : tCO2 = e
                """);
        assertEquals(List.of(ErrorCode.W005, ErrorCode.W001, ErrorCode.W002), c.diagnostics().stream().map(Diagnostic::code).toList());
    }
}
