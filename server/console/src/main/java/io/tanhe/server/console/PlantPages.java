package io.tanhe.server.console;

import io.javalin.http.Context;
import io.tanhe.engine.provenance.ExplanationText;
import io.tanhe.engine.time.Grain;
import io.tanhe.server.api.ApiServer;
import io.tanhe.server.api.Callers;
import io.tanhe.server.security.access.Actor;
import io.tanhe.server.security.access.Principal;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.StoredResult;
import io.tanhe.server.terminal.operations.OperationRefused;
import io.tanhe.server.terminal.operations.Operations;
import io.tanhe.server.terminal.operations.PlantViews;
import io.tanhe.server.terminal.operations.PollNow;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
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
        return "<a class=\"figure-link\" href=\"/console/explain?node=" + Html.esc(node) + (key.isEmpty() ? "" : "&amp;key="
                + Html.esc(java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8))) + "&amp;grain=" + grain.label()
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
        for (PlantViews.DeviceView d : operations.views().devices()) {
            out.append("<section class=\"panel\"><h2>").append(Html.esc(d.id())).append(" · ").append(Texts.t(lang, d.delivery()))
                    .append(d.period().map(x -> " " + x.toSeconds() + " s").orElse(""))
                    .append(d.backup().map(b -> " · " + Texts.t(lang, "backup") + ": " + Html.esc(b)).orElse(""))
                    .append(d.backupFor().map(b -> " · " + Texts.t(lang, "backupFor") + " " + Html.esc(b)).orElse(""))
                    .append("</h2>");
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
            Grain grain = Grain.fromLabel(Optional.ofNullable(ctx.queryParam("grain")).orElse("hour"));
            String atText = Optional.ofNullable(ctx.queryParam("at")).orElse("").strip();
            Instant at;
            try {
                at = Instant.parse(atText);
            } catch (DateTimeParseException e) {
                at = LocalDateTime.parse(atText).atZone(s.site().zone()).toInstant();
            }
            var e = operations.explain().explain(node, grain, at, key);
            out.append("<p class=\"muted\">").append(Html.esc(e.node())).append(e.key().isEmpty() ? "" : "[" + Html.esc(e.key()) + "]")
                    .append(" · ").append(grain.label()).append(" · ")
                    .append(LOCAL.format(e.bucket().start().atZone(s.site().zone()))).append(" – ")
                    .append(LOCAL.format(e.bucket().end().atZone(s.site().zone()))).append("</p>");
            if (!e.matchesStored()) {
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
            for (StoredResult r : e.revisions()) {
                out.append("<tr><td>").append(r.revision()).append("</td><td>").append(Html.num(r.result().value(), 4)).append(' ')
                        .append(Html.esc(r.result().unit())).append("</td><td>").append(Html.esc(r.result().quality().name()))
                        .append("</td><td>").append(Html.share(r.result().completeness())).append("</td><td>")
                        .append(LOCAL.format(r.result().revisedAt().atZone(s.site().zone()))).append("</td><td>")
                        .append(Html.esc(r.result().reason())).append("</td></tr>");
            }
            out.append("</tbody></table></section>");
        } catch (OperationRefused e) {
            ctx.status(e.reason().status());
            out.append("<p class=\"error\" role=\"alert\">").append(Html.esc(e.field() + ": " + e.getMessage())).append("</p>");
        } catch (IllegalArgumentException | DateTimeParseException e) {
            ctx.status(400);
            out.append("<p class=\"error\" role=\"alert\">").append(Html.esc(e.getMessage())).append("</p>");
        }
        ctx.html(Layout.page(lang, p, s.site().identity().siteName(), "derivation", out.toString(), false));
    }
}
