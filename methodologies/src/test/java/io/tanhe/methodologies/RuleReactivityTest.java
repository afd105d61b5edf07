package io.tanhe.methodologies;

import io.tanhe.engine.rules.RuleCompiler;
import io.tanhe.engine.rules.RuleSet;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The verification rules that join a meter's calibration state with day buckets compile without Drools' "class
 * reactivity" warning: a constraint calling a method on another pattern's fact ({@code $c.uncoveredOn(start)}) gives
 * Drools no property of its own pattern to react to, so it logs the warning and re-evaluates the pattern on every
 * change of the fact. Drools logs it through SLF4J while it builds the rule base; slf4j-simple (test scope) writes
 * warnings to standard error, read here.
 */
class RuleReactivityTest {
    @Test
    void theSharedCalibrationCheckCompilesWithoutClassReactivity() throws Exception {
        List<String> warnings = warningsCompiling(RuleSet.of("shared-calibration", Path.of("shared/rules/calibration.verification.drl")));
        assertEquals(List.of(), warnings.stream().filter(l -> l.contains("class reactivity")).toList());
    }

    @Test
    void powerGenerationsCalibrationJoinsCompileWithoutClassReactivity() throws Exception {
        List<String> warnings = warningsCompiling(RuleSet.of("power-generation-2022-verification",
                Path.of("power-generation-2022/power-generation-2022.verification.drl")));
        // the settlement and cross-check rules compare valueIn("%") with a limit fact ($l): a case of its own, not yet changed
        assertEquals(List.of(), warnings.stream().filter(l -> l.contains("class reactivity") && !l.contains("$l is not relevant")).toList());
    }

    /** The lines Drools writes to standard error while {@code rules} compile. */
    private static List<String> warningsCompiling(RuleSet rules) throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            new RuleCompiler().compile(rules);
        } finally {
            System.setErr(err);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        err.print(text);
        return text.lines().toList();
    }
}
