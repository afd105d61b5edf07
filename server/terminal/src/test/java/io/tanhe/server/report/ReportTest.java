package io.tanhe.server.report;

import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Quality;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteFiles;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.jdbc.StoreSettings;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.terminal.DemoRuns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reports from a store the demo terminal filled for 70 simulated minutes (08:00–09:10 local). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ReportTest {
    @TempDir
    static Path dir;

    private Site site;
    private JdbcStore store;

    @BeforeAll
    void fill() throws Exception {
        DemoRuns.run(dir.resolve("site"), dir.resolve("data"), DemoRuns.START, Duration.ofMinutes(70));
        site = SiteFiles.load(dir.resolve("site/demo-site/site.yaml"));
        store = JdbcStore.open(StoreSettings.at(dir.resolve("data")));
    }

    @AfterAll
    void close() {
        store.close();
        site.close();
    }

    private Report report(Grain grain, Instant from, Instant to) {
        return Report.build(site.identity().siteId(), site.methodology(), site.graph(), store.results(), site.zone(), ReportGrain.of(grain),
                TimeRange.of(from, to));
    }

    @Test
    void anHourlyReportListsEverySourceByClassThenTheTotals() {
        Report r = report(Grain.HOUR, DemoRuns.START, DemoRuns.START.plus(Duration.ofHours(2)));
        assertEquals(2, r.buckets().size());
        List<ReportLine> eight = r.buckets().get(DemoRuns.START);
        assertEquals(List.of("coal_combustion[unit1]", "gas_combustion[gt1,natural_gas]", "purchased_power", "combustion", "E"),
                eight.stream().map(ReportLine::label).toList());
        assertEquals("combustion", eight.get(0).emissionClass().keyword());
        assertEquals("purchased_electricity", eight.get(2).emissionClass().keyword());
        assertTrue(eight.get(4).total());
        double sources = eight.stream().filter(l -> !l.total()).mapToDouble(l -> l.row().value()).sum();
        assertEquals(eight.get(4).row().value(), sources, 1e-6, "E is the sum of its sources");
        assertEquals(Quality.MEASURED, eight.get(1).row().quality());
        assertEquals(Quality.MANUAL, eight.get(4).row().quality(), "the total is as weak as the lab's manual C_ar");
    }

    @Test
    void aMonthIsTheSumOfItsDaysWithTimeWeightedCompleteness() {
        Report month = report(Grain.MONTH, DemoRuns.START.minus(Duration.ofHours(8)), DemoRuns.START.plus(Duration.ofDays(1)));
        Report day = report(Grain.DAY, DemoRuns.START.minus(Duration.ofHours(8)), DemoRuns.START.plus(Duration.ofHours(16)));
        ReportLine m = month.buckets().values().iterator().next().stream().filter(l -> l.label().equals("E")).findFirst().orElseThrow();
        ReportLine d = day.buckets().values().iterator().next().stream().filter(l -> l.label().equals("E")).findFirst().orElseThrow();
        assertEquals(d.row().value(), m.row().value(), 1e-9);
        assertEquals(d.row().completeness() / 30, m.row().completeness(), 1e-9, "one of June's 30 days has data");
        assertEquals(1, m.row().parts());
    }

    @Test
    void aMonthsLabValueAndIntensityAreStoredAsRatiosNotSumsOfDays() {
        ResultQuery q = new ResultQuery(site.graph(), store.results(), site.zone());
        TimeRange june = TimeRange.of(DemoRuns.START.minus(Duration.ofHours(8)), DemoRuns.START.plus(Duration.ofDays(1)));
        ResultRow carbonDay = q.results("coal_carbon", "", Grain.DAY, june).getFirst();
        ResultRow carbonMonth = q.results("coal_carbon", "", Grain.MONTH, june).getFirst();
        assertEquals(carbonDay.value(), carbonMonth.value(), 1e-12, "the month's lab value, not a sum of its days'");
        ResultRow e = q.results("E", "", Grain.MONTH, june).getFirst();
        ResultRow supplied = q.results("power_supplied", "", Grain.MONTH, june).getFirst();
        ResultRow intensity = q.results("intensity_supplied", "", Grain.MONTH, june).getFirst();
        Ratio ratio = Ratio.of(site.graph().node("intensity_supplied").orElseThrow(), site.graph()).orElseThrow();
        assertEquals(ratio.scale() * e.value() / supplied.value(), intensity.value(), 1e-12);
        assertTrue(intensity.value() > 0 && intensity.value() < 2, "tCO2/MWh of a coal plant: " + intensity.value());
    }

    @Test
    void tableCsvAndJsonSayTheSame() {
        Report r = report(Grain.HOUR, DemoRuns.START, DemoRuns.START.plus(Duration.ofHours(1)));
        String table = ReportFormat.TABLE.render(r);
        assertTrue(table.startsWith("site demo-plant  methodology cn.power-generation 2022.1"), table);
        assertTrue(table.contains("2026-06-01 08:00  combustion"), table);
        assertTrue(table.contains("purchased_electricity  indirect  purchased_power"), table);
        String csv = ReportFormat.CSV.render(r);
        assertTrue(csv.startsWith("bucket_start,bucket_end,class,scope,source,value,unit,quality,completeness\n"), csv);
        assertTrue(csv.contains("\"gas_combustion[gt1,natural_gas]\""), csv);
        assertEquals(10, csv.lines().count(), "a header, 5 source and total lines, 2 production and 2 intensity lines");
        String json = ReportFormat.JSON.render(r);
        assertTrue(json.contains("\"schema\" : \"tanhe.report/1\""), json);
        assertTrue(json.contains("\"class\" : \"purchased_electricity\""), json);
        String empty = ReportFormat.TABLE.render(report(Grain.HOUR, DemoRuns.START.plus(Duration.ofDays(3)),
                DemoRuns.START.plus(Duration.ofDays(4))));
        assertTrue(empty.contains("no results in this range"), empty);
    }
}
