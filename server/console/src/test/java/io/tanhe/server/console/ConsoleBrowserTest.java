package io.tanhe.server.console;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.RequestOptions;
import io.tanhe.server.api.ApiBinding;
import io.tanhe.server.api.ApiServer;
import io.tanhe.server.api.TerminalApi;
import io.tanhe.server.report.ReportGrain;
import io.tanhe.server.report.ReportSummary;
import io.tanhe.server.security.access.AccessControl;
import io.tanhe.server.security.access.AccessStore;
import io.tanhe.server.security.access.Actor;
import io.tanhe.server.security.access.PasswordHasher;
import io.tanhe.server.security.access.Role;
import io.tanhe.server.security.access.SecurityPolicy;
import io.tanhe.server.terminal.DemoRuns;
import io.tanhe.server.terminal.Terminal;
import io.tanhe.server.site.SiteLoader;
import io.tanhe.sim.demo.SimulatedType;
import io.tanhe.sim.hj212.Hj212PlatformSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console in a real browser: Debian's chromium, headless, driven by Playwright (no browser download), on a
 * terminal that ran the demo for two simulated hours with a gas-flow limit that raises an alert. Screenshots of
 * every page land in target/console-screenshots for people to look at.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
@Tag("slow") // two simulated hours of the demo and a real browser: about two minutes
class ConsoleBrowserTest {
    static final Path SHOTS = Path.of("target/console-screenshots");
    static final String NEW_PASSWORD = "Plant-2026-ok";

    @TempDir
    static Path dir;

    private Terminal terminal;
    private Hj212PlatformSimulator centre;
    private String base;
    private Map<String, String> oneTime;
    private String viewerPassword;
    private String viewer2Password;
    private Playwright playwright;
    private Browser browser;

    @BeforeAll
    void start() throws Exception {
        Path data = dir.resolve("data");
        centre = Hj212PlatformSimulator.start(0, java.util.Set.of(), line -> { });
        Files.createDirectories(dir.resolve("site/demo-site"));
        Files.writeString(dir.resolve("site/demo-site/province-profile.yaml"), """
                name: province
                st: "31"
                mn: DEMO0000000000000000PROV
                password: "123456"
                version: 1
                ack: true
                co2_code: a05001
                fields:
                  a05001: {unit: kg, format: N14.2}
                """);
        String uplink = """

                uplink:
                  centres:
                    - id: province
                      protocol: hj212-tcp
                      address: "127.0.0.1:%d"
                      profile: province-profile.yaml
                      indicators: [{node: E, code: a05001, unit: kgCO2}]
                      backoff: {max: 1m}
                """.formatted(centre.port());
        terminal = DemoRuns.open(dir.resolve("site"), data, s -> s.replace("limit: 46000", "limit: 30000")
                .replace("clear: 45000", "clear: 29000") + uplink, DemoRuns.settings(data)
                .withSiteLoader(new io.tanhe.server.site.SiteLoader(java.time.Clock.systemUTC()).with(new io.tanhe.sim.demo.SimulatedType())));
        DemoRuns.simulate(terminal, DemoRuns.START, Duration.ofHours(2));
        Instant end = DemoRuns.START.plus(Duration.ofHours(2)).minusSeconds(5);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while ((terminal.stats().watermark() == null || terminal.stats().watermark().isBefore(end)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(1_000); // a few flushes after the last reading
        AccessControl access = new AccessControl(new AccessStore(terminal.store()::connect), SecurityPolicy.defaults(),
                new PasswordHasher(64, 1, 1), Clock.systemUTC(), e -> { });
        oneTime = access.firstStart(Actor.local());
        viewerPassword = access.addAccount(Actor.local(), "viewer1", Role.VIEWER);
        viewer2Password = access.addAccount(Actor.local(), "viewer2", Role.VIEWER);
        terminal.startUplink(Clock.systemUTC()); // a real HJ 212 centre (the simulated platform) on the wall clock
        base = TerminalApi.start(terminal, ApiBinding.plain("127.0.0.1", 0), access,
                Console.on(access, new SiteLoader(Clock.systemUTC()).with(new SimulatedType())));
        Files.createDirectories(SHOTS);
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
        if (centre != null) {
            centre.close();
        }
    }

    /** Signs in as {@code user} in a fresh context, changing the one-time password the first time. */
    private BrowserContext signedIn(String user, String password, Browser.NewContextOptions options) {
        BrowserContext context = browser.newContext(options.setBaseURL(base));
        Page page = context.newPage();
        page.navigate("/console/login");
        page.getByLabel("用户名").fill(user);
        page.getByLabel("密码", new Page.GetByLabelOptions().setExact(true)).fill(password);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
        page.waitForLoadState();
        if (page.url().endsWith("/console/password")) {
            page.getByLabel("密码", new Page.GetByLabelOptions().setExact(true)).fill(password);
            page.getByLabel("新密码", new Page.GetByLabelOptions().setExact(true)).fill(NEW_PASSWORD);
            page.getByLabel("再次输入新密码").fill(NEW_PASSWORD);
            page.locator("form[action='/console/password'] button[type=submit]").click();
            page.waitForLoadState();
        }
        page.close();
        return context;
    }

    private BrowserContext sysadmin;

    private synchronized BrowserContext sysadmin() {
        if (sysadmin == null) {
            sysadmin = signedIn("sysadmin", oneTime.get("sysadmin"), new Browser.NewContextOptions().setViewportSize(1366, 900).setLocale("zh-CN"));
        }
        return sysadmin;
    }

    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
    }

    private static void awaitCharts(Page page) {
        page.waitForFunction("() => window.tanheChartsDrawn !== undefined");
    }

    @Test
    void aOneTimePasswordMustBeChangedThenTheOverviewDrawsTheDemosFigures() {
        Page page = sysadmin().newPage();
        page.navigate("/console/overview");
        awaitCharts(page);
        assertTrue(page.url().endsWith("/console/overview"), page.url());
        // the live curve is an ECharts canvas holding one point per stored minute of today's total
        assertTrue(page.locator("#live canvas").count() > 0, "the live curve is drawn on a canvas");
        Object points = page.evaluate("() => echarts.getInstanceByDom(document.getElementById('live')).getOption().series[0].data.length");
        Figures figures = new Figures(new ApiServer.Sources(terminal.site(), terminal.store(), null, terminal.audit()));
        Instant asOf = terminal.stats().watermark();
        var minutes = figures.minutes(figures.bucket(ReportGrain.DAY, asOf));
        assertTrue(minutes.size() > 60, "two hours of minutes stored: " + minutes.size());
        assertEquals(minutes.size(), ((Number) points).intValue(), "the curve has every stored minute");
        ReportSummary today = figures.summary(ReportGrain.HOUR, figures.bucket(ReportGrain.DAY, asOf));
        assertEquals(Html.num(today.headline().orElseThrow().value(), 3), page.locator("#kpi-today").textContent().strip(),
                "today's emissions as the report computes them");
        assertTrue(page.locator("#by-class canvas").count() > 0 && page.locator("#by-source canvas").count() > 0);
        assertFalse(page.locator("#kpi-alerts").textContent().strip().equals("0"), "the lowered gas-flow limit raised an alert");
        shot(page, "overview");
        page.close();
    }

    @Test
    void aWrongPasswordIsRefusedWithTheLockoutRule() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setBaseURL(base))) {
            Page page = context.newPage();
            page.navigate("/console/login");
            page.getByLabel("用户名").fill("secop");
            page.getByLabel("密码", new Page.GetByLabelOptions().setExact(true)).fill("not-the-password");
            page.keyboard().press("Enter");
            page.waitForLoadState();
            String alert = page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT).textContent();
            assertTrue(alert.contains("wrong username or password"), alert);
            assertTrue(page.locator(".hint").textContent().contains("5 次登录失败将锁定账户 15 分钟"), page.locator(".hint").textContent());
            shot(page, "login-refused");
        }
    }

    @Test
    void theLoginFormWorksFromTheKeyboardAndEveryFieldHasALabel() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setBaseURL(base))) {
            Page page = context.newPage();
            page.navigate("/console/login");
            assertEquals("username", page.evaluate("() => document.activeElement.id"), "the user name has the focus");
            page.keyboard().press("Tab");
            assertEquals("password", page.evaluate("() => document.activeElement.id"));
            page.keyboard().press("Tab");
            assertEquals("BUTTON", page.evaluate("() => document.activeElement.tagName"));
            assertEquals(0, unlabelled(page));
            shot(page, "login");
        }
        Page page = sysadmin().newPage();
        for (String path : List.of("/console/trends", "/console/structure", "/console/reports")) {
            page.navigate(path);
            assertEquals(0, unlabelled(page), path + " has a form field without a label");
        }
        page.close();
    }

    private static int unlabelled(Page page) {
        return ((Number) page.evaluate("() => [...document.querySelectorAll('input, select')]"
                + ".filter(e => e.type !== 'hidden' && (!e.labels || e.labels.length === 0)).length")).intValue();
    }

    @Test
    void aViewerSeesNoWriteControlsAndTheServerRefusesThemAnyway() {
        try (BrowserContext viewer = signedIn("viewer1", viewerPassword, new Browser.NewContextOptions())) {
            Page page = viewer.newPage();
            page.navigate("/console/overview");
            awaitCharts(page);
            assertEquals(0, page.locator("nav a[href='/console/users']").count(), "no accounts page in the viewer's menu");
            assertEquals(0, page.locator("nav a[href='/console/audit']").count(), "no audit in the viewer's menu");
            assertEquals(0, page.locator("main form[method=post]").count(), "no form that changes anything");
            shot(page, "overview-viewer");
            page.navigate("/console/users");
            assertTrue(page.content().contains("当前角色无权访问此页面"), "a refusal page");
            APIResponse add = viewer.request().post(base + "/console/users", RequestOptions.create()
                    .setForm(com.microsoft.playwright.options.FormData.create().set("username", "mallory").set("role", "sysadmin")));
            assertEquals(403, add.status(), "the console refuses the viewer's account change");
            APIResponse api = viewer.request().post(base + "/api/users", RequestOptions.create()
                    .setHeader("Content-Type", "application/json").setData("{\"username\":\"mallory\",\"role\":\"sysadmin\"}"));
            assertEquals(403, api.status(), "and so does the API");
        }
    }

    @Test
    void onAPhoneTheMenuFoldsAndThePageDoesNotScrollSideways() {
        try (BrowserContext phone = browser.newContext(new Browser.NewContextOptions().setBaseURL(base)
                .setViewportSize(390, 844).setIsMobile(true).setHasTouch(true).setDeviceScaleFactor(2)
                .setStorageState(sysadmin().storageState()))) {
            Page page = phone.newPage();
            page.navigate("/console/overview");
            awaitCharts(page);
            assertTrue(page.locator(".menu-toggle").isVisible(), "the menu button shows");
            assertFalse(page.locator("#menu").isVisible(), "the menu is folded");
            int width = ((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue();
            assertTrue(width <= 390, "the overview fits the phone's width: " + width + "; wider: " + page.evaluate(
                    "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391)"
                    + ".slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id).join(', ')"));
            shot(page, "phone-overview");
            page.locator(".menu-toggle").click();
            assertTrue(page.locator("#menu").isVisible(), "the menu unfolds");
            shot(page, "phone-menu");
            page.navigate("/console/trends?grain=day");
            awaitCharts(page);
            shot(page, "phone-trends");
        }
    }

    @Test
    void everyPageRendersForItsRoleAndIsPhotographed() {
        Page page = sysadmin().newPage();
        Map<String, String> pages = new java.util.LinkedHashMap<>();
        pages.put("trends-hour", "/console/trends?grain=hour");
        pages.put("trends-day", "/console/trends?grain=day");
        pages.put("trends-month", "/console/trends?grain=month");
        pages.put("structure", "/console/structure");
        pages.put("alerts", "/console/alerts?state=all");
        pages.put("reports", "/console/reports");
        pages.put("system", "/console/system");
        pages.put("uplink", "/console/uplink");
        pages.put("jobs", "/console/jobs");
        pages.put("config", "/console/config");
        pages.put("points", "/console/points");
        pages.put("devices-admin", "/console/devices");
        pages.put("trends-week", "/console/trends?grain=week");
        pages.put("trends-year", "/console/trends?grain=year");
        pages.put("entry-form", "/console/entry");
        pages.put("alerts-en", "/console/alerts?state=all&lang=en");
        pages.put("overview-zh", "/console/overview?lang=zh");
        pages.put("password", "/console/password");
        pages.put("overview-en", "/console/overview?lang=en");
        for (var e : pages.entrySet()) {
            var response = page.navigate(e.getValue());
            assertEquals(200, response.status(), e.getValue());
            if (page.locator("[data-chart]").count() > 0) {
                awaitCharts(page);
            }
            shot(page, e.getKey());
        }
        assertTrue(page.locator("h2").first().textContent().contains("Today"), "English after the switch");
        page.navigate("/console/overview?lang=zh&screen=big");
        awaitCharts(page);
        assertTrue((Boolean) page.evaluate("() => document.body.classList.contains('bigscreen')"));
        shot(page, "overview-bigscreen");
        page.evaluate("() => tanhe.bigScreen()");
        page.close();

        try (BrowserContext secop = signedIn("secop", oneTime.get("secop"), new Browser.NewContextOptions().setViewportSize(1366, 900).setLocale("zh-CN"))) {
            Page p = secop.newPage();
            p.navigate("/console/users");
            p.getByLabel("用户名").fill("operator2");
            p.getByLabel("角色").selectOption("viewer");
            p.locator("form[action='/console/users'] button").click();
            p.waitForLoadState();
            assertTrue(p.locator(".notice").textContent().contains("operator2"), "the new account's one-time password is shown");
            assertEquals(0, p.locator("nav a[href='/console/overview']").count(), "the security operator reads no plant data");
            shot(p, "users");
        }
        try (BrowserContext auditor = signedIn("auditor", oneTime.get("auditor"), new Browser.NewContextOptions().setViewportSize(1366, 900).setLocale("zh-CN"))) {
            Page p = auditor.newPage();
            p.navigate("/console/audit");
            assertTrue(p.locator("tbody tr").count() > 0, "audit entries are listed");
            shot(p, "audit");
        }
    }

    @Test
    void anAdministratorAcknowledgesAnAlertWithAComment() {
        Page page = sysadmin().newPage();
        page.navigate("/console/alerts");
        int raised = page.locator("form.ack").count();
        assertTrue(raised > 0, "a raised alert has an acknowledge form");
        page.locator("form.ack input").first().fill("checked the gas meter on site");
        page.locator("form.ack button").first().click();
        page.waitForLoadState();
        assertTrue(page.locator(".notice").textContent().contains("已确认告警"), page.content());
        assertEquals(raised - 1, page.locator("form.ack").count(), "one alert fewer to acknowledge");
        assertTrue(page.content().contains("sysadmin: checked the gas meter on site"), "who acknowledged it and the comment");
        shot(page, "alerts-acknowledged");
        page.close();
    }

    @Test
    void aValueEnteredByHandChangesTheFigure() {
        Page page = sysadmin().newPage();
        page.navigate("/console/overview");
        String before = page.locator("#kpi-today").textContent().strip();
        page.navigate("/console/entry");
        assertEquals(0, unlabelled(page));
        Instant at = DemoRuns.START.plus(Duration.ofMinutes(30));
        var versions = io.tanhe.server.terminal.operations.Operations.of(terminal).manualEntries().versions("unit1.coal.c_ar", at);
        java.math.BigDecimal current = versions.isEmpty() ? new java.math.BigDecimal("0.5") : versions.getLast().value();
        String next = current.multiply(new java.math.BigDecimal("1.25")).setScale(4, java.math.RoundingMode.HALF_UP).toPlainString();
        page.getByLabel("测点").selectOption("unit1.coal.c_ar");
        page.getByLabel("时间", new Page.GetByLabelOptions().setExact(true)).fill("2026-06-01T08:30");
        page.getByLabel("数值").fill("not a number");
        page.locator("form[action='/console/entry'] button").click();
        page.waitForLoadState();
        assertTrue(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT).textContent().contains("不是数值"), "a bad value is named");
        assertEquals("true", page.locator("#e-value").getAttribute("aria-invalid"));
        page.getByLabel("数值").fill(next);
        page.getByLabel("备注").fill("lab report 2026-06 No. 17");
        page.locator("form[action='/console/entry'] button").click();
        page.waitForLoadState();
        assertTrue(page.locator("#entered").textContent().contains(next), page.locator("#entered").textContent());
        shot(page, "entry");
        String after = before;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (after.equals(before) && System.nanoTime() < deadline) {
            page.waitForTimeout(2_000);
            page.navigate("/console/overview");
            after = page.locator("#kpi-today").textContent().strip();
        }
        assertFalse(after.equals(before), "today's emissions change after the carbon content does: " + before + " → " + after);
        page.close();
    }

    @Test
    void devicesShowTheirLatestValuesAndAnAdministratorPollsOneNow() {
        Page page = sysadmin().newPage();
        page.navigate("/console/devices");
        assertTrue(page.locator("th[scope=row]").count() >= 6, "the demo's six points are listed");
        page.locator("form.inline-action button").first().click();
        page.waitForLoadState();
        assertTrue(page.locator("#polled").textContent().contains("已采集"), page.content());
        shot(page, "devices");
        page.close();
    }

    @Test
    void aFigureOfTheHourTrendOpensItsDerivation() {
        Page page = sysadmin().newPage();
        page.navigate("/console/trends?grain=hour&from=2026-06-01&to=2026-06-01");
        page.locator("tbody a[href^='/console/explain']").first().click();
        page.waitForLoadState();
        String derivation = page.locator("pre.explain").textContent();
        assertTrue(derivation.contains("tCO2") && derivation.length() > 200, derivation);
        assertTrue(page.locator("caption").textContent().contains("修订记录"));
        shot(page, "explain");
        page.close();
    }

    @Test
    void theReportsPageDownloadsEveryFormat() {
        Page page = sysadmin().newPage();
        page.navigate("/console/reports");
        for (String format : List.of("pdf", "xlsx", "csv", "json", "table")) {
            APIResponse r = page.request().get(base + "/api/report?grain=hour&from=2026-06-01T08:00&to=2026-06-01T10:00&format=" + format);
            assertEquals(200, r.status(), format + ": " + r.text());
            assertTrue(r.body().length > 100, format);
        }
        APIResponse annual = page.request().get(base + "/api/report/annual?year=2026&format=pdf");
        assertEquals(200, annual.status());
        page.close();
    }

    @Test
    void aJobShowsItsProgressAndIsCancelledFromThePage() {
        Page page = sysadmin().newPage();
        page.navigate("/console/jobs");
        assertEquals(0, unlabelled(page));
        // ten years of closed days (all empty before the demo's day) take long enough to watch and cancel
        page.getByLabel("开始", new Page.GetByLabelOptions().setExact(true)).fill("2016-06-03");
        page.getByLabel("结束", new Page.GetByLabelOptions().setExact(true)).fill("2026-05-31");
        page.locator("form[action='/console/jobs']:has(input[value=recompute]) button").click();
        page.waitForLoadState();
        assertTrue(page.locator("#done").textContent().contains("已开始作业"), page.content());
        var row = page.locator("tr.job").first();
        // htmx swaps the table in every second while the job runs: the percentage moves without a reload
        page.waitForFunction("() => { const p = document.querySelector('tr.job .job-percent');"
                + " return p && parseInt(p.textContent) > 0; }", null, new Page.WaitForFunctionOptions().setTimeout(60_000));
        assertTrue(row.locator(".job-step").textContent().contains("recomputing"), row.textContent());
        shot(page, "jobs-running");
        row.locator("button.cancel").click();
        page.waitForLoadState();
        page.waitForFunction("() => { const s = document.querySelector('tr.job .job-state'); return s && s.textContent.includes('已取消'); }",
                null, new Page.WaitForFunctionOptions().setTimeout(30_000));
        assertTrue(page.locator("tr.job").first().textContent().contains("cancelled at"), page.locator("tr.job").first().textContent());
        shot(page, "jobs-cancelled");
        page.close();
    }

    @Test
    void devicesShowFailureCountsAndThePointsEditorNamesTheFieldAtFault() {
        Page page = sysadmin().newPage();
        page.navigate("/console/devices");
        String counts = page.locator("#counts-grid-meter-a").textContent();
        assertTrue(counts.contains("已接收读数") && counts.contains("采集失败"), counts);
        long received = Long.parseLong(counts.replaceAll(".*已接收读数: (\\d+).*", "$1"));
        assertTrue(received > 100, "two simulated hours of polls every 5 s: " + counts);
        page.locator("#edit-points").click();
        page.waitForLoadState();
        String text = page.locator("#points-text").inputValue();
        assertTrue(text.contains("coal-scale-1") && text.startsWith("failover:"), "the site's inline drivers block: " + text);
        page.locator("#points-text").fill(text.replaceFirst("period: 5s", "period: 4h"));
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("校验").setExact(true)).click();
        page.waitForLoadState();
        String problems = page.locator("#problems").textContent();
        assertTrue(problems.contains("devices[0].period") && problems.contains("4h"), problems);
        assertEquals("true", page.locator("#points-text").getAttribute("aria-invalid"));
        var bad = page.locator("ol.lines li.bad");
        assertEquals(1, bad.count(), "one line is at fault");
        assertTrue(bad.textContent().contains("period: 4h") && bad.locator(".line-problem").textContent().contains("devices[0].period"),
                "the problem sits under its line: " + bad.textContent());
        shot(page, "points-error");
        page.locator("#points-text").fill(text.replaceFirst("period: 5s", "period: 10s"));
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("校验并另存为候选版本")).click();
        page.waitForLoadState();
        assertTrue(page.locator("#done").textContent().contains("v1"), page.content());
        assertTrue(page.locator("#done").textContent().contains("在线应用") && page.locator("#done").textContent().contains("device coal-scale-1"),
                "the saved edit applies live, restarting only the edited device: " + page.locator("#done").textContent());
        assertTrue(page.locator("#candidates").textContent().contains("points-v1.yaml"));
        Path saved = terminal.dataDir().resolve("candidates/points/points-v1.yaml");
        assertTrue(Files.exists(saved), saved.toString());
        var audited = terminal.audit().query(new io.tanhe.server.security.audit.AuditQuery(java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.of("config.points.candidate"), java.util.Optional.empty(),
                java.util.Optional.empty(), io.tanhe.server.security.audit.AuditQuery.Sort.SEQ, true, 0, 10),
                new io.tanhe.server.security.audit.AuditActor("test", "auditor", "local"));
        assertTrue(audited.entries().stream().anyMatch(e -> e.event().target().endsWith("points-v1.yaml")), "the save is audited: " + audited);
        shot(page, "points-saved");
        page.close();
    }

    @Test
    void theOpenDayAndTheMonthOpenTheirDerivationsAndAlertsReadInChinese() {
        Page page = sysadmin().newPage();
        page.navigate("/console/overview");
        page.locator("#kpi-today a").click();
        page.waitForLoadState();
        assertTrue(page.locator("#open").textContent().contains("未关闭"), "today is still open: " + page.content());
        assertFalse(page.locator("#current").textContent().contains("—"), "with its current value");
        assertEquals(0, page.locator(".error").count(), "no error for an open day");
        shot(page, "explain-open-day");
        page.navigate("/console/trends?grain=month");
        var link = page.locator("tbody a.figure-link").last();
        link.click();
        page.waitForLoadState();
        assertTrue(page.locator("#days").textContent().contains("2026-06-01"), page.content());
        assertTrue(page.locator(".open-bucket").count() > 0, "the running day is marked open");
        shot(page, "explain-month");
        for (String grain : List.of("week", "quarter", "year")) {
            page.navigate("/console/trends?grain=" + grain);
            assertTrue(page.locator("tbody a.figure-link").count() > 0, grain + " rows link to their derivation");
        }
        page.navigate("/console/alerts?state=all");
        String alerts = page.locator("tbody").textContent();
        assertTrue(alerts.contains("超限（gt1-gas-flow-high）"), alerts);
        assertTrue(alerts.contains("仪表校准逾期") && alerts.contains("已超过校准期限"), "the calibration rule's sentence in Chinese: " + alerts);
        assertFalse(alerts.matches("(?s).*(WARNING|MAJOR|CRITICAL|RAISED|ACKNOWLEDGED).*"), "severities and states in Chinese: " + alerts);
        page.close();
    }

    @Test
    void aViewerSeesNoJobOrConfigurationControls() {
        try (BrowserContext viewer = signedIn("viewer2", viewer2Password, new Browser.NewContextOptions())) {
            Page page = viewer.newPage();
            page.navigate("/console/jobs");
            assertEquals(0, page.locator("main form[method=post]").count(), "no job can be started or cancelled");
            assertEquals(0, page.locator("nav a[href='/console/config']").count());
            page.navigate("/console/devices");
            assertEquals(0, page.locator("#edit-points").count(), "no points editor");
            assertEquals(0, page.locator("main form[method=post]").count(), "no poll button");
            assertEquals(403, page.navigate("/console/points").status());
            assertEquals(403, viewer.request().post(base + "/console/jobs", RequestOptions.create()
                    .setForm(com.microsoft.playwright.options.FormData.create().set("kind", "backup"))).status());
            shot(page, "devices-viewer");
        }
    }

    @Test
    void theUplinkPageShowsARealCentreAndABackfillFromThePageIsAcknowledged() {
        Page page = sysadmin().newPage();
        page.navigate("/console/uplink");
        assertTrue(page.locator("tbody th[scope=row]").first().textContent().contains("province"), page.content());
        assertTrue(page.locator("tbody").textContent().contains("127.0.0.1:" + centre.port()));
        page.getByLabel("粒度").selectOption("hour");
        page.getByLabel("开始", new Page.GetByLabelOptions().setExact(true)).fill("2026-06-01");
        page.getByLabel("结束", new Page.GetByLabelOptions().setExact(true)).fill("2026-06-01");
        page.getByLabel("原因").fill("the province asked for the morning again");
        page.locator("form[action='/console/uplink/backfill'] button").click();
        page.waitForLoadState();
        String queued = page.locator(".notice").textContent();
        assertTrue(queued.contains("已排队"), page.content());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String row = "";
        while (System.nanoTime() < deadline) {
            page.navigate("/console/uplink");
            row = page.locator("tbody tr").first().textContent();
            if (!page.locator("tbody tr td").nth(3).textContent().strip().equals("—")
                    && page.locator("tbody tr td").nth(4).textContent().strip().equals("0")) {
                break;
            }
            page.waitForTimeout(1_000);
        }
        assertEquals("是", page.locator("tbody tr td").nth(2).textContent().strip(), "connected: " + row);
        assertFalse(page.locator("tbody tr td").nth(3).textContent().strip().equals("—"), "a last acknowledgement: " + row);
        assertEquals("0", page.locator("tbody tr td").nth(4).textContent().strip(), "the backlog went out: " + row);
        assertTrue(centre.packets() > 0, "the centre received the backfill");
        shot(page, "uplink-acknowledged");
        page.close();
    }
}
