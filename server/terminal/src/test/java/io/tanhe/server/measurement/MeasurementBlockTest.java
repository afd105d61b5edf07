package io.tanhe.server.measurement;

import io.tanhe.grammar.config.InvalidConfigException;
import io.tanhe.engine.cems.SubstitutionRules;
import io.tanhe.engine.cems.ValidityRules;
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

    private static final String COMPARE = "{measured: \"co2_measured[stack1]\", accounting: \"coal_combustion[unit1]\", bound: 5}";

    @Test
    void withoutRulesTheSiteTakesTheStandardsValidityAndHj75Substitution() {
        Measurement m = CemsPlant.site(dir).measurement().orElseThrow();
        assertEquals(ValidityRules.standard(), m.validity());
        assertEquals(SubstitutionRules.hj75(), m.substitution());
        assertTrue(Double.isNaN(m.qaLimits().raLimit()), "no RA limit unless the site gives one");
    }

    @Test
    void theSiteFileSetsValiditySubstitutionAndQaLimits() {
        String text = CemsPlant.SITE.replace("    - " + COMPARE, "    - " + COMPARE + "\n  validity: {minute_samples: 10, sample_interval: 5s, hour_minutes: 50, day_hours: 18, month_days: 27, february_days: 24}" + "\n  substitution:" + "\n    - {capture_rate: 95, max_run: 12h, lookback_hours: 100, source: \"T/CAEPI 48 (as the site read it)\"}" + "\n    - {capture_rate: 0, lookback_hours: 300}" + "\n  qa: {ra_limit: 10, drift_limit: 2.5}");
        Measurement m = parse(text).measurement().orElseThrow();
        assertEquals(new ValidityRules(50 / 60.0, 50, 18, 27, 24), m.validity(), "10 samples 5 s apart cover 50 s of the minute");
        assertEquals(2, m.substitution().bands().size());
        SubstitutionRules.Band first = m.substitution().band(0.96, 12).orElseThrow();
        assertEquals(100, first.lookbackHours());
        assertEquals("T/CAEPI 48 (as the site read it)", first.clause());
        SubstitutionRules.Band any = m.substitution().band(0.5, 13).orElseThrow();
        assertEquals(300, any.lookbackHours());
        assertTrue(any.clause().contains("measurement.substitution[1]"), any.clause());
        assertEquals(new Measurement.QaLimits(10, 2.5), m.qaLimits());
    }

    @Test
    void wrongRulesAreNamedWithTheirFieldPaths() {
        String text = CemsPlant.SITE.replace("    - " + COMPARE, "    - " + COMPARE + "\n  validity: {minute_share: 75, minute_samples: 12, hour_minutes: 61, day_hours: 0}" + "\n  substitution:" + "\n    - {max_run: 24h, lookback_hours: 180}" + "\n    - {capture_rate: 120, lookback_hours: 0}" + "\n  qa: {ra_limit: -3, drift_limt: 2}");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> parse(text));
        String all = e.getMessage();
        assertTrue(all.contains("measurement.validity.minute_samples: give either `minute_share` (%) or `minute_samples`"), all);
        assertTrue(all.contains("measurement.validity.hour_minutes"), all);
        assertTrue(all.contains("measurement.validity.day_hours"), all);
        assertTrue(all.contains("measurement.substitution[0].capture_rate: is required"), all);
        assertTrue(all.contains("measurement.substitution[1].capture_rate: must be a percentage from 0 and at most 100, not 120"), all);
        assertTrue(all.contains("measurement.substitution[1].lookback_hours"), all);
        assertTrue(all.contains("measurement.qa.ra_limit: must be a percentage above 0 and at most 100, not -3"), all);
        assertTrue(all.contains("measurement.qa.drift_limt") && all.contains("drift_limit"), all);
    }
}
