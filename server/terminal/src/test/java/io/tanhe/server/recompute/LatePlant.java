package io.tanhe.server.recompute;

import io.tanhe.sim.demo.SimulatedType;
import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteLoader;
import io.tanhe.server.terminal.Terminal;
import io.tanhe.server.terminal.TerminalSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A small power plant for late-data tests: cn.power-generation with a coal belt scale (counter, t)
 * and the lab's monthly carbon content C_ar (tC/t), both entered through the terminal's intake; no
 * rules, no API. Times are local (Asia/Shanghai); the wall clock is fixed, so every reading is
 * "received" at {@link #RECEIVED}.
 */
public final class LatePlant {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final String COAL = "unit1.coal.total";
    public static final String CARBON = "unit1.coal.c_ar";
    /** The wall clock of every test terminal: the morning of 5 November 2025, 09:12 local. */
    public static final Instant RECEIVED = Instant.parse("2025-11-05T01:12:00Z");

    private static final String SITE = """
            site:
              enterprise: "Late Data Test Co."
              id: late-plant
            zone: Asia/Shanghai
            methodology:
              library: cn.power-generation
              version: "2022.1"
            late_window: 1h
            close_after: 2min
            drivers:
              devices:
                - id: scale
                  type: manual
                  points:
                    - {id: unit1.coal.total, unit: t}
                - id: lab
                  type: manual
                  points:
                    - {id: unit1.coal.c_ar, unit: tC/t}
            points:
              - point: unit1.coal.total
                input: coal_burned
                key: unit1
              - point: unit1.coal.c_ar
                input: coal_c_ar
                key: unit1
                period: month
            """;

    private LatePlant() {
    }

    /** The site file's text: a coal scale and the lab's carbon content of unit 1. */
    public static String siteText() {
        return SITE;
    }

    /** Writes the site file into {@code dir}. */
    public static Path siteFile(Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve("site.yaml"), SITE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Site site(Path dir) {
        return new SiteLoader(Clock.systemUTC()).with(new SimulatedType()).load(siteFile(dir));
    }

    /** Opens a terminal on {@code data}; the recompute job looks for work every {@code recomputeIdle}. */
    public static Terminal open(Path siteDir, Path data, Duration recomputeIdle) {
        return open(siteDir, data, recomputeIdle, false);
    }

    /** Opens a terminal on {@code data}, running the methodology's rules when {@code rules}. */
    public static Terminal open(Path siteDir, Path data, Duration recomputeIdle, boolean rules) {
        TerminalSettings settings = TerminalSettings.defaults(data).withRules(rules)
                .withFlushInterval(Duration.ofMillis(50)).withRecomputeIdle(recomputeIdle);
        return Terminal.open(site(siteDir), settings, Clock.fixed(RECEIVED, ZONE));
    }

    public static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(ZONE).toInstant();
    }

    /** The belt scale's total at {@code at}. */
    public static Reading coal(Instant at, String tonnes) {
        return Reading.measured(COAL, at, new BigDecimal(tonnes), "t", "scale");
    }

    /** A lab value of C_ar, entered by hand. */
    public static Reading carbon(Instant at, String tcPerT) {
        return new Reading(CARBON, at, new BigDecimal(tcPerT), "tC/t", Quality.MANUAL, "lab", "entered by the lab");
    }

    /** Hourly readings of the belt scale from {@code from} (inclusive) to {@code to} (inclusive), 10 t per hour from {@code start} tonnes. */
    public static List<Reading> hourlyCoal(Instant from, Instant to, int start) {
        List<Reading> out = new ArrayList<>();
        int total = start;
        for (Instant t = from; !t.isAfter(to); t = t.plus(Duration.ofHours(1))) {
            out.add(coal(t, total + ".00"));
            total += 10;
        }
        return out;
    }

    /**
     * C_ar 0.50 for October; the belt scale reports hourly, 10 t/h, from 18:00 yesterday (1180 t) to
     * 02:00 today (1260 t). Its noon reading of yesterday (1120 t, {@link #LATE_NOON}) arrives after
     * yesterday has closed.
     */
    public static List<Reading> yesterdayEvening() {
        List<Reading> out = new ArrayList<>();
        out.add(carbon(local("2025-10-01T00:00"), "0.50"));
        out.addAll(LatePlant.hourlyCoal(local("2025-10-02T18:00"), local("2025-10-03T02:00"), 1180));
        return out;
    }

    public static final Reading LATE_NOON = coal(local("2025-10-02T12:00"), "1120.00");

    /** Delivers {@code readings} one by one and waits until the terminal has evaluated (or set aside) all of them. */
    public static void deliver(Terminal t, List<Reading> readings) throws InterruptedException {
        long before = t.stats().acknowledged() + t.stats().duplicates();
        readings.forEach(t.intake()::accept);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (t.stats().acknowledged() + t.stats().duplicates() < before + readings.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the terminal did not take " + readings.size() + " readings within 20 s");
            }
            Thread.sleep(10);
        }
        settle(t);
    }

    /** Waits until the terminal has written the results of what it evaluated: nothing handed to the store or queued there for 300 ms. */
    public static void settle(Terminal t) throws InterruptedException {
        String last = "";
        for (int stable = 0; stable < 3; ) {
            Thread.sleep(100);
            var health = t.store().health();
            String now = t.stats().resultsWritten() + "/" + health.acknowledged() + "/" + health.queued();
            stable = now.equals(last) && health.queued() == 0 ? stable + 1 : 0;
            last = now;
        }
    }

    /** Waits until the store has no pending recompute request (the job did its work). */
    public static void awaitRecomputed(Terminal t) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (t.store().recomputeQueue().pendingCount() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(t.store().recomputeQueue().pendingCount() + " recompute requests still pending after 20 s");
            }
            Thread.sleep(20);
        }
    }
}
