package io.tanhe.server.console;

import io.tanhe.engine.rules.alert.Severity;
import io.tanhe.engine.rules.fact.CalibrationFact;
import io.tanhe.engine.rules.threshold.Operator;
import io.tanhe.engine.rules.threshold.Threshold;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The rules' English sentences, as the rules build them, read in Chinese; what is not known stays as raised. */
class AlertTextsTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Test
    void aDataGapIsRewrittenWithItsLocalStart() {
        // generic.drl: $g.subject() + ": " + $g.reason() + " since " + $g.from() + "; check the meter and its line"
        String raised = "unit1.coal.total[unit1]: no good data for 10 s or more since 2026-06-01T00:00:10Z; check the meter and its line";
        assertEquals("unit1.coal.total[unit1]：自 2026-06-01 08:00:10 起 10 秒以上无有效数据；请检查仪表及其线路",
                AlertTexts.message(Lang.ZH, "data-gap", raised, ZONE));
        assertEquals(raised, AlertTexts.message(Lang.EN, "data-gap", raised, ZONE), "English stays as raised");
        assertEquals("数据中断", AlertTexts.rule(Lang.ZH, "data-gap"));
    }

    @Test
    void aSwitchToTheBackupMeterNamesBothMeters() {
        String raised = "grid.import.total switched from grid-meter-a to backup grid-meter-b: no good reading from grid-meter-a for 12s;"
                + " check grid-meter-a";
        assertEquals("grid.import.total 已从 grid-meter-a 切换到备用表 grid-meter-b（grid-meter-a 12 秒无有效读数）；请检查 grid-meter-a",
                AlertTexts.message(Lang.ZH, "source-switch", raised, ZONE));
    }

    @Test
    void anOverdueCalibrationFromTheFactsOwnSentence() {
        String raised = new CalibrationFact("gas-meter-gt1", "燃机天然气流量计", LocalDate.parse("2026-04-20"), true,
                LocalDate.parse("2026-06-01"), List.of("gt1.gas.total", "gt1.gas.flow")).message();
        assertEquals("燃机天然气流量计（gas-meter-gt1）已超过校准期限（应于 2026-04-20 校准）；其测点 gt1.gas.total, gt1.gas.flow"
                + " 的读数需复核：请校准仪表并在站点文件中更新 last_calibration", AlertTexts.message(Lang.ZH, "calibration-overdue", raised, ZONE));
    }

    @Test
    void aThresholdsDefaultSentenceIsTranslatedItsOwnMessageIsNot() {
        Threshold t = Threshold.of("hourly-emission-high", "E", Operator.GT, 950, Severity.MAJOR);
        String raised = t.messageFor("E", 1012.5, "tCO2");
        assertEquals("超限（hourly-emission-high）", AlertTexts.rule(Lang.ZH, t.alertName()));
        String zh = AlertTexts.message(Lang.ZH, t.alertName(), raised, ZONE);
        assertEquals(true, zh.startsWith("E = 1012.5") && zh.contains("超出限值（> 950"), raised + " → " + zh);
        String own = "gt1.gas.flow at 46,100 Nm3/h for a minute (limit 46,000 Nm3/h)";
        assertEquals(own, AlertTexts.message(Lang.ZH, "threshold/gt1-gas-flow-high", own, ZONE), "the site's own words are kept");
    }

    @Test
    void anUnknownRuleKeepsItsWords() {
        assertEquals("something odd", AlertTexts.message(Lang.ZH, "site/custom", "something odd", ZONE));
        assertEquals("site/custom", AlertTexts.rule(Lang.ZH, "site/custom"));
    }
}
