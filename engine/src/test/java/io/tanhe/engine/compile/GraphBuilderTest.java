package io.tanhe.engine.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.graph.Term;
import io.tanhe.engine.graph.Terms;
import io.tanhe.grammar.diagnostics.Diagnostic;
import io.tanhe.grammar.diagnostics.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The computation graph: topological order, folded constants, cycles, whole-graph rules. */
class GraphBuilderTest {

    private static ComputationGraph graph(String body) {
        Compilation c = Sources.compile(body);
        assertTrue(c.ok(), c.diagnostics().toString());
        return c.graph().orElseThrow();
    }

    @Test
    void everyNodeComesAfterTheNodesItReads() {
        ComputationGraph g = graph("""
                total E : tCO2 = e1 + e2
                emission e2 : tCO2 class process = v * 2 [tCO2/t]
                emission e1 : tCO2 class process = v * 1 [tCO2/t]
                value v : t = x + y
                input y : t period
                input x : t period
                """);
        List<String> order = g.nodes().stream().map(Node::name).toList();
        for (Node n : g.nodes()) {
            for (String d : n.dependencies()) {
                assertTrue(order.indexOf(d) < order.indexOf(n.name()), d + " before " + n.name() + " in " + order);
            }
        }
        assertEquals("E", order.get(order.size() - 1));
    }

    @Test
    void aConstantIsFoldedIntoItsReaders() {
        ComputationGraph g = graph("""
                const c : tCO2/tC = 44/12
                input carbon : tC period
                emission e : tCO2 class process = carbon * c
                total E : tCO2 = e
                """);
        Term.Const c = assertInstanceOf(Term.Const.class, g.node("c").orElseThrow().formula());
        assertEquals(44.0 / 12, c.value(), 1e-12);
        Node e = g.node("e").orElseThrow();
        assertEquals(List.of("carbon"), e.dependencies(), "the constant is no longer read");
        Term.Arith mul = assertInstanceOf(Term.Arith.class, e.formula());
        assertEquals(44.0 / 12, assertInstanceOf(Term.Const.class, mul.right()).value(), 1e-12);
    }

    @Test
    void literalArithmeticAndConversionsOfLiteralsAreFolded() {
        ComputationGraph g = graph("""
                input x : t period
                emission e : tCO2 class process = x * (2 * 3 + 1) [tCO2/t] + 500 [kgCO2]
                total E : tCO2 = e
                """);
        Term.Arith add = assertInstanceOf(Term.Arith.class, g.node("e").orElseThrow().formula());
        Term.Arith mul = assertInstanceOf(Term.Arith.class, add.left());
        assertEquals(7, assertInstanceOf(Term.Const.class, mul.right()).value(), 1e-12);
        assertEquals(0.5, assertInstanceOf(Term.Const.class, add.right()).value(), 1e-12);
    }

    @Test
    void aCycleIsReportedOnceWithItsMembersAndNoGraph() {
        Compilation c = Sources.compile("""
                input x : t period
                value a : t = b + x
                value b : t = c
                value c : t = a
                emission e : tCO2 class process = a * 1 [tCO2/t]
                total E : tCO2 = e
                """);
        List<Diagnostic> cycles = c.diagnostics().stream().filter(d -> d.code() == ErrorCode.E500).toList();
        assertEquals(1, cycles.size(), c.diagnostics().toString());
        assertTrue(cycles.get(0).hint().startsWith("cycle: a -> c -> b -> a;"), cycles.get(0).hint());
        assertTrue(c.graph().isEmpty());
    }

    @Test
    void anEmissionOutsideEveryTotalIsAWarningNotAnError() {
        Compilation c = Sources.compile("""
                input x : t period
                emission counted : tCO2 class process = x * 1 [tCO2/t]
                emission forgotten : tCO2 class process = x * 2 [tCO2/t]
                total E : tCO2 = counted
                """);
        assertEquals(List.of(ErrorCode.W004), c.diagnostics().stream().map(Diagnostic::code).toList());
        assertTrue(c.ok());
    }

    @Test
    void anEmissionReachedThroughAValueCountsAsInATotal() {
        graph("""
                input x : t period
                emission e : tCO2 class process = x * 1 [tCO2/t]
                value sub : tCO2 = e
                total E : tCO2 = sub
                """);
    }

    @Test
    void gwpsOfTwoAssessmentReportsInOneResultAreAnError() {
        Compilation c = Sources.compile("""
                input ch4 : tCH4 period
                input n2o : tN2O period
                factor g1 : tCO2e/tCH4 basis AR5
                factor g2 : tCO2e/tN2O basis AR4
                emission a : tCO2e class fugitive = ch4 * g1
                emission b : tCO2e class process = n2o * g2
                total E : tCO2e = a + b
                """);
        Diagnostic d = c.diagnostics().stream().filter(x -> x.code() == ErrorCode.E408).findFirst().orElseThrow();
        assertEquals("`E` combines GWPs of different bases: AR4, AR5", d.message());
    }

    @Test
    void theDependenciesOfANodeAreTheNodesItsFormulaReads() {
        Node n = graph("input x : t period\ninput y : t period\nvalue v : t = max(x, y) + x\n").node("v").orElseThrow();
        assertEquals(List.copyOf(Terms.dependencies(n.formula())), n.dependencies());
        assertEquals(List.of("x", "y"), n.dependencies());
    }
}
