package io.tanhe.server.console;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.FilePayload;
import io.tanhe.server.api.ApiBinding;
import io.tanhe.server.api.TerminalApi;
import io.tanhe.server.recompute.LatePlant;
import io.tanhe.server.security.access.AccessControl;
import io.tanhe.server.security.access.AccessStore;
import io.tanhe.server.security.access.Actor;
import io.tanhe.server.security.access.PasswordHasher;
import io.tanhe.server.security.access.Role;
import io.tanhe.server.security.access.SecurityPolicy;
import io.tanhe.server.terminal.Terminal;
import io.tanhe.server.terminal.lifecycle.SignedPackages;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The configuration versions page in a real browser, on the late-data plant with a closed day: the system
 * administrator uploads a signed factor package (the oxidation rate 98 %), reads its review — the day's figures
 * stored and replayed, totals by emission class — stages it from that day, activates it and rolls it back; a viewer
 * has no such page and the server refuses it.
 */
@Timeout(240)
@Tag("slow") // a terminal, a replay and a browser: about a minute
class ConfigVersionsBrowserTest {
    static final String PASSWORD = "Plant-2026-ok";

    @TempDir
    Path dir;

    @Test
    void aSystemAdministratorReviewsActivatesAndRollsBackAViewerMayNot() throws Exception {
        SignedPackages.trust(dir.resolve("data"), false);
        byte[] pkg = SignedPackages.oxidation(dir.resolve("work"), "2026.1", "98", SignedPackages.AUTHOR).toBytes();
        try (Terminal t = LatePlant.open(dir.resolve("site"), dir.resolve("data"), Duration.ofMillis(50))) {
            LatePlant.deliver(t, LatePlant.yesterdayEvening());
            AccessControl access = new AccessControl(new AccessStore(t.store()::connect), SecurityPolicy.defaults(),
                    new PasswordHasher(64, 1, 1), Clock.systemUTC(), e -> { });
            account(access, "admin1", Role.SYSTEM_ADMINISTRATOR);
            account(access, "viewer1", Role.VIEWER);
            String base = TerminalApi.start(t, ApiBinding.plain("127.0.0.1", 0), access, Console.on(access));
            Files.createDirectories(ConsoleBrowserTest.SHOTS);
            try (Playwright pw = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
                 Browser browser = pw.chromium().launch(new BrowserType.LaunchOptions().setHeadless(true)
                         .setExecutablePath(Paths.get("/usr/bin/chromium")))) {
                try (BrowserContext admin = signIn(browser, base, "admin1")) {
                    Page page = admin.newPage();
                    page.navigate("/console/config");
                    assertTrue(page.locator("#packages").textContent().contains("尚无配置包"), "no package yet");
                    shot(page, "config-empty");
                    page.setInputFiles("#c-package", new FilePayload("ox-coal-2026.1.tpkg", "application/octet-stream", pkg));
                    page.locator("form[action='/console/config/upload'] button").click();
                    page.waitForLoadState();
                    assertTrue(page.url().contains("/console/config/1"), page.url());
                    assertEquals("reviewed", page.locator("#state").textContent().strip(), page.content());
                    String totals = page.locator("#review-totals").textContent();
                    assertTrue(totals.contains("燃料燃烧") || totals.contains("combustion"), "totals by emission class: " + totals);
                    String figures = page.locator("#review-figures").textContent();
                    assertTrue(figures.contains("coal_combustion[unit1]") && figures.contains("2025-10-02"), figures);
                    assertTrue(figures.contains("108.9000") && figures.contains("107.8000"), "stored and replayed: " + figures);
                    assertTrue(page.locator("#review-figures a.figure-link").count() > 0, "a stored figure opens its derivation");
                    shot(page, "config-review");

                    page.getByLabel("生效自").fill("2025-10-02");
                    page.locator("form[action='/console/config/1/stage'] button").click();
                    page.waitForLoadState();
                    assertEquals("staged", page.locator("#state").textContent().strip());
                    page.onDialog(d -> d.accept());
                    page.locator("#activate").click();
                    page.waitForLoadState();
                    String state = page.locator("#state").textContent().strip();
                    assertTrue(state.equals("self-test") || state.equals("active"), state);
                    assertTrue(page.locator("#config-log").textContent().contains("admin1"), "the log names who activated it");
                    shot(page, "config-activated");

                    page.navigate("/console/config");
                    page.getByLabel("回滚到").selectOption("0");
                    page.locator("form[action='/console/config/rollback'] button").click();
                    page.waitForLoadState();
                    assertTrue(page.locator("#done").textContent().contains("#1"), page.content());
                    assertTrue(page.locator("#packages").textContent().contains("rolled-back"), page.locator("#packages").textContent());
                    assertEquals(0, ((Number) page.evaluate("() => [...document.querySelectorAll('input, select')]"
                            + ".filter(e => e.type !== 'hidden' && (!e.labels || e.labels.length === 0)).length")).intValue(),
                            "every field has a label");
                    shot(page, "config-rolled-back");
                }
                try (BrowserContext viewer = signIn(browser, base, "viewer1")) {
                    Page page = viewer.newPage();
                    page.navigate("/console/overview");
                    assertEquals(0, page.locator("nav a[href='/console/config']").count(), "no configuration page in the viewer's menu");
                    var refused = page.navigate("/console/config/1");
                    assertEquals(403, refused.status());
                    var post = viewer.request().post(base + "/console/config/rollback", com.microsoft.playwright.options.RequestOptions.create()
                            .setForm(com.microsoft.playwright.options.FormData.create().set("to", "0")));
                    assertEquals(403, post.status(), "the server refuses the viewer's roll-back");
                }
            }
        }
    }

    private static void account(AccessControl access, String user, Role role) {
        String once = access.addAccount(Actor.local(), user, role);
        access.changePassword(Actor.local(), user, once, PASSWORD, null);
    }

    private static BrowserContext signIn(Browser browser, String base, String user) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setBaseURL(base).setViewportSize(1366, 900)
                .setLocale("zh-CN"));
        Page page = context.newPage();
        page.navigate("/console/login");
        page.fill("#username", user);
        page.fill("#password", PASSWORD);
        page.click("button[type=submit]");
        page.waitForLoadState();
        page.close();
        return context;
    }

    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(ConsoleBrowserTest.SHOTS.resolve(name + ".png")).setFullPage(true));
    }
}
