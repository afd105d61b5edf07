package io.tanhe.engine.rules;

import io.tanhe.engine.rules.diagnostic.RuleProblem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A rule base compiled on its own thread (as a terminal builds it while its store opens) is the one compiled in place. */
class BackgroundCompileTest {
    private static final String GOOD = """
            package test.background;
            import io.tanhe.engine.rules.fact.ObservationFact;

            rule "very low"
            when
                ObservationFact( value < -1.0e30 )
            then
            end
            """;
    /** Line 6 is not DRL. */
    private static final String BAD = """
            package test.background;
            import io.tanhe.engine.rules.fact.ObservationFact;

            rule "broken"
            when
                this is not DRL
            then
            end
            """;

    private static RuleSet rules(String drl) {
        return new RuleSet("t1", List.of(new RuleSource("site/extra.drl", drl)));
    }

    @Test
    void aRuleBaseCompiledInTheBackgroundHasTheRulesOfOneCompiledInPlace() throws Exception {
        CompiledRules here = new RuleCompiler().compile(rules(GOOD));
        CompiledRules there = new RuleCompiler().compileInBackground(rules(GOOD)).join();
        assertEquals(here.ruleNames(), there.ruleNames());
        assertTrue(there.ruleNames().contains("very low"), there.ruleNames().toString());
        assertEquals("t1", there.version());
    }

    @Test
    void rejectedRulesComeBackFromTheBackgroundWithTheSameFileLineAndMessage() {
        RulesRejectedException here = assertThrows(RulesRejectedException.class, () -> new RuleCompiler().compile(rules(BAD)));
        RulesRejectedException there = assertThrows(RulesRejectedException.class,
                () -> new RuleCompiler().compileInBackground(rules(BAD)).join());
        assertEquals(here.getMessage(), there.getMessage());
        assertFalse(there.problems().isEmpty());
        assertTrue(there.problems().stream().map(RuleProblem::headline).anyMatch(h -> h.contains("site/extra.drl:6")),
                there.getMessage());
    }

    @Test
    void anInterruptWhileWaitingDoesNotLoseTheRulesAndIsKept() throws Exception {
        RuleCompiler.Pending pending = new RuleCompiler().compileInBackground(rules(GOOD));
        Thread.currentThread().interrupt();
        try {
            assertTrue(pending.join().ruleNames().contains("very low"));
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept for the caller");
        } finally {
            Thread.interrupted();
        }
    }
}
