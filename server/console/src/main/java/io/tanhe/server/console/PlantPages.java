package io.tanhe.server.console;

import io.javalin.http.Context;
import io.tanhe.engine.provenance.ExplanationText;
import io.tanhe.engine.time.Grain;
import io.tanhe.server.api.ApiServer;
import io.tanhe.server.api.Callers;
import io.tanhe.server.security.access.Actor;
import io.tanhe.server.security.access.Principal;
import io.tanhe.server.report.ReportGrain;
import io.tanhe.server.report.ResultQuery;
import io.tanhe.server.report.ResultRow;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.StoredResult;
import io.tanhe.server.terminal.DeviceTally;
import io.tanhe.server.terminal.operations.OperationRefused;
import io.tanhe.server.terminal.operations.Operations;
import io.tanhe.server.terminal.operations.PlantViews;
import io.tanhe.server.terminal.operations.PollNow;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plant as the terminal sees it, on the operator services (issue 16): devices and their points with the latest
 * value, quality and the device feeding it (backup or not), with "poll now" for those who operate; and the
 * derivation of a stored figure (formula, factors with their sources, readings, revisions) behind every figure
 * the trend table links.
 */
final class PlantPages {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ApiServer.Sources s;
    private final Operations operations;

    PlantPages(ApiServer.Sources sources, Operations operations) {
        this.s = sources;
        this.operations = operations;
    }

    /** The link to the derivation of {@code node}'s figure in the {@code grain} bucket starting at {@code start}. */
    static String explainLink(String node, Grain grain, Instant start, String text) {
        return explainLink(node, grain, start, "", text);
    }

    /** The link to the derivation of {@code node[key]}'s figure in the {@code grain} bucket starting at {@code start}. */
    static String explainLink(String node, Grain grain, Instant start, String key, String text) {
        return explainLink(node, grain.label(), start, key, text);
    }

    /**
     * The link to the derivation of {@code node[key]}'s figure in the bucket of the grain labelled {@code grain}
     * (minute … year) starting at {@code start}.
     */
    static String explainLink(String node, String grain, Instant start, String key, String text) {
        return "<a class=\"figure-link\" href=\"/console/explain?node=" + Html.esc(node) + (key.isEmpty() ? "" : "&amp;key="
                + Html.esc(java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8))) + "&amp;grain=" + grain
                + "&amp;at=" + start + "\">" + text + "</a>";
    }

    void devices(Context ctx) {
        show(ctx, null, null);
    }

    void poll(Context ctx) {
        Lang lang = Lang.of(ctx);
        String device = ctx.pathParam("id");
        try {
            PollNow.Polled polled = operations.poll().poll(Actor.of(Callers.principal(ctx), Callers.source(ctx)),
                    new PollNow.Target.Device(device));
            show(ctx, null, Texts.t(lang, "pollDone") + " " + String.join(", ", polled.devices()) + ": " + polled.readings().size()
                    + " " + Texts.t(lang, "readings"));
        } catch (OperationRefused e) {
            ctx.status(e.reason().status());
            show(ctx, e.field() + ": " + e.getMessage(), null);
        }
    }

    private void show(Context ctx, String error, String done) {
        Lang lang = Lang.of(ctx);
        Principal p = Callers.principal(ctx);
        boolean operate = OperatorPages.mayOperate(p);
        StringBuilder out = new StringBuilder("<h1>" + Texts.t(lang, "devices") + "</h1>");
        if (error != null) {
            out.append("<p class=\"error\" role=\"alert\">").append(Html.esc(error)).append("</p>");
        }
        if (done != null) {
            out.append("<p class=\"notice\" role=\"status\" id=\"polled\">").append(Html.esc(done)).append("</p>");
        }
        if (operate) {
            out.append("<p><a href=\"/console/points\" id=\"edit-points\">").append(Texts.t(lang, "pointsEditor")).append("</a></p>");
        }
        Map<String, DeviceTally.Device> tally = operations.terminal().stats().devices().devices();
        for (PlantViews.DeviceView d : operations.views().devices()) {
            out.append("<section class=\"panel\"><h2>").append(Html.esc(d.id())).append(" · ").append(Texts.t(lang, d.delivery()))
                    .append(d.period().map(x -> " " + x.toSeconds() + " s").orElse(""))
                    .append(d.backup().map(b -> " · " + Texts.t(lang, "backup") + ": " + Html.esc(b)).orElse(""))
                    .append(d.backupFor().map(b -> " · " + Texts.t(lang, "backupFor") + " " + Html.esc(b)).orElse(""))
                    .append("</h2>");
            DeviceTally.Device counts = tally.get(d.id());
            if (counts != null) {
                long readings = counts.readings();
                long failures = counts.failures();
                out.append("<p class=\"counts").append(failures > 0 ? " warning" : "").append("\" id=\"counts-").append(Html.esc(d.id()))
                        .append("\">").append(Texts.t(lang, "readingsReceived")).append(": ").append(readings).append(" · ")
                        .append(Texts.t(lang, "failedReads")).append(": <span class=\"failures\">").append(failures).append("</span>")
                        .append(readings == 0 ? "" : " (" + Html.share((double) failures / readings) + ")")
                        .append(" <span class=\"muted\">").append(Texts.t(lang, "sinceStart")).append("</span></p>");
            }
            if (operate && d.delivery().equals("polled")) {
                out.append("<form method=\"post\" action=\"/console/devices/").append(Html.esc(d.id()))
                        .append("/poll\" class=\"inline-action\"><button type=\"submit\" aria-label=\"").append(Texts.t(lang, "pollNow"))
                        .append(' ').append(Html.esc(d.id())).append("\">").append(Texts.t(lang, "pollNow")).append("</button></form>");
            }
            out.append("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">").append(Texts.t(lang, "point"))
                    .append("</th><th scope=\"col\">").append(Texts.t(lang, "latest")).append("</th><th scope=\"col\">")
                    .append(Texts.t(lang, "unit")).append("</th><th scope=\"col\">").append(Texts.t(lang, "quality"))
                    .append("</th><th scope=\"col\">").append(Texts.t(lang, "at")).append("</th><th scope=\"col\">")
                    .append(Texts.t(lang, "fedBy")).append("</th><th scope=\"col\">").append(Texts.t(lang, "feeds"))
                    .append("</th></tr></thead><tbody>");
            for (PlantViews.PointView pv : d.points()) {
                Optional<StoredReading> r = pv.latest();
                out.append("<tr").append(pv.fedBy().startsWith("backup") ? " class=\"warning\"" : "").append("><th scope=\"row\">")
                        .append(Html.esc(pv.point())).append("</th><td>")
                        .append(r.map(x -> x.value() == null ? "—" : Html.esc(x.value().toPlainString())).orElse("—")).append("</td><td>")
                        .append(Html.esc(pv.unit())).append("</td><td>").append(r.map(x -> Html.esc(x.quality().name())).orElse("—"))
                        .append("</td><td>").append(r.map(x -> LOCAL.format(x.measuredAt().atZone(s.site().zone()))).orElse("—"))
                        .append("</td><td>").append(Html.esc(pv.fedBy())).append("</td><td>").append(Html.esc(pv.feeds()))
                        .append("</td></tr>");
            }
            out.append("</tbody></table></div></section>");
        }
        ctx.html(Layout.page(lang, p, s.site().identity().siteName(), "devices", out.toString(), false));
    }

    void explain(Context ctx) {
        Lang lang = Lang.of(ctx);
        Principal p = Callers.principal(ctx);
        String node = Optional.ofNullable(ctx.queryParam("node")).orElse("").strip();
        String key = Optional.ofNullable(ctx.queryParam("key")).orElse("").replace(" ", "");
        StringBuilder out = new StringBuilder("<h1>" + Texts.t(lang, "derivation") + "</h1>");
        try {
            String grainText = Optional.ofNullable(ctx.queryParam("grain")).orElse("hour");
            String atText = Optional.ofNullable(ctx.queryParam("at")).orElse("").strip();
            Instant at;
            try {
                at = Instant.parse(atText);
            } catch (DateTimeParseException e) {
                at = LocalDateTime.parse(atText).atZone(s.site().zone()).toInstant();
            }
            ReportGrain coarse = coarse(grainText);
            if (coarse != null) {
                sumOfDays(lang, out, node, key, coarse, at);
            } else {
                stored(lang, out, node, key, Grain.fromLabel(grainText), at);
            }
        } catch (OperationRefused e) {
            ctx.status(e.reason().status());
            out.append("<p class=\"error\" role=\"alert\">").append(Html.esc(e.field() + ": " + e.getMessage())).append("</p>");
        } catch (IllegalArgumentException | DateTimeParseException e) {
            ctx.status(400);
            out.append("<p class=\"error\" role=\"alert\">").append(Html.esc(e.getMessage())).append("</p>");
        }
        ctx.html(Layout.page(lang, p, s.site().identity().siteName(), "derivation", out.toString(), false));
    }

    /** Week, month, quarter or year: sums of stored days, explained as such; null for a grain the store keeps. */
    private static ReportGrain coarse(String label) {
        try {
            ReportGrain g = ReportGrain.fromLabel(label);
            return g.evaluated() ? null : g;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether the bucket ending at {@code end} is still open for late readings (not yet stored). */
    private boolean open(Instant end) {
        return s.status().openWindowFrom().map(end::isAfter).orElse(true);
    }

    /** A figure the terminal stores (minute to day): the replayed derivation and its revisions; an open bucket's running value. */
    private void stored(Lang lang, StringBuilder out, String node, String key, Grain grain, Instant at) {
        var e = operations.explain().explain(node, grain, at, key);
        boolean open = e.revisions().isEmpty() && open(e.bucket().end());
        out.append("<p class=\"muted\">").append(Html.esc(e.node())).append(e.key().isEmpty() ? "" : "[" + Html.esc(e.key()) + "]")
                .append(" · ").append(grain.label()).append(" · ")
                .append(LOCAL.format(e.bucket().start().atZone(s.site().zone()))).append(" – ")
                .append(LOCAL.format(e.bucket().end().atZone(s.site().zone()))).append("</p>");
        if (open) {
            out.append("<p class=\"notice\" role=\"status\" id=\"open\"><strong>").append(Texts.t(lang, "openBucket")).append("</strong> · ")
                    .append(Texts.t(lang, "currentValue")).append(": <span id=\"current\">")
                    .append(e.explanation().map(x -> x.result().value() == null ? "—" : Html.num(x.result().value(), 4) + " "
                            + Html.esc(x.result().unit())).orElse("—")).append("</span> · ").append(Texts.t(lang, "openHint")).append("</p>");
        } else if (!e.matchesStored()) {
            out.append("<p class=\"error\" role=\"alert\">").append(Texts.t(lang, "replayDiffers")).append("</p>");
        }
        out.append("<section class=\"panel\"><h2>").append(Texts.t(lang, "formulaFactors")).append("</h2>")
                .append(e.explanation().map(x -> "<pre class=\"log explain\">" + Html.esc(ExplanationText.render(x)) + "</pre>")
                        .orElse("<p class=\"muted\">" + Texts.t(lang, "noData") + "</p>"))
                .append("</section>");
        out.append("<section class=\"panel\"><table><caption>").append(Texts.t(lang, "revisions")).append("</caption><thead><tr>")
                .append("<th scope=\"col\">#</th><th scope=\"col\">").append(Texts.t(lang, "value")).append("</th><th scope=\"col\">")
                .append(Texts.t(lang, "quality")).append("</th><th scope=\"col\">").append(Texts.t(lang, "completeness"))
                .append("</th><th scope=\"col\">").append(Texts.t(lang, "at")).append("</th><th scope=\"col\">")
                .append(Texts.t(lang, "detail")).append("</th></tr></thead><tbody>");
        if (e.revisions().isEmpty()) {
            out.append("<tr><td colspan=\"6\" class=\"muted\">").append(Texts.t(lang, open ? "notStoredYet" : "none")).append("</td></tr>");
        }
        for (StoredResult r : e.revisions()) {
            out.append("<tr><td>").append(r.revision()).append("</td><td>").append(Html.num(r.result().value(), 4)).append(' ')
                    .append(Html.esc(r.result().unit())).append("</td><td>").append(Html.esc(r.result().quality().name()))
                    .append("</td><td>").append(Html.share(r.result().completeness())).append("</td><td>")
                    .append(LOCAL.format(r.result().revisedAt().atZone(s.site().zone()))).append("</td><td>")
                    .append(Html.esc(r.result().reason())).append("</td></tr>");
        }
        out.append("</tbody></table></section>");
    }

    /**
     * A week, month, quarter or year: the sum of its stored days, each linked to its own derivation, with the running
     * day's closed hours as an open row (as the trends count it).
     */
    private void sumOfDays(Lang lang, StringBuilder out, String node, String key, ReportGrain grain, Instant at) {
        var zone = s.site().zone();
        if (s.site().graph().node(node).isEmpty()) {
            throw OperationRefused.badInput("node", "no node `" + node + "` in " + s.site().methodology().id());
        }
        Instant from = grain.floor(at, zone);
        Instant to = grain.next(from, zone);
        ResultQuery q = new ResultQuery(s.site().graph(), s.store().results(), zone);
        List<ResultRow> days = q.results(node, key, ReportGrain.DAY, TimeRange.of(from, to));
        double total = days.stream().mapToDouble(ResultRow::value).sum();
        String unit = days.isEmpty() ? "" : days.getFirst().unit();
        StringBuilder rows = new StringBuilder();
        for (ResultRow d : days) {
            rows.append("<tr><th scope=\"row\">").append(explainLink(node, Grain.DAY, d.start(), key,
                    d.start().atZone(zone).toLocalDate().toString())).append("</th><td>").append(Html.num(d.value(), 4)).append("</td><td>")
                    .append(Html.esc(Pages.quality(lang, d.quality()))).append("</td><td>").append(Html.share(d.completeness())).append("</td></tr>");
        }
        Instant today = ReportGrain.DAY.floor(s.status().watermark().orElseGet(Instant::now), zone);
        boolean runningDay = !today.isBefore(from) && today.isBefore(to) && days.stream().noneMatch(d -> d.start().equals(today));
        if (runningDay) {
            List<ResultRow> hours = q.results(node, key, ReportGrain.HOUR, TimeRange.of(today, ReportGrain.DAY.next(today, zone)));
            if (!hours.isEmpty()) {
                double sum = hours.stream().mapToDouble(ResultRow::value).sum();
                total += sum;
                unit = unit.isEmpty() ? hours.getFirst().unit() : unit;
                rows.append("<tr class=\"open-row\"><th scope=\"row\">").append(explainLink(node, Grain.DAY, today, key,
                        today.atZone(zone).toLocalDate().toString())).append(" <span class=\"open-bucket\">").append(Texts.t(lang, "open"))
                        .append("</span></th><td>").append(Html.num(sum, 4)).append("</td><td>").append(hours.size()).append(' ')
                        .append(Texts.t(lang, "closedHours")).append("</td><td>—</td></tr>");
            }
        }
        out.append("<p class=\"muted\">").append(Html.esc(node)).append(key.isEmpty() ? "" : "[" + Html.esc(key) + "]").append(" · ")
                .append(lang == Lang.ZH ? grain.labelZh() : grain.label()).append(" · ").append(LOCAL.format(from.atZone(zone))).append(" – ")
                .append(LOCAL.format(to.atZone(zone)))
                .append("</p><section class=\"panel\"><p>").append(Texts.t(lang, "sumOfDays")).append("</p><p><span class=\"big\" id=\"sum\">")
                .append(Html.num(total, 4)).append("</span> ").append(Html.esc(unit)).append(runningDay ? " <span class=\"open-bucket\">"
                        + Texts.t(lang, "open") + "</span>" : "").append("</p></section>");
        out.append("<section class=\"panel scroll\"><table id=\"days\"><caption>").append(Texts.t(lang, "daysOf")).append(" (")
                .append(days.size() + (runningDay ? 1 : 0)).append(")</caption><thead><tr><th scope=\"col\">").append(Texts.t(lang, "day"))
                .append("</th><th scope=\"col\">").append(Texts.t(lang, "value")).append("</th><th scope=\"col\">").append(Texts.t(lang, "quality"))
                .append("</th><th scope=\"col\">").append(Texts.t(lang, "completeness")).append("</th></tr></thead><tbody>")
                .append(rows.isEmpty() ? "<tr><td colspan=\"4\" class=\"muted\">" + Texts.t(lang, "noData") + "</td></tr>" : rows)
                .append("</tbody></table></section>");
    }
}
