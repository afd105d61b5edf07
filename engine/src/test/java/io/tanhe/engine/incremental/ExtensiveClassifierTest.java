package io.tanhe.engine.incremental;

import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.compile.Compiler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExtensiveClassifierTest {
    static final String SOURCE = """
            methodology demo.extensive
              version 1
              title "t"
              source "s"
              industry "i"
            set boiler { b1, b2 }
            factor ef : tCO2/t
            input burned[boiler] : t counter
            input lab_ncv : GJ/t period
            emission e[b in boiler] : tCO2 class combustion = burned[b] * ef
            value heat[b in boiler] : GJ = burned[b] * lab_ncv
            value intensity : tCO2/GJ = sum(e) / sum(heat)
            value largest : tCO2 = max(b in boiler: e[b])
            value positive : tCO2 = abs(e[b1] - e[b2])
            value chosen : tCO2 = if burned[b1] > 0 [t] then e[b1] else e[b2]
            total E : tCO2 = sum(e)
            total reported : tCO2 = round(E, 0)
            value twice_reported : tCO2 = reported * 2
            """;

    static InstanceGraph instances;
    static boolean[] extensive;

    @BeforeAll
    static void classify() {
        Compilation c = Compiler.compileText("extensive.tanhe", SOURCE);
        assertTrue(c.ok(), c.diagnostics().toString());
        Map<String, List<String>> members = new HashMap<>();
        c.graph().orElseThrow().sets().forEach(s -> members.put(s.name(), new ArrayList<>(s.members())));
        instances = InstanceGraph.expand(c.graph().orElseThrow(), members, Execution.GENERATED);
        extensive = ExtensiveClassifier.classify(instances);
    }

    static boolean extensive(String node, String key) {
        int id = instances.id(node, key);
        assertTrue(id >= 0, node + "[" + key + "]");
        return extensive[id];
    }

    @Test
    void amountsAndFormulasLinearInAmountsAreSums() {
        assertTrue(extensive("burned", "b1"));
        assertTrue(extensive("e", "b1"));
        assertTrue(extensive("heat", "b2"), "an amount times a monthly content is still an amount per bucket");
        assertTrue(extensive("E", ""));
    }

    @Test
    void factorsContentsAndRatiosAreRecomputed() {
        assertFalse(extensive("ef", ""));
        assertFalse(extensive("lab_ncv", ""));
        assertFalse(extensive("intensity", ""));
    }

    @Test
    void figuresThatRoundChooseOrTakeExtremesAreRecomputedEvenInAmountUnits() {
        assertFalse(extensive("largest", ""));
        assertFalse(extensive("positive", ""));
        assertFalse(extensive("chosen", ""));
        assertFalse(extensive("reported", ""));
        assertFalse(extensive("twice_reported", ""), "it reads a recomputed amount, so it is recomputed too");
    }

    @Test
    void aLiftedSumIsASumOnlyOfSumsAndLiftedExtremaNeverAre() {
        int sums = 0;
        for (int id = 0; id < instances.size(); id++) {
            Instance in = instances.instance(id);
            if (in.synthetic() && in.kind() == Instance.Kind.SUM) {
                sums++;
                assertTrue(extensive[id], in.label());
            } else if (in.synthetic()) {
                assertFalse(extensive[id], in.label() + " " + in.kind());
            }
        }
        assertEquals(3, sums, "sum(e) in intensity and in E, sum(heat) in intensity");
    }
}
