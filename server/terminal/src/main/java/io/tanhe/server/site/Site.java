package io.tanhe.server.site;

import io.tanhe.server.uplink.config.UplinkConfig;

import io.tanhe.drivers.config.DriverConfiguration;
import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.factors.FactorLibrary;
import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.rules.RuleSet;
import io.tanhe.engine.rules.RulesSettings;
import io.tanhe.engine.rules.threshold.Threshold;
import io.tanhe.server.store.MethodologyRef;
import io.tanhe.server.store.RetentionPolicy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded and completely validated site: the compiled methodology with the site's factors, the
 * drivers (created, not started), the point bindings, the rules and the retention. Obtained from
 * {@link SiteLoader}; closing it closes the drivers when the terminal never started them.
 *
 * @param origin      the file it came from (for messages)
 * @param text        the file's text, saved as a configuration version when the terminal starts
 * @param identity    enterprise and site
 * @param zone        the plant's time zone: bucket boundaries are local
 * @param compilation the methodology as compiled
 * @param factors     the methodology's default factors, overridden by the site's table where it has values
 * @param methodology id, version and content hash, stored with every result
 * @param drivers     the points file's devices and sources
 * @param bindings    point id → the input key it feeds
 * @param rules       the DRL files (the methodology's and the site's)
 * @param thresholds  the thresholds (the methodology's and the site's; a site threshold replaces one with the same id)
 * @param rulesSettings gap time per point and escalation
 * @param retention   how long the store keeps what
 * @param lateWindow  how late a reading may arrive and still update results live (see docs/site.md)
 * @param closeAfter  how long after its end a bucket is final enough to store (the evaluator's closing delay)
 * @param uplink      the data centres the terminal reports to ({@link UplinkConfig#NONE} when the site names none)
 * @param reporting   the enterprise report's details, quality-control plan and meter registry ({@link ReportingDetails#NONE} when none given)
 * @param store       the engine of the terminal's store ({@link StoreChoice#DEFAULT} when the site has no {@code store:})
 * @param measurement the measurement method (CEMS) run beside the accounting one, when the site has a {@code measurement:} block
 */
public record Site(String origin, String text, SiteIdentity identity, ZoneId zone, Compilation compilation,
                   FactorLibrary factors, MethodologyRef methodology, DriverConfiguration drivers,
                   Map<String, PointBinding> bindings, RuleSet rules, List<Threshold> thresholds,
                   RulesSettings rulesSettings, RetentionPolicy retention, Duration lateWindow,
                   Duration closeAfter, UplinkConfig uplink, ReportingDetails reporting, StoreChoice store,
                   Optional<Measurement> measurement) implements AutoCloseable {

    public Site {
        // in the site file's order (Map.copyOf would iterate in an order that changes from run to run)
        bindings = Collections.unmodifiableMap(new LinkedHashMap<>(bindings));
        thresholds = List.copyOf(thresholds);
    }

    public ComputationGraph graph() {
        return compilation.graph().orElseThrow();
    }

    /** This site reporting to the centres of {@code centres} instead (the demo's `--uplink FILE`). */
    public Site withUplink(UplinkConfig centres) {
        return new Site(origin, text, identity, zone, compilation, factors, methodology, drivers, bindings, rules, thresholds,
                rulesSettings, retention, lateWindow, closeAfter, centres, reporting, store, measurement);
    }

    /**
     * This site after a change of its file that a running terminal applies by restarting workers (see
     * io.tanhe.server.terminal.lifecycle.SiteVersions): the new text, devices and data centres, the rest kept.
     */
    public Site withSiteFile(String newText, DriverConfiguration newDrivers, UplinkConfig newUplink) {
        return new Site(origin, newText, identity, zone, compilation, factors, methodology, newDrivers, bindings, rules, thresholds,
                rulesSettings, retention, lateWindow, closeAfter, newUplink, reporting, store, measurement);
    }

    /** This site keeping its data on {@code choice} instead (the benchmark's `--store`). */
    public Site withStore(StoreChoice choice) {
        return new Site(origin, text, identity, zone, compilation, factors, methodology, drivers, bindings, rules, thresholds,
                rulesSettings, retention, lateWindow, closeAfter, uplink, reporting, choice, measurement);
    }

    /**
     * The site as the measurement method sees it: the measurement methodology, its factors and its
     * point bindings in place of the accounting ones, without rules or thresholds (the accounting
     * side keeps those), the rest shared. What {@code EvaluatorFactory} and {@code Replay} take, so
     * the measured figures are computed from the stored readings by the same code as the live ones.
     */
    public Optional<Site> measurementView() {
        return measurement.map(m -> new Site(origin, text, identity, zone, m.compilation(), m.factors(), m.methodology(), drivers,
                m.bindings(), RuleSet.generic(), List.of(), rulesSettings, retention, lateWindow, closeAfter, uplink, reporting, store,
                Optional.empty()));
    }

    /**
     * This site computing with {@code newFactors} instead (an activated factor package, see
     * io.tanhe.server.terminal.lifecycle): everything else, the methodology included, stays.
     */
    public Site withFactors(FactorLibrary newFactors) {
        return new Site(origin, text, identity, zone, compilation, newFactors, methodology, drivers, bindings, rules, thresholds,
                rulesSettings, retention, lateWindow, closeAfter, uplink, reporting, store, measurement);
    }

    /** This site checking {@code newThresholds} instead (an activated threshold package). */
    public Site withThresholds(List<Threshold> newThresholds) {
        return new Site(origin, text, identity, zone, compilation, factors, methodology, drivers, bindings, rules, newThresholds,
                rulesSettings, retention, lateWindow, closeAfter, uplink, reporting, store, measurement);
    }

    /** The binding of a point, if it feeds an input. */
    public Optional<PointBinding> binding(String pointId) {
        return Optional.ofNullable(bindings.get(pointId));
    }

    @Override
    public void close() {
        drivers.close();
    }
}
