package io.tanhe.server.console;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.tanhe.engine.time.Grain;
import io.tanhe.server.api.ApiBinding;
import io.tanhe.server.api.TerminalApi;
import io.tanhe.server.report.ResultQuery;
import io.tanhe.server.security.access.AccessControl;
import io.tanhe.server.security.access.AccessStore;
import io.tanhe.server.security.access.Actor;
import io.tanhe.server.security.access.PasswordHasher;
import io.tanhe.server.security.access.Role;
import io.tanhe.server.security.access.SecurityPolicy;
import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.ResultFilter;
import io.tanhe.server.store.StoredResult;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.terminal.DemoRuns;
import io.tanhe.server.terminal.Terminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The console's speed on a store holding a year of the demo's figures, measured by the browser (a benchmark, not a
 * timed test; not in the default run): {@code mvn -o -Dslow -pl server/console -am test -Dtest=ConsoleBench
 * -Dsurefire.failIfNoSpecifiedTests=false}. The demo runs two simulated hours; their hourly figures, scaled by a
 * seasonal factor, fill the 365 days before (hours and days, as the terminal stores them). It prints, per page,
 * the median of five loads: the server's answer (responseEnd), DOMContentLoaded, the charts drawn, and the bytes
 * transferred on a cold and a warm cache, and writes them to target/console-bench.txt. Its last line is for scripts:
 * {@code console: overview_ms=<n> year_trend_ms=<n> structure_ms=<n> page_kb=<n>} (charts drawn, medians; the largest
 * page on a cold cache). Playwright drives a browser through its own driver process, which does not belong in the
 * terminal's jar: this bench stays in Maven rather than being a {@code tanhe bench} subcommand.
 */
class ConsoleBench {
    private static final int LOADS = 5;

    @TempDir
    static Path dir;

    @Test
    void overviewAndAYearsTrend() throws Exception {
        Path data = dir.resolve("data");
        try (Terminal terminal = DemoRuns.open(dir.resolve("site"), data, s -> s, DemoRuns.settings(data))) {
            DemoRuns.simulate(terminal, DemoRuns.START, Duration.ofHours(2));
            Thread.sleep(2_000);
            long t0 = System.nanoTime();
            long rows = fillYear(terminal);
            System.out.printf(Locale.ROOT, "bench console: filled a year: %,d results in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
            AccessControl access = new AccessControl(new AccessStore(terminal.store()::connect), SecurityPolicy.defaults(),
                    new PasswordHasher(64, 1, 1), Clock.systemUTC(), e -> { });
            String once = access.addAccount(Actor.local(), "bench", Role.SYSTEM_ADMINISTRATOR);
            access.changePassword(Actor.local(), "bench", once, "Bench-2026-ok", null);
            String base = TerminalApi.start(terminal, ApiBinding.plain("127.0.0.1", 0), access, Console.on(access));
            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("overview", "/console/overview");
            pages.put("trend, a year by month", "/console/trends?grain=month&from=2025-06-01&to=2026-06-01");
            pages.put("trend, a year by day", "/console/trends?grain=day&from=2025-06-01&to=2026-06-01");
            pages.put("structure, a year", "/console/structure?year=2026");
            StringBuilder out = new StringBuilder();
            Map<String, Double> drawn = new LinkedHashMap<>();
            long largest = 0;
            try (Playwright pw = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
                 Browser browser = pw.chromium().launch(new BrowserType.LaunchOptions().setHeadless(true)
                         .setExecutablePath(Paths.get("/usr/bin/chromium")))) {
                BrowserContext context = browser.newContext(new Browser.NewContextOptions().setBaseURL(base).setViewportSize(1366, 900));
                Page page = context.newPage();
                page.navigate("/console/login");
                page.fill("#username", "bench");
                page.fill("#password", "Bench-2026-ok");
                page.click("button[type=submit]");
                page.waitForURL("**/console/overview");
                for (var e : pages.entrySet()) {
                    BrowserContext cold = browser.newContext(new Browser.NewContextOptions().setBaseURL(base)
                            .setStorageState(context.storageState()));
                    Page first = cold.newPage();
                    first.navigate(e.getValue());
                    first.waitForFunction("() => window.tanheChartsDrawn !== undefined");
                    long coldBytes = bytes(first);
                    List<double[]> runs = new ArrayList<>();
                    long warmBytes = 0;
                    for (int i = 0; i < LOADS; i++) {
                        first.navigate(e.getValue());
                        first.waitForFunction("() => window.tanheChartsDrawn !== undefined");
                        @SuppressWarnings("unchecked")
                        List<Number> t = (List<Number>) first.evaluate("() => { const n = performance.getEntriesByType('navigation')[0];"
                                + " return [n.responseEnd, n.domContentLoadedEventEnd, window.tanheChartsDrawn]; }");
                        runs.add(new double[]{t.get(0).doubleValue(), t.get(1).doubleValue(), t.get(2).doubleValue()});
                        warmBytes = bytes(first);
                    }
                    cold.close();
                    String line = String.format(Locale.ROOT, "%-24s server answered %6.0f ms, DOM ready %6.0f ms, charts drawn %6.0f ms;"
                                    + " %,d bytes cold, %,d warm", e.getKey(), median(runs, 0), median(runs, 1), median(runs, 2),
                            coldBytes, warmBytes);
                    System.out.println("bench console: " + line);
                    out.append(line).append('\n');
                    drawn.put(e.getKey(), median(runs, 2));
                    largest = Math.max(largest, coldBytes);
                }
            }
            // the last line, for scripts, in the form of the other benches' (`engine: …`, `ingest: …`): the charts-drawn
            // medians of the overview, the slower of the two year trends and the structure, and the largest cold page
            String last = String.format(Locale.ROOT, "console: overview_ms=%.0f year_trend_ms=%.0f structure_ms=%.0f page_kb=%d",
                    drawn.get("overview"), Math.max(drawn.get("trend, a year by month"), drawn.get("trend, a year by day")),
                    drawn.get("structure, a year"), Math.round(largest / 1024.0));
            out.append(last).append('\n');
            System.out.println(last);
            Files.writeString(Path.of("target/console-bench.txt"), out);
        }
    }

    /** Bytes the page's document and resources took over the wire (0 for those served from the cache). */
    private static long bytes(Page page) {
        return ((Number) page.evaluate("() => performance.getEntriesByType('navigation')[0].transferSize"
                + " + performance.getEntriesByType('resource').reduce((s, r) => s + r.transferSize, 0)")).longValue();
    }

    private static double median(List<double[]> runs, int i) {
        double[] v = runs.stream().mapToDouble(r -> r[i]).sorted().toArray();
        return v[v.length / 2];
    }

    /**
     * Writes the 365 days before the demo's run: each hour of a day takes the demo's stored hour figures in turn,
     * scaled by a seasonal factor; each day the sum of its hours (the mean for intensive figures).
     */
    private static long fillYear(Terminal terminal) {
        var store = terminal.store().results();
        ZoneId zone = terminal.site().zone();
        Map<String, List<BucketResult>> pattern = new LinkedHashMap<>();
        store.scan(new ResultFilter(TimeRange.of(DemoRuns.START, DemoRuns.START.plus(Duration.ofHours(2))), "", Grain.HOUR),
                (StoredResult r) -> pattern.computeIfAbsent(r.result().nodeId() + "\u0000" + r.result().key(), k -> new ArrayList<>())
                        .add(r.result()));
        LocalDate first = DemoRuns.START.atZone(zone).toLocalDate().minusDays(365);
        long written = 0;
        List<BucketResult> batch = new ArrayList<>();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (int d = 0; d < 365; d++) {
            LocalDate day = first.plusDays(d);
            double season = 1 + 0.15 * Math.cos(2 * Math.PI * day.getDayOfYear() / 365.0);
            Instant dayStart = day.atStartOfDay(zone).toInstant();
            for (List<BucketResult> hours : pattern.values()) {
                BucketResult p0 = hours.getFirst();
                boolean extensive = terminal.site().graph().node(p0.nodeId()).map(ResultQuery::extensive).orElse(true);
                double sum = 0;
                for (int h = 0; h < 24; h++) {
                    BucketResult p = hours.get(h % hours.size());
                    Instant start = dayStart.plus(Duration.ofHours(h));
                    double v = p.value() * season;
                    sum += v;
                    batch.add(new BucketResult(p.nodeId(), p.key(), Grain.HOUR, start, start.plus(Duration.ofHours(1)), v, p.unit(),
                            p.quality(), 1.0, p.methodology(), Instant.now(), "bench"));
                }
                batch.add(new BucketResult(p0.nodeId(), p0.key(), Grain.DAY, dayStart, day.plusDays(1).atStartOfDay(zone).toInstant(),
                        extensive ? sum : sum / 24, p0.unit(), p0.quality(), 1.0, p0.methodology(), Instant.now(), "bench"));
            }
            if (batch.size() > 5_000) {
                written += batch.size();
                pending.add(store.writeAll(List.copyOf(batch)));
                batch.clear();
            }
        }
        written += batch.size();
        pending.add(store.writeAll(List.copyOf(batch)));
        pending.forEach(CompletableFuture::join);
        return written;
    }
}
