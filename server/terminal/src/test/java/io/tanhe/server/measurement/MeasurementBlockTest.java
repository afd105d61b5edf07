package io.tanhe.server.measurement;

import io.tanhe.grammar.config.InvalidConfigException;
import io.tanhe.server.site.Measurement;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The site file's {@code measurement:} block: what it gives, and every mistake named with its place. */
class MeasurementBlockTest {
    @TempDir
    Path dir;

    private Site parse(String text) {
        return new SiteLoader(Clock.systemUTC()).parse(text, "site.yaml", dir);
    }

    @Test
    void aSiteBindsTheStackToTheMeasurementMethodAndComparesItWithTheCoal() {
        Site site = CemsPlant.site(dir);
        Measurement m = site.measurement().orElseThrow();
        assertEquals("cn.cems-co2", m.methodology().id());
        assertEquals(6, m.bindings().size());
        assertEquals(new Measurement.Comparison("co2_measured", "stack1", "coal_combustion", "unit1", 0.05), m.comparisons().getFirst());
        Site view = site.measurementView().orElseThrow();
        assertEquals("cn.cems-co2", view.graph().info().id());
        assertEquals("co2_volume[stack1]", view.binding("stack1.co2").orElseThrow().target());
        assertTrue(site.binding("stack1.co2").isEmpty(), "the accounting side does not see the stack");
    }

    @Test
    void mistakesInTheBlockAreNamedWithTheirFieldPaths() {
        String text = CemsPlant.SITE
                .replace("- {point: stack1.moisture, input: flue_moisture, key: stack1}",
                        "- {point: unit1.coal.total, input: flue_moisture, key: stack1}")
                .replace("{measured: \"co2_measured[stack1]\", accounting: \"coal_combustion[unit1]\", bound: 5}",
                        "{measured: \"co2_mesured[stack1]\", accounting: \"coal_combustion[unit1]\", bound: 0}");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> parse(text));
        String all = e.getMessage();
        assertTrue(all.contains("measurement.points[5].point: point `unit1.coal.total` reads `t`, which does not convert to `%·h/h` (the rate of flue_moisture)"), all);
        assertTrue(all.contains("measurement.compare[0].bound: must be a percentage above 0 and below 100, not 0"), all);
    }

    @Test
    void aMeasuredNodeMustBeAnEmissionWithAKeyThatFits() {
        String text = CemsPlant.SITE.replace("{measured: \"co2_measured[stack1]\", accounting: \"coal_combustion[unit1]\", bound: 5}",
                "{measured: \"co2_mesured[stack1]\", accounting: \"coal_combustion\", bound: 5}");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> parse(text));
        String all = e.getMessage();
        assertTrue(all.contains("measurement.compare[0].measured: no node `co2_mesured` in cn.cems-co2") && all.contains("co2_measured"), all);
        assertTrue(all.contains("measurement.compare[0].accounting: `coal_combustion` is indexed by gen_unit"), all);
    }
}
