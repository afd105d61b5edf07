package io.tanhe.server.console;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.tanhe.drivers.Quality;
import io.tanhe.server.api.ApiBinding;
import io.tanhe.server.api.TerminalApi;
import io.tanhe.server.measurement.MeasuredFigures;
import io.tanhe.server.report.BothMethods;
import io.tanhe.server.report.ReportGrain;
import io.tanhe.server.security.access.AccessControl;
import io.tanhe.server.security.access.AccessStore;
import io.tanhe.server.security.access.Actor;
import io.tanhe.server.security.access.PasswordHasher;
import io.tanhe.server.security.access.SecurityPolicy;
import io.tanhe.server.store.QaKind;
import io.tanhe.server.store.QaRecord;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.terminal.DemoRuns;
import io.tanhe.server.terminal.Terminal;
import io.tanhe.sim.cems.DemoStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The flue-gas page in a real browser (Debian's chromium through Playwright, as {@link ConsoleBrowserTest}): the demo ran
 * 90 simulated minutes for the accounting method, the stack's readings (the demo logger's profile, every 30 s) and the
 * CEMS hours are stored, and the page shows the latest flue-gas parameters and the 08:00 hour by both methods with δ as
 * the report computes it. The screenshot lands in target/console-screenshots/flue-gas.png.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
@Tag("slow") // 90 simulated minutes of the demo and a real browser
class FlueGasBrowserTest {
    private static final Instant END = DemoRuns.START.plus(Duration.ofMinutes(90));
    private static final Map<String, String[]> STACK = Map.of("a05001", new String[]{"stack1.co2", "%"},
            "a00000", new String[]{"stack1.flow", "m3/s"}, "a01012", new String[]{"stack1.temperature", "degC"},
            "a01013", new String[]{"stack1.static_pressure", "kPa"}, "a01006", new String[]{"stack1.ambient_pressure", "kPa"},
            "a01014", new String[]{"stack1.moisture", "%"}, "a19001", new String[]{"stack1.o2", "%"});

    @TempDir
    static Path dir;

    private Terminal terminal;
    private String base;
    private Map<String, String> oneTime;
    private Playwright playwright;
    private Browser browser;

    @BeforeAll
    void start() throws Exception {
        Path data = dir.resolve("data");
        terminal = DemoRuns.open(dir.resolve("site"), data, s -> s, DemoRuns.settings(data));
        DemoRuns.simulate(terminal, DemoRuns.START, Duration.ofMinutes(90));
        List<StoredReading> stack = new ArrayList<>();
        for (Instant t = DemoRuns.START; t.isBefore(END); t = t.plusSeconds(30)) {
            for (Map.Entry<String, String> v : DemoStack.profile(t).entrySet()) {
                String[] point = STACK.get(v.getKey());
                if (point != null) {
                    stack.add(new StoredReading(point[0], "", t, new BigDecimal(v.getValue()), point[1], Quality.MEASURED, "cems-logger", "", t));
                }
            }
        }
        terminal.store().readings().writeAll(stack).join();
        terminal.store().results().writeAll(new MeasuredFigures(terminal.site(), terminal.store())
                .hours(DemoRuns.START, DemoRuns.START.plus(Duration.ofHours(1)), END)).join();
        terminal.store().qa().add(new QaRecord(0, QaKind.SPAN_CALIBRATION, "stack1.co2", DemoRuns.START.minus(Duration.ofHours(2)),
                DemoRuns.START.minus(Duration.ofMinutes(100)), 15, 15.1, 20, 0.5, 2.5, "manual:sysadmin", "span gas cylinder 4411",
                DemoRuns.START));
        AccessControl access = new AccessControl(new AccessStore(terminal.store()::connect), SecurityPolicy.defaults(),
                new PasswordHasher(64, 1, 1), Clock.systemUTC(), e -> { });
        oneTime = access.firstStart(Actor.local());
        base = TerminalApi.start(terminal, ApiBinding.plain("127.0.0.1", 0), access, Console.on(access));
        Files.createDirectories(ConsoleBrowserTest.SHOTS);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setHeadless(true)
                .setExecutablePath(Paths.get("/usr/bin/chromium")));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (terminal != null) {
            terminal.close();
        }
    }

    @Test
    void thePageShowsTheFlueGasParametersAndBothMethodsWithTheirDeviation() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setBaseURL(base).setViewportSize(1366, 900)
                .setLocale("zh-CN"))) {
            Page page = context.newPage();
            page.navigate("/console/login");
            page.getByLabel("用户名").fill("sysadmin");
            page.getByLabel("密码", new Page.GetByLabelOptions().setExact(true)).fill(oneTime.get("sysadmin"));
            page.keyboard().press("Enter");
            page.waitForLoadState();
            page.getByLabel("密码", new Page.GetByLabelOptions().setExact(true)).fill(oneTime.get("sysadmin"));
            page.getByLabel("新密码", new Page.GetByLabelOptions().setExact(true)).fill(ConsoleBrowserTest.NEW_PASSWORD);
            page.getByLabel("再次输入新密码").fill(ConsoleBrowserTest.NEW_PASSWORD);
            page.locator("form[action='/console/password'] button[type=submit]").click();
            page.waitForLoadState();

            page.navigate("/console/flue-gas");
            assertEquals("烟气参数", page.locator("h1").textContent().strip());
            assertTrue(page.locator("nav a[href='/console/flue-gas']").count() == 1, "the menu offers the page");
            Instant last = END.minusSeconds(30);
            for (Map.Entry<String, String[]> e : STACK.entrySet()) {
                String shown = page.locator("#flue-gas tr[data-point='" + e.getValue()[0] + "'] td.value").textContent().strip();
                assertEquals(new BigDecimal(DemoStack.profile(last).get(e.getKey())).toPlainString(), shown, e.getValue()[0]);
            }
            assertTrue(page.locator("#flue-gas tr[data-point='stack1.co2'] th").textContent().contains("二氧化碳浓度"));
            assertTrue(page.locator("#flue-gas tr[data-point='stack1.moisture'] th").textContent().contains("烟气湿度"));

            BothMethods both = BothMethods.of(terminal.site(), terminal.store().results(), terminal.store().qa(), ReportGrain.HOUR,
                    TimeRange.of(DemoRuns.START, DemoRuns.START.plus(Duration.ofHours(1))));
            BothMethods.Row hour = both.rows().getFirst();
            assertTrue(hour.measured().isPresent() && hour.accounted().isPresent(), "both figures of 08:00 are stored: " + hour);
            var row = page.locator("#both-methods tbody tr").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("08:00"));
            assertEquals(1, row.count(), page.locator("#both-methods").innerHTML());
            assertEquals(Html.num(hour.measured().get().value(), 3), row.locator("td.cems").textContent().strip());
            assertEquals(Html.num(hour.accounted().get().value(), 3), row.locator("td.accounting").textContent().strip());
            assertEquals(String.format(Locale.ROOT, "%+.2f %%", hour.deviation() * 100), row.locator("td.delta").textContent().strip());
            assertTrue(Math.abs(hour.deviation()) < 0.05, "the demo's stack tracks the coal within the ±5 % bound: " + hour.deviation());
            assertTrue(page.locator("#qa-records").textContent().contains("span_calibration"));
            assertEquals(0, ((Number) page.evaluate("() => [...document.querySelectorAll('input, select')]"
                    + ".filter(e => !e.labels || e.labels.length === 0).length")).intValue());
            page.screenshot(new Page.ScreenshotOptions().setPath(ConsoleBrowserTest.SHOTS.resolve("flue-gas.png")).setFullPage(true));
        }
    }
}
