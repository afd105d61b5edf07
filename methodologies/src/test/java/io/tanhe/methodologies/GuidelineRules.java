package io.tanhe.methodologies;

import io.tanhe.engine.compile.Compiler;
import io.tanhe.engine.rules.MethodologyRulesets;
import io.tanhe.engine.rules.RuleSet;
import io.tanhe.engine.rules.RulesEngine;
import io.tanhe.engine.rules.RulesSettings;
import io.tanhe.engine.rules.alert.AlertEvent;
import io.tanhe.engine.rules.check.RulesChecker;
import io.tanhe.engine.rules.check.TargetCatalog;
import io.tanhe.engine.rules.diagnostic.RuleProblem;
import io.tanhe.engine.rules.fact.BucketResultFact;
import io.tanhe.engine.rules.fact.FactorFact;
import io.tanhe.engine.rules.fact.ObservationFact;
import io.tanhe.engine.rules.fact.CalibrationFact;
import io.tanhe.engine.rules.fact.PeriodChangeFact;
import io.tanhe.engine.rules.verification.VerificationFinding;
import io.tanhe.engine.rules.threshold.ThresholdLoader;
import io.tanhe.engine.rules.validation.Verdict;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Quality;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A guideline folder's effective validation ruleset (its {@code .drl} files and the shared ones its
 * manifest includes, see {@link MethodologyRulesets}) and its thresholds ({@code <folder>.thresholds.yaml})
 * running in a real rules engine, with the shorthand the per-guideline validation tests need: a lab
 * or manual value, a factor, an hourly bucket result.
 */
final class GuidelineRules implements AutoCloseable {
    static final Instant AT = Instant.parse("2024-06-30T16:00:00Z");

    private final List<Path> drl;
    private final Path thresholds;
    private final Path methodology;
    private final RulesEngine engine;
    final List<AlertEvent> alerts = new ArrayList<>();
    /** The verification findings of the rules, in the order found. */
    final List<VerificationFinding> findings = new ArrayList<>();

    private GuidelineRules(String folder, String methodologyFile, Map<String, Double> verificationLimits) throws Exception {
        Path dir = Path.of(folder);
        drl = MethodologyRulesets.of(dir).files();
        thresholds = dir.resolve(folder + ".thresholds.yaml");
        methodology = dir.resolve(methodologyFile);
        engine = RulesEngine.start(RuleSet.of(folder, drl.toArray(Path[]::new)), new RulesSettings(Duration.ofSeconds(10), Map.of(), null, verificationLimits));
        engine.addListener(alerts::add);
        engine.addFindingListener(findings::add);
        engine.setThresholds(new ThresholdLoader().load(thresholds).values());
    }

    static GuidelineRules start(String folder, String methodologyFile) throws Exception {
        return new GuidelineRules(folder, methodologyFile, Map.of());
    }

    /** As {@link #start(String, String)}, with the site's limits of the verification checks that need one. */
    static GuidelineRules start(String folder, String methodologyFile, Map<String, Double> verificationLimits) throws Exception {
        return new GuidelineRules(folder, methodologyFile, verificationLimits);
    }

    /** The findings since the last call, and forgets them. */
    List<VerificationFinding> takeFindings() {
        List<VerificationFinding> out = List.copyOf(findings);
        findings.clear();
        return out;
    }

    /** The year {@code year}'s figure of a node next to the year before's. */
    void yearOnYear(String node, int year, double value, double previous, String unit) {
        Instant start = Instant.parse(year - 1 + "-12-31T16:00:00Z");
        engine.change(new PeriodChangeFact(node, "", Grain.YEAR, start, Instant.parse(year + "-12-31T16:00:00Z"), value, previous, unit));
    }

    /** A meter's calibration state on a day (UTC+8), with its accuracy class. */
    void calibration(String meter, java.time.LocalDate due, java.time.LocalDate day, String accuracyClass) {
        boolean overdue = due == null || day.isAfter(due);
        engine.calibration(new CalibrationFact(meter, "流量计 " + meter, due, overdue, day, List.of(meter + ".total"),
                day.atStartOfDay(java.time.ZoneOffset.ofHours(8)).toInstant(), accuracyClass), AT);
    }

    /**
     * A meter's full registry state on a day (UTC+8): its accuracy class, its last calibration with the accuracy that
     * calibration measured, and the inputs its points feed ({@code coal_burned[unit1]}).
     */
    void calibration(String meter, java.time.LocalDate last, java.time.LocalDate due, java.time.LocalDate day,
                     String accuracyClass, String calibrationAccuracy, List<String> feeds) {
        boolean overdue = due == null || day.isAfter(due);
        java.time.ZoneId zone = java.time.ZoneOffset.ofHours(8);
        engine.calibration(new CalibrationFact(meter, "流量计 " + meter, due, overdue, day, List.of(meter + ".total"),
                day.atStartOfDay(zone).toInstant(), accuracyClass, last, calibrationAccuracy, feeds, zone), AT);
    }

    /** The closed day bucket of a node for a local day (UTC+8). */
    Verdict day(String node, String key, java.time.LocalDate day, double value, String unit) {
        Instant start = day.atStartOfDay(java.time.ZoneOffset.ofHours(8)).toInstant();
        return engine.result(new BucketResultFact(node, key, Grain.DAY, start, start.plusSeconds(86400), value, unit,
                Quality.MEASURED, 1));
    }

    /** The closed year bucket of a node for {@code year} (UTC+8). */
    Verdict yearly(String node, String key, int year, double value, String unit) {
        Instant start = Instant.parse(year - 1 + "-12-31T16:00:00Z");
        return engine.result(new BucketResultFact(node, key, Grain.YEAR, start, Instant.parse(year + "-12-31T16:00:00Z"), value,
                unit, Quality.MEASURED, 1));
    }

    /** The static checks of the ruleset and thresholds against the methodology's nodes and points. */
    List<RuleProblem> staticProblems() {
        TargetCatalog catalog = TargetCatalog.of(Compiler.compile(methodology).graph().orElseThrow());
        List<Path> files = new ArrayList<>(drl);
        if (java.nio.file.Files.exists(thresholds)) { // a guideline without thresholds has no file
            files.add(thresholds);
        }
        return new RulesChecker().check(files, catalog);
    }

    /** A value entered by hand or from a lab report for one key of an input. */
    Verdict entered(String input, String key, double value, String unit) {
        return engine.observe(new ObservationFact(input, key, AT, value, unit, Quality.MANUAL, "lab"));
    }

    /** A measured reading of a meter point. */
    Verdict measured(String input, String key, double value, String unit) {
        return engine.observe(ObservationFact.measured(input, key, AT, value, unit));
    }

    /** A factor value as a site or an update would supply it. */
    Verdict factor(String factor, String key, double value, String unit) {
        return engine.factor(new FactorFact(factor, key, value, unit, null, "site"));
    }

    /** The hourly bucket result of a node, for the hour {@code hour} hours after {@link #AT}. */
    Verdict hourly(String node, String key, int hour, double value, String unit) {
        Instant start = AT.plusSeconds(3600L * hour);
        return engine.result(new BucketResultFact(node, key, Grain.HOUR, start, start.plusSeconds(3600), value, unit,
                Quality.MEASURED, 1));
    }

    /** The daily bucket result of a node, for the day {@code day} days after {@link #AT}. */
    Verdict daily(String node, String key, int day, double value, String unit) {
        Instant start = AT.plusSeconds(86400L * day);
        return engine.result(new BucketResultFact(node, key, Grain.DAY, start, start.plusSeconds(86400), value, unit,
                Quality.MEASURED, 1));
    }

    /**
     * The result of a node for the month {@code month} months after June 2022 (UTC+8 months do not matter here),
     * closed ({@code completeness} 1) or still open.
     */
    Verdict monthly(String node, String key, int month, double value, String unit, double completeness) {
        Instant start = Instant.parse("2022-05-31T16:00:00Z").atZone(java.time.ZoneOffset.UTC).plusMonths(month).toInstant();
        Instant end = start.atZone(java.time.ZoneOffset.UTC).plusMonths(1).toInstant();
        return engine.result(new BucketResultFact(node, key, Grain.MONTH, start, end, value, unit, Quality.MEASURED,
                completeness));
    }

    @Override
    public void close() {
        engine.close();
    }
}
