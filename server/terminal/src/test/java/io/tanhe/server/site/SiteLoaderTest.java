package io.tanhe.server.site;

import io.tanhe.grammar.ast.Decl;
import io.tanhe.grammar.config.ConfigProblem;
import io.tanhe.grammar.config.InvalidConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SiteLoaderTest {
    @TempDir
    Path dir;

    @Test
    void theBundledDemoSiteLoadsWithEveryPartValidated() {
        try (Site site = SiteFiles.load(SiteFiles.demo(dir, UnaryOperator.identity()))) {
            assertEquals("demo-plant", site.identity().siteId());
            assertEquals("cn.power-generation", site.methodology().id());
            assertEquals("2022.1", site.methodology().version());
            assertEquals(64, site.methodology().contentHash().length());
            assertEquals(6, site.bindings().size());
            assertEquals("gt1,natural_gas", site.binding("gt1.gas.total").orElseThrow().key());
            assertEquals(Decl.InputKind.PERIOD, site.binding("unit1.coal.c_ar").orElseThrow().kind());
            assertTrue(site.factors().lookup("ef_grid_ets", "", java.time.LocalDate.of(2026, 6, 1)).isPresent(),
                    "the site table supplies the grid factor for 2026");
            assertTrue(site.thresholds().stream().anyMatch(t -> t.id().equals("gt1-gas-flow-high")));
            assertTrue(site.thresholds().stream().anyMatch(t -> t.id().equals("coal-burned-hourly-implausible")),
                    "the methodology's shipped thresholds are included");
            assertEquals(7, site.drivers().sources().size()); // with the stack CEMS's data logger
        }
    }

    @Test
    void theDemoSitesMeterRegistryAndQualityPlanAreRead() {
        try (Site site = SiteFiles.load(SiteFiles.demo(dir, UnaryOperator.identity()))) {
            ReportingDetails r = site.reporting();
            assertEquals(5, r.meters().size());
            Meter scale = r.meters().get(0);
            assertEquals("入炉煤电子皮带秤", scale.name());
            assertEquals(java.util.Optional.of(java.time.LocalDate.of(2026, 9, 10)), scale.calibrationDue());
            assertTrue(!scale.calibrationOverdue(java.time.LocalDate.of(2026, 9, 10)), "due that day, not yet overdue");
            assertTrue(scale.calibrationOverdue(java.time.LocalDate.of(2026, 9, 11)));
            assertEquals("gas-meter-gt1", r.meterOf("gt1.gas.flow").orElseThrow().id());
            assertEquals(List.of("gas-meter-gt1"), r.overdue(java.time.LocalDate.of(2026, 6, 1)).stream().map(Meter::id).toList());
            assertTrue(!r.meters().get(4).calibrationOverdue(java.time.LocalDate.of(2030, 1, 1)), "a lab has no calibration interval");
            assertTrue(r.plan().responsible().contains("李四"));
            assertTrue(r.boundary().startsWith("1 号燃煤机组"));
        }
    }

    @Test
    void aMeterWithAnUnknownPointABadDateAndAnUnknownFieldIsRefusedAtEachPath() {
        List<ConfigProblem> problems = problems(t -> t.replace("points: [unit1.coal.total]", "points: [unit1.coal.totl]")
                .replace("last_calibration: 2026-03-10", "last_calibration: 2026-13-10\n    calibrated: yes"));
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("meters[0].points")
                && p.text().contains("no point `unit1.coal.totl`") && p.text().contains("did you mean `unit1.coal.total`?")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("meters[0].last_calibration")
                && p.message().contains("is not a date; write YYYY-MM-DD")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("meters[0].calibrated")), problems.toString());
    }

    @Test
    void theAccuracyACalibrationMeasuredIsReadBesideItsDate() {
        try (Site site = SiteFiles.load(SiteFiles.demo(dir, t -> t.replace("    last_calibration: 2026-03-10\n",
                "    last_calibration: 2026-03-10\n    calibration_accuracy: \"±0.8 %\"\n")))) {
            assertEquals("±0.8 %", site.reporting().meters().get(0).calibrationAccuracy());
            assertEquals("", site.reporting().meters().get(1).calibrationAccuracy(), "not recorded for the gas meter");
        }
    }

    @Test
    void aCalibrationAccuracyThatStatesNoPercentOrHasNoCalibrationIsRefused() {
        List<ConfigProblem> problems = problems(t -> t.replace("    last_calibration: 2026-03-10\n",
                        "    last_calibration: 2026-03-10\n    calibration_accuracy: good\n")
                .replace("    points: [unit1.coal.c_ar]", "    calibration_accuracy: \"±0.1 %\"\n    points: [unit1.coal.c_ar]"));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("meters[0].calibration_accuracy")
                && p.message().contains("states no accuracy")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("meters[4].calibration_accuracy")
                && p.message().contains("has no last_calibration")), problems.toString());
    }

    @Test
    void aMeterNeedsAnIdANameAndThePointsItFeeds() {
        List<ConfigProblem> problems = problems(t -> t + "\n  - {model: X}\n");
        assertEquals(3, problems.size(), problems.toString());
        assertEquals(List.of("meters[5].id", "meters[5].name", "meters[5].points"), problems.stream().map(ConfigProblem::path).sorted().toList());
    }

    @Test
    void aMisspeltInputIsNamedByItsPathWithASuggestion() {
        List<ConfigProblem> problems = problems(t -> t.replace("input: coal_burned", "input: coal_burnd"));
        assertEquals(1, problems.size(), problems.toString());
        ConfigProblem p = problems.get(0);
        assertEquals("points[0].input", p.path());
        assertEquals(83, p.line());
        assertEquals(5, p.column());
        assertEquals("no input `coal_burnd` in cn.power-generation", p.message());
        assertEquals("coal_burned", p.suggestion());
        assertTrue(p.toString().endsWith("site.yaml:83:5: points[0].input: no input `coal_burnd` in cn.power-generation "
                + "— did you mean `coal_burned`?"), p.toString());
    }

    @Test
    void aKeyOutsideAClosedSetAndAKeyOfTheWrongArityAreNamed() {
        List<ConfigProblem> problems = problems(t -> t.replace("key: gt1,natural_gas", "key: gt1,natural_gaz")
                .replace("    input: grid_purchased", "    input: grid_purchased\n    key: unit1"));
        assertEquals(2, problems.size(), problems.toString());
        assertEquals("points[1].key", problems.get(0).path());
        assertTrue(problems.get(0).message().contains("`natural_gaz` is not a member of set gas_fuel"), problems.get(0).message());
        assertTrue(problems.get(0).text().contains("did you mean `natural_gas`?"), problems.get(0).text());
        assertEquals("points[2].key", problems.get(1).path());
        assertTrue(problems.get(1).message().contains("has no index"), problems.get(1).message());
    }

    @Test
    void aPointWhoseUnitDoesNotConvertToItsInputIsRefused() {
        List<ConfigProblem> problems = problems(t -> t.replace("{id: grid.import.total, unit: kWh, signal: counter, start: 3400000, per_hour: 2500, swing: 0.1, digits: 1,\n           fail_rate",
                "{id: grid.import.total, unit: Nm3, signal: counter, start: 3400000, per_hour: 2500, swing: 0.1, digits: 1,\n           fail_rate"));
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("points[2].point", problems.get(0).path());
        assertTrue(problems.get(0).message().contains("reads `Nm3`, which does not convert to `MWh`"), problems.get(0).message());
    }

    @Test
    void anUnknownPointAndAPointBoundTwiceAreNamed() {
        List<ConfigProblem> problems = problems(t -> t.replace("point: unit1.coal.total", "point: unit1.coal.totl")
                .replace("  - point: grid.import.total\n    input: grid_purchased\n",
                        "  - point: grid.import.total\n    input: grid_purchased\n  - point: grid.import.total\n    input: grid_purchased\n"));
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("points[0].point")
                && p.text().equals("no point `unit1.coal.totl` in the points file — did you mean `unit1.coal.total`?")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("points[3].point") && p.message().contains("already bound")),
                problems.toString());
    }

    @Test
    void theVersionPinMustMatchTheMethodologyHeader() {
        List<ConfigProblem> problems = problems(t -> t.replace("version: \"2022.1\"", "version: \"2022.2\""));
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("methodology.version", problems.get(0).path());
        assertTrue(problems.get(0).message().contains("in version(s) 2013.1, 2022.1, not 2022.2"), problems.get(0).message());
    }

    @Test
    void anUnknownMethodologyIdSuggestsTheNearestOne() {
        List<ConfigProblem> problems = problems(t -> t.replace("library: cn.power-generation", "library: cn.power-generaton"));
        assertEquals("methodology.library", problems.get(0).path());
        assertTrue(problems.get(0).text().contains("did you mean `cn.power-generation`?"), problems.get(0).text());
    }

    @Test
    void driverProblemsAreReportedUnderTheDriversPath() {
        List<ConfigProblem> problems = problems(t -> t.replaceFirst("(id: coal-scale-1[^\n]*\n\\s*)type: simulated", "$1type: simulatd"));
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("drivers.devices[0].type") && p.message().contains("simulatd")),
                problems.toString());
    }

    @Test
    void aThresholdOnAnUnknownNodeAndSettingsOfTheWrongKindAreNamed() {
        List<ConfigProblem> problems = problems(t -> t.replace("target: E ", "target: EE ")
                .replace("rollover: 99999999.99", "max_gap: 5min"));
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("thresholds[1].target") && p.message().contains("`EE`")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("points[0].max_gap") && p.message().contains("counter")),
                problems.toString());
    }

    @Test
    void aSitesOwnMethodologyFileImportsTheSharedPiecesFromTheLibraryWhenTheyAreNotBesideIt() throws Exception {
        // issue 12, defect 13: imports resolved only next to the file, so a site's own copy failed with E309 outside the repository
        Path library = MethodologyLibrary.find().root();
        String text = java.nio.file.Files.readString(library.resolve("power-generation-2022/power-generation.tanhe"))
                .replace("import \"../shared/", "import \"shared/");
        Path site = SiteFiles.demo(dir, t -> t.replace("library: cn.power-generation", "file: own.tanhe"));
        java.nio.file.Files.writeString(site.resolveSibling("own.tanhe"), text);
        java.nio.file.Files.copy(library.resolve("power-generation-2022/power-generation-2022.factors.yaml"),
                site.resolveSibling("power-generation-2022.factors.yaml"));
        try (Site loaded = SiteFiles.load(site)) {
            assertEquals("cn.power-generation", loaded.methodology().id());
        }
    }

    @Test
    void aThresholdWhoseUnitDoesNotFitItsTargetIsRefusedAtItsPath() {
        List<ConfigProblem> problems = problems(t -> t.replace("    unit: tCO2\n", "    unit: kWh\n")
                .replace("    unit: Nm3/h\n", "    unit: t\n"));
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("thresholds[1].unit")
                && p.message().contains("unit `kWh` (energy") && p.message().contains("`E`, which is in tCO2")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("thresholds[0].unit")
                && p.message().contains("`gt1.gas.flow`, which is in Nm3/h")), problems.toString());
    }

    @Test
    void retentionBelowTheStandardsFloorAndUnknownFieldsAreRefused() {
        List<ConfigProblem> problems = problems(t -> t.replace("raw_readings: P13M", "raw_readings: P3M")
                .replace("zone: Asia/Shanghai", "zone: Asia/Shanghai\ntimezone: UTC"));
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("retention.raw_readings") && p.message().contains("shorter than the standard's minimum P6M")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("timezone") && p.message().contains("unknown field")),
                problems.toString());
    }

    @Test
    void aRetentionBelowTheFloorIsNamedByItsYamlKeyNotTheJavaField() {
        String message = message(t -> t.replace("raw_readings: P13M", "raw_readings: P3M"));
        assertTrue(message.contains(":143:3: retention.raw_readings: `P3M` is shorter than the standard's minimum P6M"), message);
        assertTrue(!message.contains("rawReadings"), message);
    }

    @Test
    void aThresholdProblemInTheSiteFileCarriesItsPathOnce() {
        String message = message(t -> t.replace("grain: hour", "grain: hourly"));
        assertTrue(message.contains(":136:5: thresholds[1].grain: unknown grain `hourly`"), message);
        assertTrue(!message.contains("thresholds: thresholds"), message);
    }

    @Test
    void blocksReadByTheUplinkAndPointsReadersReportTheSiteFilesLinesAndFullPaths() {
        String message = message(t -> t.replace("zone: Asia/Shanghai ", "uplink: {centres: [{id: a, protocol: https, "
                + "address: \"http://x/u\", terminal_id: T, indicators: [{node: E, code: c}]}]}\nzone: Asia/Shanghai ")
                .replaceFirst("(id: coal-scale-1[^\n]*\n\\s*)type: simulated", "$1type: simulatd"));
        assertTrue(message.contains("site.yaml:11:45: uplink.centres[0].address: `http://x/u` is not an https:// URL"), message);
        assertTrue(message.contains("site.yaml:31:7: drivers.devices[0].type: unknown type `simulatd` — did you mean `simulated`?"),
                message);
    }

    @Test
    void aPointsFileOfItsOwnReportsItsOwnFileAndLines() throws Exception {
        Path site = SiteFiles.demo(dir, t -> t.replace("drivers:\n  failover:", "drivers_file: points.yaml\nunused:\n  failover:"));
        java.nio.file.Files.writeString(site.resolveSibling("points.yaml"), "devices:\n  - {id: x, type: simulated, perid: 5s}\n");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> SiteFiles.load(site));
        assertTrue(e.problems().stream().anyMatch(p -> p.file().endsWith("points.yaml") && p.line() == 2 && p.column() == 30
                && p.path().equals("devices[0].perid") && p.suggestion().equals("period")), e.getMessage());
    }

    @Test
    void missingSectionsAreEachNamed() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> new SiteLoader(java.time.Clock.systemUTC()).parse("zone: Mars/Olympus\n", "site.yaml", dir));
        List<String> paths = e.problems().stream().map(ConfigProblem::path).toList();
        assertTrue(paths.containsAll(List.of("site", "zone", "methodology", "drivers", "points")), paths.toString());
    }

    /** The message of the exception loading the edited demo site throws, as the CLI prints it. */
    private String message(UnaryOperator<String> edit) {
        Path file = SiteFiles.demo(dir, edit);
        return assertThrows(RuntimeException.class, () -> SiteFiles.load(file)).getMessage();
    }

    private List<ConfigProblem> problems(UnaryOperator<String> edit) {
        Path file = SiteFiles.demo(dir, edit);
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> SiteFiles.load(file));
        return e.problems();
    }
}
