package io.tanhe.server.console;

import io.javalin.http.Context;
import io.tanhe.engine.model.EmissionClass;
import io.tanhe.engine.time.Quality;
import io.tanhe.server.api.ApiServer;
import io.tanhe.server.api.Callers;
import io.tanhe.server.report.Analysis;
import io.tanhe.server.report.Labels;
import io.tanhe.server.report.ReportGrain;
import io.tanhe.server.report.ReportSummary;
import io.tanhe.server.report.ResultRow;
import io.tanhe.server.store.Alert;
import io.tanhe.server.store.AlertState;
import io.tanhe.server.store.TimeRange;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The pages that read plant data: overview, trends, structure, alerts, reports, system. */
final class Pages {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final List<ReportGrain> TREND_GRAINS = List.of(ReportGrain.HOUR, ReportGrain.DAY, ReportGrain.WEEK,
            ReportGrain.MONTH, ReportGrain.QUARTER, ReportGrain.YEAR);

    private final ApiServer.Sources s;
    private final Figures figures;
    private final SystemFacts system;

    Pages(ApiServer.Sources sources, Figures figures) {
        this.s = sources;
        this.figures = figures;
        this.system = new SystemFacts(sources);
    }

    private String site() {
        return s.site().identity().siteName();
    }

    private ZoneId zone() {
        return s.site().zone();
    }

    // --- overview

    void overview(Context ctx) {
        Lang lang = Lang.of(ctx);
        String body = "<h1 class=\"sr-only\">" + Texts.t(lang, "overview") + "</h1>"
                + "<div id=\"figures\" hx-get=\"/console/overview/figures\" hx-trigger=\"every 30s\" hx-swap=\"outerHTML\">"
                + figuresPanel(lang) + "</div>"
                + "<section class=\"panel wide\"><h2>" + Texts.t(lang, "liveCurve") + "</h2>"
                + Charts.element("live", Texts.t(lang, "liveCurve"), minutesOption(lang), "/console/overview/minutes") + "</section>"
                + breakdown(lang);
        ctx.html(Layout.page(lang, Callers.principal(ctx), site(), "overview", body, true));
    }

    /** The figures panel alone, which htmx swaps in every 30 s. */
    void overviewFigures(Context ctx) {
        ctx.html("<div id=\"figures\" hx-get=\"/console/overview/figures\" hx-trigger=\"every 30s\" hx-swap=\"outerHTML\">"
                + figuresPanel(Lang.of(ctx)) + "</div>");
    }

    /** The live curve's ECharts option as JSON, which console.js fetches every 30 s. */
    void minutes(Context ctx) {
        ctx.contentType("application/json; charset=utf-8").result(Charts.json(minutesOption(Lang.of(ctx))));
    }

    private Map<String, Object> minutesOption(Lang lang) {
        TimeRange today = figures.bucket(ReportGrain.DAY, figures.asOf());
        List<String> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (ResultRow r : figures.minutes(today)) {
            times.add(MINUTE.format(r.start().atZone(zone())));
            values.add(Charts.round(r.value()));
        }
        Map<String, List<Double>> series = new LinkedHashMap<>();
        series.put(Texts.t(lang, "value"), values);
        return Charts.lines(times, series, figures.unit(), false);
    }

    private String figuresPanel(Lang lang) {
        Instant asOf = figures.asOf();
        ReportSummary day = figures.today();
        ReportSummary month = figures.thisMonth();
        List<Alert> open = s.store().alerts().alerts(EnumSet.of(AlertState.RAISED, AlertState.ACKNOWLEDGED),
                TimeRange.of(Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z")));
        StringBuilder out = new StringBuilder("<section class=\"cards\" aria-label=\"" + Texts.t(lang, "overview") + "\">");
        out.append(card(lang, "today", day, "kpi-today"));
        out.append(card(lang, "month", month, "kpi-month"));
        out.append("<div class=\"card\"><h2>").append(Texts.t(lang, "intensity")).append("</h2>");
        if (day.intensities().isEmpty() && month.intensities().isEmpty()) {
            out.append("<p class=\"muted\">").append(Texts.t(lang, "noTotals")).append("</p>");
        } else {
            for (ReportSummary.Line l : month.intensities()) {
                out.append("<p><span class=\"big\">").append(Html.num(l.value(), 3)).append("</span> ").append(Html.esc(l.unit()))
                        .append("<br><span class=\"muted\">").append(Html.esc(l.title())).append("</span></p>");
            }
        }
        out.append("</div>");
        out.append("<div class=\"card\"><h2>").append(Texts.t(lang, "openAlerts")).append("</h2><p><a class=\"big\" id=\"kpi-alerts\" href=\"/console/alerts\">")
                .append(open.size()).append("</a></p>");
        open.stream().limit(3).forEach(a -> out.append("<p class=\"alert-line ").append(a.severity().name().toLowerCase(Locale.ROOT))
                .append("\">").append(Html.esc(a.raised().message())).append("</p>"));
        out.append("</div></section>");
        out.append("<p class=\"muted asof\">").append(Texts.t(lang, "asOf")).append(' ')
                .append(LOCAL.format(asOf.atZone(zone()))).append("</p>");
        return out.toString();
    }

    private String card(Lang lang, String title, ReportSummary sum, String id) {
        var head = sum.headline();
        String value = head.map(l -> Html.num(l.value(), 3)).orElse("—");
        String unit = head.map(ReportSummary.Line::unit).orElse(figures.unit());
        String quality = head.map(l -> quality(lang, l.quality())).orElse(Texts.t(lang, "noData"));
        String completeness = head.map(l -> Html.share(l.completeness())).orElse("—");
        return """
                <div class="card"><h2>%s</h2><p><span class="big" id="%s">%s</span> %s</p>
                <p class="muted">%s: %s · %s: %s</p></div>""".formatted(Texts.t(lang, title), id, value, Html.esc(unit),
                Texts.t(lang, "quality"), Html.esc(quality), Texts.t(lang, "completeness"), completeness);
    }

    private String breakdown(Lang lang) {
        ReportSummary month = figures.thisMonth();
        Map<String, Double> byClass = new LinkedHashMap<>();
        month.byClass().forEach((c, v) -> byClass.put(className(lang, c), v));
        Map<String, Double> bySource = new LinkedHashMap<>();
        month.sources().forEach(l -> bySource.merge(l.title() + (l.label().contains("[") ? " " + l.label().substring(l.label().indexOf('[')) : ""),
                l.value(), Double::sum));
        return "<div class=\"two\"><section class=\"panel\"><h2>" + Texts.t(lang, "byClass") + " · " + Texts.t(lang, "month") + "</h2>"
                + pie(lang, "by-class", Texts.t(lang, "byClass"), byClass, figures.unit()) + "</section>"
                + "<section class=\"panel\"><h2>" + Texts.t(lang, "bySource") + " · " + Texts.t(lang, "month") + "</h2>"
                + pie(lang, "by-source", Texts.t(lang, "bySource"), bySource, figures.unit()) + "</section></div>";
    }

    /** A ring of shares, or "no data yet" when nothing is positive (a grey ring of zeros says nothing). */
    private static String pie(Lang lang, String id, String label, Map<String, Double> parts, String unit) {
        if (parts.values().stream().noneMatch(v -> v != null && v > 0)) {
            return "<p class=\"muted\">" + Texts.t(lang, "noData") + "</p>";
        }
        return Charts.element(id, label, Charts.pie(parts, unit), null);
    }

    static String className(Lang lang, EmissionClass c) {
        return lang == Lang.ZH ? Labels.emissionClass(c) : c.keyword();
    }

    static String quality(Lang lang, Quality q) {
        return lang == Lang.ZH ? Labels.quality(q) : q == null ? "missing" : q.name().toLowerCase(Locale.ROOT);
    }

    // --- trends

    void trends(Context ctx) {
        Lang lang = Lang.of(ctx);
        ReportGrain grain;
        try {
            grain = ReportGrain.fromLabel(java.util.Optional.ofNullable(ctx.queryParam("grain")).orElse("day"));
        } catch (IllegalArgumentException e) {
            grain = ReportGrain.DAY;
        }
        if (!TREND_GRAINS.contains(grain)) {
            grain = ReportGrain.DAY;
        }
        LocalDate last = figures.asOf().atZone(zone()).toLocalDate();
        LocalDate defaultFrom = switch (grain) {
            case HOUR -> last;
            case DAY -> last.minusDays(30);
            case WEEK -> last.minusWeeks(11);
            case MONTH, QUARTER -> last.withDayOfYear(1);
            default -> last.withDayOfYear(1).minusYears(4);
        };
        String error = null;
        LocalDate from = defaultFrom;
        LocalDate to = last;
        try {
            if (ctx.queryParam("from") != null && !ctx.queryParam("from").isBlank()) {
                from = LocalDate.parse(ctx.queryParam("from").strip());
            }
            if (ctx.queryParam("to") != null && !ctx.queryParam("to").isBlank()) {
                to = LocalDate.parse(ctx.queryParam("to").strip());
            }
        } catch (DateTimeParseException e) {
            error = "`" + e.getParsedString() + "`: " + (lang == Lang.ZH ? "日期格式应为 2026-06-01" : "write a date as 2026-06-01");
        }
        if (to.isBefore(from)) {
            error = lang == Lang.ZH ? "结束日期早于开始日期" : "`to` is before `from`";
            to = from;
        }
        if (grain == ReportGrain.HOUR && from.plusDays(31).isBefore(to)) {
            error = lang == Lang.ZH ? "小时粒度最多查询 31 天" : "hours: at most 31 days at a time";
            to = from.plusDays(31);
        }
        TimeRange range = TimeRange.of(from.atStartOfDay(zone()).toInstant(), to.plusDays(1).atStartOfDay(zone()).toInstant());
        List<Figures.TrendRow> rows = figures.trend(grain, range);
        List<String> categories = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Double> lastYear = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        for (Figures.TrendRow r : rows) {
            String label = bucketLabel(grain, r.start());
            categories.add(label);
            values.add(Charts.round(r.value()));
            lastYear.add(Charts.round(r.lastYear()));
            String value = Html.num(r.value(), 3);
            if (r.value() != null && grain.evaluated() && figures.headline().isPresent()) { // evaluated buckets: explainable by replay
                value = PlantPages.explainLink(figures.headline().get(), grain.grain(), r.start(), value);
            }
            table.append("<tr><th scope=\"row\">").append(label).append("</th><td>").append(value)
                    .append("</td><td>").append(Html.num(r.lastYear(), 3)).append("</td><td>").append(Html.change(r.yearOnYear()))
                    .append("</td><td>").append(Html.change(r.periodOnPeriod())).append("</td><td>")
                    .append(r.value() == null ? "—" : Html.share(r.completeness())).append("</td></tr>");
        }
        Map<String, List<Double>> series = new LinkedHashMap<>();
        series.put(Texts.t(lang, "value"), values);
        series.put(Texts.t(lang, "lastYear"), lastYear);
        StringBuilder options = new StringBuilder();
        for (ReportGrain g : TREND_GRAINS) {
            options.append("<option value=\"").append(g.label()).append('"').append(g == grain ? " selected" : "").append('>')
                    .append(grainName(lang, g)).append("</option>");
        }
        String body = """
                <h1>%s</h1>
                <form class="form inline" method="get" action="/console/trends">
                  <label for="grain">%s</label><select id="grain" name="grain">%s</select>
                  <label for="from">%s</label><input id="from" name="from" type="date" value="%s">
                  <label for="to">%s</label><input id="to" name="to" type="date" value="%s">
                  <button type="submit">%s</button>
                </form>
                %s
                <section class="panel wide">%s</section>
                <section class="panel"><table><caption>%s (%s)</caption>
                <thead><tr><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th></tr></thead>
                <tbody>%s</tbody></table></section>""".formatted(Texts.t(lang, "trends"), Texts.t(lang, "grain"), options,
                Texts.t(lang, "from"), from, Texts.t(lang, "to"), to, Texts.t(lang, "show"),
                error == null ? "" : "<p class=\"error\" role=\"alert\">" + Html.esc(error) + "</p>",
                Charts.element("trend", Texts.t(lang, "trends"), Charts.lines(categories, series, figures.unit(), grain != ReportGrain.HOUR), null),
                Texts.t(lang, "trends"), Html.esc(figures.unit()), Texts.t(lang, "period"), Texts.t(lang, "value"),
                Texts.t(lang, "lastYear"), Texts.t(lang, "yoy"), Texts.t(lang, "mom"), Texts.t(lang, "completeness"), table);
        ctx.html(Layout.page(lang, Callers.principal(ctx), site(), "trends", body, true));
    }

    private String bucketLabel(ReportGrain grain, Instant start) {
        var t = start.atZone(zone());
        return switch (grain) {
            case HOUR -> LOCAL.format(t);
            case DAY, WEEK -> t.toLocalDate().toString();
            case MONTH -> String.format(Locale.ROOT, "%d-%02d", t.getYear(), t.getMonthValue());
            case QUARTER -> t.getYear() + "-Q" + ((t.getMonthValue() - 1) / 3 + 1);
            default -> String.valueOf(t.getYear());
        };
    }

    private static String grainName(Lang lang, ReportGrain g) {
        return Texts.t(lang, switch (g) {
            case HOUR -> "hour";
            case DAY -> "day";
            case WEEK -> "week";
            case MONTH -> "monthGrain";
            case QUARTER -> "quarter";
            default -> "yearGrain";
        });
    }

    // --- structure

    void structure(Context ctx) {
        Lang lang = Lang.of(ctx);
        int latest = figures.asOf().atZone(zone()).getYear();
        int year = latest;
        try {
            if (ctx.queryParam("year") != null) {
                year = Integer.parseInt(ctx.queryParam("year").strip());
            }
        } catch (NumberFormatException e) {
            year = latest;
        }
        if (year < 2000 || year > 2100) {
            year = latest;
        }
        Analysis a = Analysis.of(s.site().identity().siteId(), s.site().methodology(), s.site().graph(), s.store().results(),
                zone(), Year.of(year));
        Map<String, Double> scopes = new LinkedHashMap<>();
        a.scopes().forEach(sh -> scopes.put(lang == Lang.ZH ? sh.name() : sh.name().startsWith("直接") ? "direct" : "indirect", sh.value()));
        ReportSummary ys = figures.summary(ReportGrain.YEAR, TimeRange.of(Year.of(year).atDay(1).atStartOfDay(zone()).toInstant(),
                Year.of(year + 1).atDay(1).atStartOfDay(zone()).toInstant()));
        Map<String, Double> classes = new LinkedHashMap<>();
        ys.byClass().forEach((c, v) -> classes.put(className(lang, c), v));
        StringBuilder sources = new StringBuilder();
        for (Analysis.Source src : a.sources()) {
            sources.append("<tr").append(src.key() ? " class=\"key\"" : "").append("><td>").append(src.rank()).append("</td><th scope=\"row\">")
                    .append(Html.esc(src.title())).append(" <span class=\"muted\">").append(Html.esc(src.label())).append("</span></th><td>")
                    .append(Html.esc(src.emissionClass())).append("</td><td>").append(Html.num(src.value(), 3)).append("</td><td>")
                    .append(Html.share(src.share())).append("</td><td>").append(Html.change(src.change())).append("</td><td>")
                    .append(src.key() ? "★" : "").append("</td></tr>");
        }
        StringBuilder activity = new StringBuilder();
        for (Analysis.Activity act : a.activity()) {
            activity.append("<tr><th scope=\"row\">").append(Html.esc(act.title())).append(" <span class=\"muted\">")
                    .append(Html.esc(act.label())).append("</span></th><td>").append(Html.num(act.value(), 3)).append("</td><td>")
                    .append(Html.esc(act.unit())).append("</td><td>").append(Html.change(act.change())).append("</td></tr>");
        }
        String body = """
                <h1>%s</h1>
                <form class="form inline" method="get" action="/console/structure">
                  <label for="year">%s</label><input id="year" name="year" type="number" min="2000" max="2100" value="%d">
                  <button type="submit">%s</button>
                </form>
                <div class="two">
                <section class="panel"><h2>%s</h2>%s</section>
                <section class="panel"><h2>%s</h2>%s</section>
                </div>
                <section class="panel"><table><caption>%s (%s)</caption>
                <thead><tr><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th></tr></thead>
                <tbody>%s</tbody></table></section>
                <section class="panel"><table><caption>%s</caption>
                <thead><tr><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th></tr></thead>
                <tbody>%s</tbody></table></section>""".formatted(Texts.t(lang, "structure"), Texts.t(lang, "year"), year,
                Texts.t(lang, "show"), Texts.t(lang, "scope"), pie(lang, "scopes", Texts.t(lang, "scope"), scopes, a.unit()),
                Texts.t(lang, "byClass"), pie(lang, "classes", Texts.t(lang, "byClass"), classes, a.unit()),
                Texts.t(lang, "keySources"), Html.esc(a.unit()), Texts.t(lang, "rank"), Texts.t(lang, "source"), Texts.t(lang, "byClass"),
                Texts.t(lang, "value"), Texts.t(lang, "share"), Texts.t(lang, "change"), Texts.t(lang, "key"), sources,
                Texts.t(lang, "activity"), Texts.t(lang, "name"), Texts.t(lang, "value"), Texts.t(lang, "unit"), Texts.t(lang, "change"),
                activity);
        ctx.html(Layout.page(lang, Callers.principal(ctx), site(), "structure", body, true));
    }

    // --- alerts

    void alerts(Context ctx) {
        Lang lang = Lang.of(ctx);
        boolean all = "all".equals(ctx.queryParam("state"));
        boolean operate = OperatorPages.mayOperate(Callers.principal(ctx));
        String acknowledged = ctx.queryParam("acknowledged");
        var states = all ? EnumSet.allOf(AlertState.class) : EnumSet.of(AlertState.RAISED, AlertState.ACKNOWLEDGED);
        List<Alert> list = s.store().alerts().alerts(states, TimeRange.of(Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z")));
        StringBuilder rows = new StringBuilder();
        for (Alert a : list.reversed().stream().limit(500).toList()) {
            rows.append("<tr class=\"").append(a.severity().name().toLowerCase(Locale.ROOT)).append("\"><td>")
                    .append(LOCAL.format(a.raised().raisedAt().atZone(zone()))).append("</td><td>").append(Html.esc(a.severity().name()))
                    .append("</td><td>").append(Html.esc(a.raised().ruleId())).append("</td><td>").append(Html.esc(a.raised().message()))
                    .append("</td><td>").append(Html.esc(a.state().name())).append("</td><td>")
                    .append(Html.esc(a.acknowledgedBy() == null ? "" : a.acknowledgedBy()))
                    .append(a.acknowledgeComment() == null || a.acknowledgeComment().isEmpty() ? "" : ": " + Html.esc(a.acknowledgeComment()))
                    .append(operate && a.state() == AlertState.RAISED ? OperatorPages.ackForm(lang, a.id()) : "").append("</td></tr>");
        }
        String body = """
                <h1>%s</h1>
                %s<p><a href="/console/alerts"%s>%s</a> · <a href="/console/alerts?state=all"%s>%s</a></p>
                <section class="panel"><table><caption>%s: %d</caption>
                <thead><tr><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th></tr></thead>
                <tbody>%s</tbody></table></section>""".formatted(Texts.t(lang, "alerts"),
                acknowledged == null ? "" : "<p class=\"notice\" role=\"status\">" + Texts.t(lang, "acknowledgedNo") + " #"
                        + Html.esc(acknowledged) + "</p>", all ? "" : " aria-current=\"page\"",
                Texts.t(lang, "open"), all ? " aria-current=\"page\"" : "", Texts.t(lang, "all"), Texts.t(lang, "alerts"), list.size(),
                Texts.t(lang, "raisedAt"), Texts.t(lang, "severity"), Texts.t(lang, "rule"), Texts.t(lang, "message"),
                Texts.t(lang, "state"), Texts.t(lang, "ackBy"), rows);
        ctx.html(Layout.page(lang, Callers.principal(ctx), site(), "alerts", body, false));
    }

    // --- reports

    void reports(Context ctx) {
        Lang lang = Lang.of(ctx);
        LocalDate last = figures.asOf().atZone(zone()).toLocalDate();
        StringBuilder grains = new StringBuilder();
        for (ReportGrain g : TREND_GRAINS) {
            grains.append("<option value=\"").append(g.label()).append('"').append(g == ReportGrain.DAY ? " selected" : "").append('>')
                    .append(grainName(lang, g)).append("</option>");
        }
        String formats = "<option value=\"pdf\">PDF</option><option value=\"xlsx\">Excel (xlsx)</option>"
                + "<option value=\"csv\">CSV</option><option value=\"json\">JSON</option><option value=\"table\">"
                + (lang == Lang.ZH ? "文本表格" : "text table") + "</option>";
        String body = """
                <h1>%s</h1>
                <section class="panel"><h2>%s</h2>
                <form class="form inline" method="get" action="/api/report">
                  <label for="r-grain">%s</label><select id="r-grain" name="grain">%s</select>
                  <label for="r-from">%s</label><input id="r-from" name="from" type="date" value="%s" required>
                  <label for="r-to">%s</label><input id="r-to" name="to" type="date" value="%s">
                  <label for="r-format">%s</label><select id="r-format" name="format">%s</select>
                  <button type="submit">%s</button>
                </form></section>
                <section class="panel"><h2>%s</h2>
                <form class="form inline" method="get" action="/api/report/annual">
                  <label for="a-year">%s</label><input id="a-year" name="year" type="number" min="2000" max="2100" value="%d" required>
                  <label for="a-format">%s</label><select id="a-format" name="format"><option value="pdf">PDF</option><option value="xlsx">Excel (xlsx)</option></select>
                  <button type="submit">%s</button>
                </form></section>""".formatted(Texts.t(lang, "reports"), Texts.t(lang, "periodic"), Texts.t(lang, "grain"), grains,
                Texts.t(lang, "from"), last.withDayOfMonth(1), Texts.t(lang, "to"), last.plusDays(1), Texts.t(lang, "format"), formats,
                Texts.t(lang, "download"), Texts.t(lang, "annual"), Texts.t(lang, "year"), last.getYear(), Texts.t(lang, "format"),
                Texts.t(lang, "download"));
        ctx.html(Layout.page(lang, Callers.principal(ctx), site(), "reports", body, false));
    }

    // --- system

    void system(Context ctx) {
        Lang lang = Lang.of(ctx);
        StringBuilder rows = new StringBuilder();
        system.facts(lang).forEach((k, v) -> rows.append("<tr><th scope=\"row\">").append(Html.esc(k)).append("</th><td>")
                .append(Html.esc(v)).append("</td></tr>"));
        String log = "";
        if (OperatorPages.mayOperate(Callers.principal(ctx))) { // the log is the administrator's (§8.2), not every viewer's
            StringBuilder lines = new StringBuilder();
            SystemFacts.recentProblems(30).forEach(l -> lines.append(Html.esc(l)).append('\n'));
            log = "<section class=\"panel\"><h2>" + Texts.t(lang, "errorLog") + "</h2>" + (lines.isEmpty()
                    ? "<p class=\"muted\">" + Texts.t(lang, "none") + "</p>" : "<pre class=\"log\">" + lines + "</pre>") + "</section>";
        }
        String body = "<h1>" + Texts.t(lang, "system") + "</h1><section class=\"panel\"><table><caption>"
                + Texts.t(lang, "system") + "</caption><tbody>" + rows + "</tbody></table></section>" + log;
        ctx.html(Layout.page(lang, Callers.principal(ctx), site(), "system", body, false));
    }
}
