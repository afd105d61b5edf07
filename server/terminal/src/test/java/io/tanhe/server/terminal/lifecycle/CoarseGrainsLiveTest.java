package io.tanhe.server.terminal.lifecycle;

import io.tanhe.drivers.Reading;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.server.evaluation.CalendarRollUp;
import io.tanhe.server.recompute.LatePlant;
import io.tanhe.server.security.audit.AuditActor;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteLoader;
import io.tanhe.server.store.Alert;
import io.tanhe.server.store.AlertState;
import io.tanhe.server.store.ConfigPackage;
import io.tanhe.server.store.Store;
import io.tanhe.server.store.StoredResult;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.terminal.Terminal;
import io.tanhe.server.terminal.TerminalSettings;
import io.tanhe.sim.demo.SimulatedType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.BooleanSupplier;

import static io.tanhe.server.recompute.LatePlant.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The weeks, months, quarters and years a running terminal stores (the calendar roll-up) on the late-data test plant
 * with a gas turbine added: a factor package activated while it runs, and thresholds at coarse grains.
 */
@Timeout(180)
class CoarseGrainsLiveTest {
    private static final AuditActor ADMIN = new AuditActor("admin", "sysadmin", "127.0.0.1");
    private static final String GAS = "gt1.gas.total";
    private static final String KEY = "gt1,natural_gas";

    @TempDir
    Path dir;

    /** LatePlant's site with a gas meter on gas turbine gt1, and {@code thresholds} (YAML, may be empty) appended. */
    private Terminal open(boolean rules, String thresholds) throws Exception {
        String yaml = LatePlant.siteText().replace("\npoints:\n", """

                    - id: gasmeter
                      type: manual
                      points:
                        - {id: gt1.gas.total, unit: 10^4 Nm3}
                points:
                """) + """
                  - point: gt1.gas.total
                    input: gas_burned
                    key: gt1,natural_gas
                """ + thresholds;
        Path siteDir = Files.createDirectories(dir.resolve("site"));
        Site site = new SiteLoader(Clock.systemUTC()).with(new SimulatedType()).load(Files.writeString(siteDir.resolve("site.yaml"), yaml));
        SignedPackages.trust(dir.resolve("data"), false);
        TerminalSettings settings = TerminalSettings.defaults(dir.resolve("data")).withRules(rules)
                .withFlushInterval(Duration.ofMillis(50)).withRecomputeIdle(Duration.ofMillis(50));
        Terminal t = Terminal.open(site, settings, Clock.fixed(LatePlant.RECEIVED, LatePlant.ZONE));
        t.lifecycle().selfTestAfter(Duration.ofMillis(200));
        return t;
    }

    /** Hourly readings of the coal scale (10 t/h) and the gas meter (1 × 10^4 Nm3/h) from {@code from} to {@code to}, both inclusive. */
    private static List<Reading> hourly(Instant from, Instant to, int coalStart, int gasStart) {
        List<Reading> out = new ArrayList<>(LatePlant.hourlyCoal(from, to, coalStart));
        int gas = gasStart;
        for (Instant at = from; !at.isAfter(to); at = at.plus(Duration.ofHours(1))) {
            out.add(Reading.measured(GAS, at, new BigDecimal(gas + ".00"), "10^4 Nm3", "gasmeter"));
            gas++;
        }
        return out;
    }

    private static double current(Store store, String node, String key, Grain grain, Instant inside) {
        TimeBucket b = TimeBucket.of(grain, inside, LatePlant.ZONE);
        List<StoredResult> rows = store.results().current(node, key, grain, TimeRange.of(b.start(), b.start().plusSeconds(1)));
        assertEquals(1, rows.size(), node + "[" + key + "] " + grain.label() + " of " + inside + ": " + rows);
        return rows.getFirst().result().value();
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what + " within 40 s");
            Thread.sleep(20);
        }
    }

    private static boolean stored(Store store, String node, String key, Grain grain, Instant inside) {
        TimeBucket b = TimeBucket.of(grain, inside, LatePlant.ZONE);
        return !store.results().current(node, key, grain, TimeRange.of(b.start(), b.start().plusSeconds(1))).isEmpty();
    }

    /**
     * Natural-gas NCV 389.31 GJ/10^4 Nm3 (the methodology's default) until a factor package sets 380 from 2 October 2025
     * (activated while 3 October is open). The stored day figures take each day's value; a week, month, quarter or year
     * takes the days' values weighted by their time; the month of the package's week after it holds 380 only.
     */
    @Test
    @Tag("slow") // about 45 s: a package's whole lifecycle and five days of readings
    void aFactorPackageActivatedMidMonthGivesTheCoarseGrainsTheValuesInEffectForTheirDays() throws Exception {
        try (Terminal t = open(false, "")) {
            Store store = t.store();
            List<Reading> first = new ArrayList<>(List.of(LatePlant.carbon(local("2025-10-01T00:00"), "0.50")));
            first.addAll(hourly(local("2025-10-02T18:00"), local("2025-10-03T02:00"), 1180, 100));
            LatePlant.deliver(t, first);
            await("2 October closed and rolled up", () -> stored(store, "gas_ncv", KEY, Grain.MONTH, local("2025-10-02T12:00")));
            LatePlant.settle(t);
            assertEquals(389.31, current(store, "gas_ncv", KEY, Grain.MONTH, local("2025-10-02T12:00")), 1e-9, "the default before the package");

            ConfigPackage p = t.lifecycle().upload(Candidate.fromPackage(SignedPackages.factorUpdate(dir.resolve("work"), "gas-ncv", "2025.10", """
                      - factor: ncv_gas
                        key: natural_gas
                        value: 380
                        unit: GJ/10^4 Nm3
                        source: "test: the gas supplier's certificate"
                        confidence: A
                    """, SignedPackages.AUTHOR).toBytes(), "test"), ADMIN);
            assertEquals("reviewed", p.state(), t.lifecycle().versions().log().getLast().detail());
            t.lifecycle().stage(p.id(), local("2025-10-02T09:30"), ADMIN);
            assertEquals("self-test", t.lifecycle().activate(p.id(), ADMIN).state());
            ConfigLifecycleTest.awaitClosedDaysRecomputed(t);
            ConfigLifecycleTest.awaitState(store, p.id(), "active");

            // 3 to 6 October close live (the evaluation's result writer rolls their weeks, months, … up)
            LatePlant.deliver(t, hourly(local("2025-10-03T03:00"), local("2025-10-07T02:00"), 1270, 109));
            await("6 October closed and rolled up", () -> stored(store, "gas_ncv", KEY, Grain.WEEK, local("2025-10-06T12:00")));
            // readings the terminal took as late can leave a request for 7 October, still open: it waits for the day to close
            ConfigLifecycleTest.awaitClosedDaysRecomputed(t);

            assertEquals(380, current(store, "gas_ncv", KEY, Grain.DAY, local("2025-10-02T12:00")), 0, "a day after the effective day");
            assertEquals(380, current(store, "gas_ncv", KEY, Grain.DAY, local("2025-10-06T12:00")), 0);
            // week Mon 29 September – Sun 5 October: 3 days at 389.31, 4 at 380 → (1167.93 + 1520) / 7 = 383.99
            assertEquals(383.99, current(store, "gas_ncv", KEY, Grain.WEEK, local("2025-10-02T12:00")), 1e-9);
            // week from Mon 6 October: wholly after the effective day, stored only by the live roll-up
            assertEquals(380, current(store, "gas_ncv", KEY, Grain.WEEK, local("2025-10-06T12:00")), 0,
                    "the running configuration's factors, not those the terminal started with");
            // October: 1 day at 389.31, 30 at 380 → 11789.31 / 31 = 380.300322580645…
            assertEquals(11789.31 / 31, current(store, "gas_ncv", KEY, Grain.MONTH, local("2025-10-02T12:00")), 1e-9);
            // × 0.01532 tC/GJ = 5.8262 tC/10^4 Nm3, shown as 5.83 (the default would give 5.96, the new value alone 5.82)
            assertEquals(5.83, current(store, "gas_carbon_reported", KEY, Grain.MONTH, local("2025-10-02T12:00")), 1e-12);
            // Q4: 1 day at 389.31, 91 at 380 → 34969.31 / 92; 2025: 274 days (1 January – 1 October) at 389.31, 91 at 380
            assertEquals(34969.31 / 92, current(store, "gas_ncv", KEY, Grain.QUARTER, local("2025-10-02T12:00")), 1e-9);
            assertEquals((274 * 389.31 + 91 * 380) / 365, current(store, "gas_ncv", KEY, Grain.YEAR, local("2025-10-02T12:00")), 1e-9);

            List<Instant> days = List.of(local("2025-10-02T00:00"), local("2025-10-06T00:00"));
            assertEquals(0, new CalendarRollUp(t.site(), store.results(), store.readings(), Clock.systemUTC()).days(days, "check"),
                    "a roll-up under the terminal's configuration, as a recompute makes it, changes nothing");
        }
    }

    /**
     * Coal 60 t on 2 October 2025 (C_ar 0.50, oxidation 99 %: 108.9 tCO2): a month threshold of 100 tCO2 on coal
     * combustion raises its alert when October is stored, one of 108 tCO2 on its week too; a year threshold of
     * 1000 tCO2 stays quiet. A late reading recomputed after the day closed raises October to 217.8 tCO2, and a month
     * threshold of 150 tCO2 raises its alert then.
     */
    @Test
    @Tag("slow") // about 50 s: waits for the recompute job
    void thresholdsOnAWeekAndAMonthRaiseTheirAlertsWhenTheBucketIsStored() throws Exception {
        try (Terminal t = open(true, """
                thresholds:
                  - id: coal-month-high
                    target: coal_combustion
                    key: unit1
                    grain: month
                    operator: ">"
                    limit: 100
                    unit: tCO2
                    severity: major
                    message: "coal combustion this month {value} {unit} above {limit} {unit}"
                  - id: coal-week-high
                    target: coal_combustion
                    key: unit1
                    grain: week
                    operator: ">"
                    limit: 108
                    unit: tCO2
                    severity: warning
                  - id: coal-month-over-150
                    target: coal_combustion
                    key: unit1
                    grain: month
                    operator: ">"
                    limit: 150
                    unit: tCO2
                    severity: critical
                  - id: coal-year-high
                    target: coal_combustion
                    key: unit1
                    grain: year
                    operator: ">"
                    limit: 1000
                    unit: tCO2
                    severity: major
                """)) {
            Store store = t.store();
            LatePlant.deliver(t, LatePlant.yesterdayEvening());
            await("October stored", () -> stored(store, "coal_combustion", "unit1", Grain.MONTH, local("2025-10-02T12:00")));
            assertEquals(108.9, current(store, "coal_combustion", "unit1", Grain.MONTH, local("2025-10-02T12:00")), 1e-9);
            await("the month threshold's alert", () -> !alerts(store, "coal-month-high").isEmpty());
            LatePlant.settle(t);

            Alert a = alerts(store, "coal-month-high").getFirst();
            assertTrue(a.raised().message().startsWith("coal combustion this month 108.9"), a.raised().message());
            assertEquals(1, alerts(store, "coal-week-high").size(), "the week of 2 October holds the 108.9 tCO2 too");
            assertEquals(List.of(), alerts(store, "coal-year-high"), "108.9 tCO2 is below the year's 1000");
            assertEquals(List.of(), alerts(store, "coal-month-over-150"), "108.9 tCO2 is below 150");

            // the noon reading arrives after 2 October closed: the recompute job revises the day (12:00 … 24:00, 120 t:
            // 217.8 tCO2) and its month, and the rules judge the month's new figure
            await("2 October closed", () -> t.openWindowFrom().orElse(Instant.MIN).isAfter(local("2025-10-03T00:00").minusSeconds(1)));
            LatePlant.deliver(t, List.of(LatePlant.LATE_NOON));
            LatePlant.awaitRecomputed(t);
            assertEquals(217.8, current(store, "coal_combustion", "unit1", Grain.MONTH, local("2025-10-02T12:00")), 1e-9);
            await("the alert of the recomputed month", () -> !alerts(store, "coal-month-over-150").isEmpty());
        }
    }

    private static List<Alert> alerts(Store store, String thresholdId) {
        return store.alerts().alerts(EnumSet.allOf(AlertState.class), TimeRange.of(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z")))
                .stream().filter(a -> (a.raised().ruleId() + " " + a.raised().dedupKey()).contains(thresholdId)).toList();
    }
}
