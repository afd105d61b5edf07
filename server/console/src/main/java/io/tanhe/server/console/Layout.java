package io.tanhe.server.console;

import io.tanhe.server.security.access.Permission;
import io.tanhe.server.security.access.Principal;

import java.util.List;

/**
 * The frame of every page: header with the site's name, the menu of the pages the signed-in role may open,
 * the language switch and big-screen mode; scripts from the webjars the server itself serves (no CDN).
 */
final class Layout {
    /** A menu entry and the permission it needs: a role sees only what it may open. */
    record Entry(String key, String path, Permission needs) {
    }

    static final List<Entry> MENU = List.of(
            new Entry("overview", "/console/overview", Permission.READ_DATA),
            new Entry("trends", "/console/trends", Permission.READ_DATA),
            new Entry("structure", "/console/structure", Permission.READ_DATA),
            new Entry("alerts", "/console/alerts", Permission.READ_DATA),
            new Entry("entry", "/console/entry", Permission.OPERATE),
            new Entry("devices", "/console/devices", Permission.READ_DATA),
            new Entry("flueGas", "/console/flue-gas", Permission.READ_DATA),
            new Entry("uplink", "/console/uplink", Permission.READ_DATA),
            new Entry("jobs", "/console/jobs", Permission.READ_DATA),
            new Entry("config", "/console/config", Permission.OPERATE),
            new Entry("reports", "/console/reports", Permission.READ_DATA),
            new Entry("system", "/console/system", Permission.READ_DATA),
            new Entry("users", "/console/users", Permission.MANAGE_ACCOUNTS),
            new Entry("audit", "/console/audit", Permission.READ_AUDIT));

    static final String HTMX = "/webjars/htmx.org/2.0.10/dist/htmx.min.js";
    static final String ECHARTS = "/webjars/echarts/5.3.1/dist/echarts.common.min.js";

    private Layout() {
    }

    /** The first page {@code who} may open (the overview for those who read data). */
    static String home(Principal who) {
        return MENU.stream().filter(e -> e.needs().grantedTo(who.role())).map(Entry::path).findFirst()
                .orElse("/console/password");
    }

    /** A whole page for a signed-in person; {@code charts} loads ECharts. */
    static String page(Lang lang, Principal who, String site, String active, String body, boolean charts) {
        StringBuilder nav = new StringBuilder();
        for (Entry e : MENU) {
            if (e.needs().grantedTo(who.role())) {
                nav.append("<a href=\"").append(e.path()).append('"').append(e.key().equals(active) ? " aria-current=\"page\"" : "")
                        .append('>').append(Texts.t(lang, e.key())).append("</a>");
            }
        }
        String other = lang == Lang.ZH ? "English" : "中文";
        String header = """
                <header class="top">
                  <a class="brand" href="/console/">%s</a>
                  <button type="button" class="menu-toggle" aria-controls="menu" aria-expanded="false" onclick="tanhe.menu(this)">%s</button>
                  <nav id="menu" aria-label="%s">%s</nav>
                  <div class="me">
                    <span title="%s">%s · %s</span>
                    <a href="?lang=%s" hreflang="%s">%s</a>
                    <button type="button" onclick="tanhe.bigScreen()">%s</button>
                    <a href="/console/password">%s</a>
                    <form method="post" action="/console/logout"><button type="submit">%s</button></form>
                  </div>
                </header>""".formatted(Html.esc(site), Texts.t(lang, "menu"), Texts.t(lang, "menu"), nav,
                Html.esc(who.role().title()), Html.esc(who.name()), Html.esc(who.role().code()),
                lang == Lang.ZH ? "en" : "zh", lang == Lang.ZH ? "en" : "zh-CN", other, Texts.t(lang, "bigScreen"),
                Texts.t(lang, "changePassword"), Texts.t(lang, "logout"));
        return frame(lang, Texts.t(lang, active) + " · " + site, header, body, charts);
    }

    /** A page without the menu (sign-in, errors before sign-in). */
    static String bare(Lang lang, String title, String body) {
        String other = lang == Lang.ZH ? "English" : "中文";
        String header = """
                <header class="top"><span class="brand">%s</span>
                <div class="me"><a href="?lang=%s">%s</a></div></header>""".formatted(Texts.t(lang, "app"),
                lang == Lang.ZH ? "en" : "zh", other);
        return frame(lang, title, header, body, false);
    }

    private static String frame(Lang lang, String title, String header, String body, boolean charts) {
        return """
                <!DOCTYPE html>
                <html lang="%s">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <link rel="stylesheet" href="/console/static/console.css">
                <script src="%s" defer></script>
                %s<script src="/console/static/console.js" defer></script>
                </head>
                <body>
                <a class="skip" href="#main">%s</a>
                %s
                <main id="main">
                %s
                </main>
                </body>
                </html>
                """.formatted(lang.tag(), Html.esc(title), HTMX, charts ? "<script src=\"" + ECHARTS + "\" defer></script>\n" : "",
                Texts.t(lang, "skip"), header, body);
    }
}
