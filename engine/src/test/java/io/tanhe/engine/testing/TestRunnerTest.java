package io.tanhe.engine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.compile.Compiler;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * In-file tests and the evaluation behind them: tolerances, sparse keys, half-up rounding, and
 * problems (a missing factor, a division by zero) that fail a test instead of becoming numbers.
 */
class TestRunnerTest {
    private static final String HEADER = """
            methodology runner.checks
              version 1
              title "t"
              source "s"
              effective from 2024-01-01
              industry "i"
            input coal : t counter
            emission e : tCO2 class combustion = coal * 2.5 [tCO2/t]
            total E : tCO2 = e
            """;

    private static List<TestOutcome> run(String body) {
        Compilation c = Compiler.compileText("r.tanhe", HEADER + body);
        assertTrue(c.ok(), c.diagnostics().toString());
        return new TestRunner(c).runAll();
    }

    private static TestOutcome one(String body) {
        return run(body).get(0);
    }

    private static String expectE(String expectation) {
        return "test \"t\" {\n  input coal = 100 t\n  expect E = " + expectation + "\n}\n";
    }

    @Test
    void anAbsoluteToleranceIsAFixedAmountInTheExpectationsUnit() {
        assertTrue(one(expectE("250.04 tCO2 ± 0.05")).passed());
        assertTrue(one(expectE("249.96 tCO2 within 0.05")).passed());
        assertTrue(one(expectE("250100 kgCO2 ± 100")).passed(), "the tolerance is in kgCO2 here");
        TestOutcome failed = one(expectE("250.1 tCO2 ± 0.05"));
        assertEquals(List.of("r.tanhe:12:3: expected E = 250.1 tCO2 ± 0.05, got 250 (off by -0.100)"), failed.failures());
    }

    @Test
    void aNumberWithAnExponentInATestUnitMeansWhatTheCompilerSaysNotACrash() {
        // 1E+3 t is 1000 t: the compiler accepts it, so the runner must read it the same way
        // (re-parsing the printed unit text threw UnitParseException; found by CompilerFuzzTest).
        TestOutcome outcome = one("test \"t\" {\n  input coal = 0.1 1E+3 t\n  expect E = 0.25 1E+3 tCO2\n}\n");
        assertTrue(outcome.passed(), outcome.failures().toString());
    }

    @Test
    void aRelativeToleranceIsAPercentageOfTheExpectedValue() {
        assertTrue(one(expectE("251 tCO2 ± 0.5%")).passed(), "1 of 251 is 0.398 %");
        assertEquals(false, one(expectE("252 tCO2 ± 0.5%")).passed(), "2 of 252 is 0.794 %");
    }

    @Test
    void withoutAToleranceTheValueMustMatchToOnePartInABillion() {
        assertTrue(one(expectE("250 tCO2")).passed());
        assertEquals(false, one(expectE("250.000001 tCO2")).passed());
    }

    @Test
    void aFactorOverrideReplacesTheDefaultForTheTest() {
        String body = """
                factor ef : tCO2/MWh { value 0.5 source "s" confidence A }
                input power : MWh counter
                emission elec : tCO2 class purchased_electricity = power * ef
                total P : tCO2 = elec
                test "default" {
                  input coal = 0 t
                  input power = 10 MWh
                  expect elec = 5 tCO2
                }
                test "override in other units" {
                  input coal = 0 t
                  input power = 10000 kWh
                  factor ef = 0.6 kgCO2/kWh
                  expect elec = 6 tCO2
                }
                """;
        List<TestOutcome> outcomes = run(body);
        assertEquals(List.of(true, true), outcomes.stream().map(TestOutcome::passed).toList(), outcomes.toString());
    }

    @Test
    void aKeyWithoutInputHasNoValueAndSumsSkipIt() {
        String body = """
                set fuel { coal_a, gas_b }
                input burned[fuel] : t counter
                emission by_fuel[f in fuel] : tCO2 class combustion = burned[f] * 2 [tCO2/t]
                total F : tCO2 = sum(by_fuel)
                test "only one fuel burned" {
                  input coal = 0 t
                  input burned[coal_a] = 10 t
                  expect F = 20 tCO2
                  expect by_fuel[gas_b] = 0 tCO2
                }
                """;
        TestOutcome t = one(body);
        assertEquals(1, t.failures().size(), t.failures().toString());
        assertTrue(t.failures().get(0).contains("expected by_fuel[gas_b] = 0 but it has no value"), t.failures().get(0));
    }

    @Test
    void roundingIsHalfUpOnTheDecimalValue() {
        String body = """
                input x : t period
                value r : t = round(x, 2)
                emission er : tCO2 class process = r * 1 [tCO2/t]
                total R : tCO2 = er
                test "2.675 rounds to 2.68" {
                  input coal = 0 t
                  input x = 2.675 t
                  expect r = 2.68 t
                }
                test "-2.675 rounds to -2.68" {
                  input coal = 0 t
                  input x = -2.675 t
                  expect r = -2.68 t
                }
                """;
        List<TestOutcome> outcomes = run(body);
        assertEquals(List.of(true, true), outcomes.stream().map(TestOutcome::passed).toList(), outcomes.toString());
    }

    @Test
    void aMissingFactorIsAProblemNeverAZero() {
        TestOutcome t = one("""
                factor ef : tCO2/t
                input gas : t counter
                emission eg : tCO2 class combustion = gas * ef
                total G : tCO2 = eg
                test "no ef" {
                  input coal = 1 t
                  input gas = 1 t
                  expect G = 0 tCO2 ± 1000
                }
                """);
        assertEquals(false, t.passed());
        assertTrue(t.failures().stream().anyMatch(f -> f.contains("E600") && f.contains("ef")), t.failures().toString());
    }

    @Test
    void aDivisionByZeroIsAProblemNotAnInfinity() {
        TestOutcome t = one("""
                input product : t period
                value intensity : tCO2/t = E / product
                test "no production" {
                  input coal = 4 t
                  input product = 0 t
                  expect E = 10 tCO2
                  expect intensity = 0 tCO2/t
                }
                """);
        assertEquals(false, t.passed());
        assertEquals(1, t.failures().size(), t.failures().toString());
        assertTrue(t.failures().get(0).contains("intensity") && t.failures().get(0).contains("E603"), t.failures().get(0));
    }

    @Test
    void aTestValueThatOverflowsItsUnitFailsTheTest() {
        TestOutcome t = one("""
                factor ef : tCO2/kWh
                input power : kWh counter
                emission elec : tCO2 class purchased_electricity = power * ef
                total P : tCO2 = elec
                test "overflow" {
                  input coal = 1 t
                  input power = 1 kWh
                  factor ef = 1e306 tCO2/Wh
                  expect P = 1 tCO2
                }
                """);
        assertEquals(false, t.passed());
        assertTrue(t.failures().stream().anyMatch(f -> f.contains("E603 test value 1e306 tCO2/Wh is not a finite number")),
                t.failures().toString());
    }
}
