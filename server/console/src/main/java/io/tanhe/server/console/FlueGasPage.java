package io.tanhe.server.console;

import io.javalin.http.Context;
import io.tanhe.drivers.config.ConfiguredSource;
import io.tanhe.drivers.config.PointSettings;
import io.tanhe.server.api.ApiServer;
import io.tanhe.server.api.Callers;
import io.tanhe.server.report.BothMethods;
import io.tanhe.server.report.ReportGrain;
import io.tanhe.server.security.access.Principal;
import io.tanhe.server.site.Measurement;
import io.tanhe.server.site.PointBinding;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.QaRecord;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.TimeRange;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The stack CEMS (issue 23, §7.2.3 (3) "和相关烟气参数"): the latest flue-gas parameters the measurement method reads —
 * CO2 concentration, flow, temperature, static and ambient pressure, moisture, and the other points of the analysers'
 * source (O2, calibration intercept and slope) — and the two methods side by side, hour by hour for the local day of
 * the latest reading: the CEMS figure, the accounting figure, δ = (E_CEMS − E_accounting)/E_accounting, the capture
 * rate, substituted hours and the finding past the site's bound (as the report's "Both methods" section); with the
 * QA records of the last week. A site without a {@code measurement:} block gets a sentence saying so.
 */
final class FlueGasPage {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");
    /** How far back the latest value of a flue-gas point is looked for. */
    private static final Duration RECENT = Duration.ofHours(6);
    /** The measurement inputs by their names in cn.cems-co2, with the words a plant uses (HJ 212-2017 Table B.2). */
    private static final Map<String, String[]> INPUTS = Map.of(
            "co2_volume", new String[]{"二氧化碳浓度", "CO2 concentration"},
            "co2_mass", new String[]{"二氧化碳质量浓度", "CO2 mass concentration"},
            "flue_flow", new String[]{"烟气流量", "Flue-gas flow"},
            "flue_velocity", new String[]{"烟气流速", "Flue-gas velocity"},
            "flue_temperature", new String[]{"烟气温度", "Flue-gas temperature"},
            "flue_static_pressure", new String[]{"烟气静压", "Static pressure"},
            "ambient_pressure", new String[]{"大气压", "Ambient pressure"},
            "flue_moisture", new String[]{"烟气湿度", "Moisture"});

    private final ApiServer.Sources s;

    FlueGasPage(ApiServer.Sources sources) {
        this.s = sources;
    }

    void show(Context ctx) {
        Lang lang = Lang.of(ctx);
        Principal p = Callers.principal(ctx);
        Site site = s.site();
        StringBuilder out = new StringBuilder("<h1>" + Texts.t(lang, "flueGas") + "</h1>");
        Optional<Measurement> m = site.measurement();
        if (m.isEmpty()) {
            out.append("<section class=\"panel\"><p class=\"muted\">").append(t(lang, "站点文件没有测量法（measurement:），没有烟气连续监测。",
                    "The site file has no measurement: block: there is no stack CEMS.")).append("</p></section>");
        } else {
            Instant latest = s.store().readings().latestMeasuredAt().orElseGet(Instant::now);
            out.append(parameters(lang, site, m.get(), latest)).append(bothMethods(lang, site, latest)).append(qa(lang, latest));
        }
        ctx.html(Layout.page(lang, p, site.identity().siteName(), "flueGas", out.toString(), false));
    }

    /** The bound measurement points first, by the input they feed; then the other points of their sources. */
    private String parameters(Lang lang, Site site, Measurement m, Instant latest) {
        StringBuilder rows = new StringBuilder();
        TimeRange recent = TimeRange.of(latest.minus(RECENT), latest.plusSeconds(1));
        for (Map.Entry<String, PointBinding> e : m.bindings().entrySet()) {
            String input = e.getValue().target().replaceAll("\\[.*", "");
            String[] words = INPUTS.getOrDefault(input, new String[]{input, input});
            rows.append(row(words[lang.ordinal()], e.getKey(), e.getValue().target(), last(e.getKey(), recent), true));
        }
        for (ConfiguredSource src : site.drivers().sources()) {
            if (src.points().stream().anyMatch(pt -> m.bindings().containsKey(pt.id()))) {
                for (PointSettings pt : src.points()) {
                    if (!m.bindings().containsKey(pt.id())) {
                        rows.append(row(pt.id(), pt.id(), "—", last(pt.id(), recent), false));
                    }
                }
            }
        }
        return """
                <section class="panel scroll"><table id="flue-gas"><caption>%s</caption><thead><tr>
                <th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th>
                <th scope="col">%s</th><th scope="col">%s</th></tr></thead><tbody>%s</tbody></table></section>""".formatted(
                t(lang, "烟气参数（最新值，数采仪上报）", "Flue-gas parameters (latest, as the data logger sent them)"),
                t(lang, "参数", "Parameter"), t(lang, "测点", "Point"), t(lang, "用于", "Feeds"), t(lang, "数值", "Value"),
                t(lang, "单位", "Unit"), t(lang, "质量", "Quality"), t(lang, "时间", "Time"), rows);
    }

    /** {@code input}: the point feeds the measurement, so a missing value is a warning (an intercept only comes after a calibration). */
    private String row(String label, String point, String feeds, Optional<StoredReading> r, boolean input) {
        String value = r.map(x -> x.value() == null ? "—" : x.value().toPlainString()).orElse("—");
        boolean bad = r.map(x -> x.value() == null).orElse(input);
        return "<tr" + (bad ? " class=\"warning\"" : "") + " data-point=\"" + Html.esc(point) + "\"><th scope=\"row\">" + Html.esc(label)
                + "</th><td>" + Html.esc(point) + "</td><td>" + Html.esc(feeds) + "</td><td class=\"value\">" + Html.esc(value) + "</td><td>"
                + Html.esc(r.map(StoredReading::unit).orElse("")) + "</td><td>" + Html.esc(r.map(x -> x.quality().name()).orElse("—"))
                + "</td><td>" + r.map(x -> local(x.measuredAt())).orElse("—") + "</td></tr>";
    }

    private Optional<StoredReading> last(String point, TimeRange recent) {
        List<StoredReading> found = s.store().readings().readings(point, recent);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getLast());
    }

    /** The compared boundaries hour by hour over the local day of the latest reading, then the day so far. */
    private String bothMethods(Lang lang, Site site, Instant latest) {
        LocalDate day = LocalDate.ofInstant(latest, site.zone());
        TimeRange today = TimeRange.of(day.atStartOfDay(site.zone()).toInstant(), day.plusDays(1).atStartOfDay(site.zone()).toInstant());
        BothMethods both = BothMethods.of(site, s.store().results(), s.store().qa(), ReportGrain.HOUR, today);
        StringBuilder rows = new StringBuilder();
        for (BothMethods.Row r : both.rows()) {
            String unit = r.accounted().map(a -> a.unit()).or(() -> r.measured().map(x -> x.unit())).orElse("");
            rows.append("<tr").append(r.finding().isPresent() ? " class=\"warning\"" : "").append("><th scope=\"row\">")
                    .append(HOUR.format(r.start().atZone(site.zone()))).append("</th><td>").append(Html.esc(r.pair().measuredTarget()))
                    .append("</td><td class=\"cems\">").append(r.measured().map(x -> Html.num(x.value(), 3)).orElse("—"))
                    .append("</td><td class=\"accounting\">").append(r.accounted().map(x -> Html.num(x.value(), 3)).orElse("—"))
                    .append("</td><td>").append(Html.esc(unit)).append("</td><td class=\"delta\">")
                    .append(Double.isNaN(r.deviation()) ? "—" : String.format(Locale.ROOT, "%+.2f %%", r.deviation() * 100))
                    .append("</td><td>").append(Double.isNaN(r.captureRate()) ? "—" : Html.share(r.captureRate())).append("</td><td>")
                    .append(r.substituted()).append('/').append(r.hours()).append("</td><td>").append(Html.esc(r.finding().orElse("")))
                    .append("</td></tr>");
        }
        if (rows.isEmpty()) {
            rows.append("<tr><td colspan=\"9\" class=\"muted\">").append(t(lang, "今天还没有已结束的小时。", "No hour of today has closed yet."))
                    .append("</td></tr>");
        }
        return """
                <section class="panel scroll"><table id="both-methods"><caption>%s</caption><thead><tr>
                <th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th>
                <th scope="col">δ</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th></tr></thead><tbody>%s</tbody>
                </table><p class="muted">%s</p></section>""".formatted(
                t(lang, "测量法与核算法（" + day + "，按小时）", "Both methods (" + day + ", by hour)"), t(lang, "小时", "Hour"),
                t(lang, "测量对象", "Boundary"), t(lang, "测量法 CEMS", "CEMS"), t(lang, "核算法", "Accounting"), t(lang, "单位", "Unit"),
                t(lang, "有效数据捕集率", "Capture rate"), t(lang, "替代小时", "Substituted"), t(lang, "核查发现", "Finding"), rows,
                t(lang, "δ = (E_CEMS − E_核算)/E_核算；超过站点设定的界限时给出核查发现（docs/cems.md）。",
                        "δ = (E_CEMS − E_accounting)/E_accounting; past the site's bound a verification finding is given (docs/cems.md)."));
    }

    private String qa(Lang lang, Instant latest) {
        List<QaRecord> records = new ArrayList<>(s.store().qa().between(TimeRange.of(latest.minus(Duration.ofDays(7)), latest.plusSeconds(1))));
        StringBuilder rows = new StringBuilder();
        for (QaRecord q : records.reversed()) {
            rows.append("<tr").append(q.passed().equals(Optional.of(false)) ? " class=\"warning\"" : "").append("><th scope=\"row\">")
                    .append(local(q.from())).append("</th><td>").append(Html.esc(q.kind().label())).append("</td><td>")
                    .append(Html.esc(q.pointId().isEmpty() ? "*" : q.pointId())).append("</td><td>")
                    .append(Double.isNaN(q.result()) ? "—" : String.format(Locale.ROOT, "%.3g %%", q.result()))
                    .append(q.passed().map(ok -> ok ? " ✓" : " ✗").orElse("")).append("</td><td>").append(Html.esc(q.source()))
                    .append("</td><td>").append(Html.esc(q.note())).append("</td></tr>");
        }
        if (rows.isEmpty()) {
            rows.append("<tr><td colspan=\"6\" class=\"muted\">").append(t(lang, "最近 7 天没有质控记录。", "No QA record in the last 7 days."))
                    .append("</td></tr>");
        }
        return """
                <section class="panel scroll"><table id="qa-records"><caption>%s</caption><thead><tr>
                <th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th>
                <th scope="col">%s</th></tr></thead><tbody>%s</tbody></table></section>""".formatted(
                t(lang, "质控记录（最近 7 天；tanhe qa add 录入）", "QA records (last 7 days; tanhe qa add enters them)"), t(lang, "开始", "From"),
                t(lang, "类型", "Kind"), t(lang, "测点", "Point"), t(lang, "结果", "Result"), t(lang, "来源", "Source"), t(lang, "说明", "Note"),
                rows);
    }

    private String local(Instant t) {
        return LOCAL.format(t.atZone(s.site().zone()));
    }

    private static String t(Lang lang, String zh, String en) {
        return lang == Lang.ZH ? zh : en;
    }
}
