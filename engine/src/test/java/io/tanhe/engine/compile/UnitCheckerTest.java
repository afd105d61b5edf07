package io.tanhe.engine.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tanhe.engine.graph.Term;
import io.tanhe.engine.units.Unit;
import io.tanhe.grammar.diagnostics.Diagnostic;
import io.tanhe.grammar.diagnostics.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Units of formulas: automatic scale conversion, never a substance swap, rates integrate, formulas inline. */
class UnitCheckerTest {

    private static TypedProgram typed(String body) {
        Compilation c = Sources.compile(body);
        assertEquals(List.of(), c.diagnostics().stream().filter(Diagnostic::isError).toList());
        return c.typed();
    }

    private static List<Diagnostic> errors(String body) {
        return Sources.compile(body).diagnostics().stream().filter(Diagnostic::isError).toList();
    }

    @Test
    void kilowattHoursConvertToMegawattHoursInAComputedValue() {
        Term t = typed("input power : kWh counter\nvalue e : MWh = power\n").terms().get("e");
        Term.Scale scale = assertInstanceOf(Term.Scale.class, t);
        assertEquals(0.001, scale.factor(), 1e-15);
        assertEquals(Unit.parse("MWh"), scale.unit());
    }

    @Test
    void percentConvertsToAPlainNumber() {
        Term t = typed("factor ox : %\ninput x : t period\nvalue v : t = x * ox\n").terms().get("v");
        assertEquals(0.01, assertInstanceOf(Term.Scale.class, t).factor(), 1e-15);
    }

    @Test
    void operandsOfASumAreBroughtToTheUnitOfTheFirst() {
        Term t = typed("input a : t period\ninput b : kg period\nvalue v : t = a + b\n").terms().get("v");
        Term.Arith add = assertInstanceOf(Term.Arith.class, t);
        assertEquals(0.001, assertInstanceOf(Term.Scale.class, add.right()).factor(), 1e-15);
    }

    @Test
    void carbonIsNeverSilentlyCarbonDioxide() {
        Diagnostic d = errors("input c : tC period\nvalue v : tCO2 = c\n").get(0);
        assertEquals(ErrorCode.E403, d.code());
        assertTrue(d.message().contains("tCO2") && d.message().contains("tC"), d.message());
        assertEquals("multiply by 44/12 [tCO2/tC] (molar masses of CO2 and C)", d.hint());
    }

    @Test
    void carbonBecomesCarbonDioxideThroughTheMolarRatio() {
        typed("input c : tC period\nvalue v : tCO2 = c * 44/12 [tCO2/tC]\n");
    }

    @Test
    void aGasIsNotCarbonDioxideEquivalentWithoutAGwp() {
        assertEquals(ErrorCode.E403, errors("input m : tCH4 period\nvalue v : tCO2e = m\n").get(0).code());
        typed("input m : tCH4 period\nfactor gwp : tCO2e/tCH4 basis AR5\nvalue v : tCO2e = m * gwp\n");
    }

    @Test
    void aUnitMismatchNamesBothUnits() {
        Diagnostic d = errors("input m : t period\nvalue v : GJ = m\n").get(0);
        assertEquals(ErrorCode.E401, d.code());
        assertEquals("value `v` is declared in GJ but its formula gives t", d.message());
        assertEquals("t is mass; GJ is energy", d.hint());
    }

    @Test
    void aRateInputIsHeldAsItsIntegralOverThePeriod() {
        TypedProgram p = typed("input p : kW rate\nvalue e : MWh = p\n");
        assertTrue(p.units().get("p").isCompatible(Unit.parse("kWh")), p.units().get("p").text());
        assertEquals(0.001, assertInstanceOf(Term.Scale.class, p.terms().get("e")).factor(), 1e-15);
        assertEquals(ErrorCode.E401, errors("input p : kW rate\nvalue e : kW = p\n").get(0).code());
    }

    @Test
    void aFormulaWithoutParameterUnitsTakesTheUnitsOfEachCall() {
        TypedProgram p = typed("""
                formula product(a, b) = a * b
                input coal : t period
                input power : MWh period
                factor ncv : GJ/t
                factor ef : tCO2/MWh
                value heat : GJ = product(coal, ncv)
                value co2 : tCO2 = product(power, ef)
                """);
        assertEquals(Unit.parse("GJ"), p.terms().get("heat").unit());
        assertEquals(Unit.parse("tCO2"), p.terms().get("co2").unit());
    }

    @Test
    void aFormulaParameterWithAUnitConvertsOrRejectsItsArgument() {
        typed("formula f(x : MWh) : MWh = x\ninput p : kWh period\nvalue v : MWh = f(p)\n");
        Diagnostic d = errors("formula f(x : MWh) : MWh = x\ninput p : t period\nvalue v : MWh = f(p)\n").get(0);
        assertEquals(ErrorCode.E401, d.code());
        assertEquals("argument `x` of `f` must be in MWh but is t", d.message());
    }

    @Test
    void aConstantNumberTakesTheUnitItsDeclarationStates() {
        Term t = typed("const k : tCO2/tC = 44/12\n").terms().get("k");
        assertEquals(Unit.parse("tCO2/tC"), t.unit());
    }

    @Test
    void aValueThatIsNotAConstantDoesNotGetItsUnitFromTheDeclaration() {
        assertEquals(ErrorCode.E401, errors("value k : tCO2/tC = 44/12\n").get(0).code());
    }

    @Test
    void theBranchesOfAConditionalMustAgree() {
        assertEquals(ErrorCode.E402, errors("input a : t period\ninput b : GJ period\nvalue v : t = if a > 0 [t] then a else b\n")
                .get(0).code());
    }

    @Test
    void theMeanOfARateHasItsDeclaredUnitAndItsCoveredTimeIsInHours() {
        TypedProgram p = typed("input c : mgCO2/Nm3 rate\ninput q : m3/s rate\n"
                + "value conc : kgCO2/Nm3 = mean(c)\nvalue flow : m3/h = mean(q)\nvalue time : min = covered(q)\n");
        Term.Scale conc = assertInstanceOf(Term.Scale.class, p.terms().get("conc"));
        assertEquals(1e-6, conc.factor(), 1e-18);
        assertInstanceOf(Term.Arith.class, conc.inner());
        assertEquals(3600, assertInstanceOf(Term.Scale.class, p.terms().get("flow")).factor(), 1e-9);
        Term.Scale time = assertInstanceOf(Term.Scale.class, p.terms().get("time"));
        assertInstanceOf(Term.Covered.class, time.inner());
        assertEquals(60, time.factor(), 1e-12);
    }

    @Test
    void theMeanIsNotAnAmount() {
        Diagnostic d = errors("input q : m3/h rate\nvalue v : m3 = mean(q)\n").get(0);
        assertEquals(ErrorCode.E401, d.code());
    }

    @Test
    void meanAndCoveredTakeOnlyRateInputs() {
        Diagnostic counter = errors("input m : t counter\nvalue v : t = mean(m)\n").get(0);
        assertEquals(ErrorCode.E407, counter.code());
        assertTrue(counter.message().contains("`m` is not one"), counter.message());
        assertEquals(ErrorCode.E407, errors("factor f : t\nvalue v : h = covered(f)\n").get(0).code());
        Diagnostic expression = errors("input q : m3/h rate\nvalue v : m3/h = mean(q * 2)\n").get(0);
        assertEquals(ErrorCode.E407, expression.code());
    }

    @Test
    void aTestMayGiveARateInputAsItsRate() {
        assertEquals(List.of(), errors("input q : m3/h rate\nvalue v : m3/h = mean(q)\n"
                + "test \"t\" {\n  input q = 300 m3/s\n  expect v = 1080000 m3/h\n}\n"));
        assertEquals(ErrorCode.E602, errors("input q : m3/h rate\nvalue v : m3/h = mean(q)\n"
                + "test \"t\" {\n  input q = 300 kg\n  expect v = 1 m3/h\n}\n").get(0).code());
    }
}
