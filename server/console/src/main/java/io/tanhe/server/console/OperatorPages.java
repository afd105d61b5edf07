package io.tanhe.server.console;

import io.javalin.http.Context;
import io.tanhe.server.api.ApiServer;
import io.tanhe.server.api.Callers;
import io.tanhe.server.security.access.Actor;
import io.tanhe.server.security.access.Permission;
import io.tanhe.server.security.access.Principal;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.terminal.operations.ManualEntries;
import io.tanhe.server.terminal.operations.ManualValue;
import io.tanhe.server.terminal.operations.OperationRefused;
import io.tanhe.server.terminal.operations.Operations;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The operator's actions on the terminal's own services (issue 16): acknowledging an alert with a comment, and
 * entering a value by hand (§7.2.2). The pages show the forms only to a role with {@link Permission#OPERATE}; the
 * routes need it anyway, and the services check the input and audit the change.
 */
final class OperatorPages {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final ApiServer.Sources s;
    private final Operations operations;

    OperatorPages(ApiServer.Sources sources, Operations operations) {
        this.s = sources;
        this.operations = operations;
    }

    static boolean mayOperate(Principal p) {
        return Permission.OPERATE.grantedTo(p.role());
    }

    /** The acknowledgement form of one raised alert, for the alerts page. */
    static String ackForm(Lang lang, long id) {
        return "<form method=\"post\" action=\"/console/alerts/" + id + "/ack\" class=\"ack\">"
                + "<label for=\"ack-" + id + "\" class=\"sr-only\">" + Texts.t(lang, "comment") + " #" + id + "</label>"
                + "<input id=\"ack-" + id + "\" name=\"comment\" maxlength=\"500\" placeholder=\"" + Texts.t(lang, "comment") + "\">"
                + "<button type=\"submit\">" + Texts.t(lang, "acknowledge") + "</button></form>";
    }

    void acknowledge(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            ctx.status(400).result("`" + ctx.pathParam("id") + "` is not an alert number");
            return;
        }
        try {
            operations.alerts().acknowledge(actor(ctx), id, ctx.formParam("comment"));
        } catch (OperationRefused e) {
            ctx.status(e.reason().status()).html(Layout.page(Lang.of(ctx), Callers.principal(ctx), s.site().identity().siteName(),
                    "alerts", "<p class=\"error\" role=\"alert\">" + Html.esc(e.field() + ": " + e.getMessage())
                            + "</p><p><a href=\"/console/alerts\">" + Texts.t(Lang.of(ctx), "alerts") + "</a></p>", false));
            return;
        }
        ctx.redirect("/console/alerts?acknowledged=" + id);
    }

    void entryForm(Context ctx) {
        show(ctx, null, null, null, null);
    }

    void enter(Context ctx) {
        Lang lang = Lang.of(ctx);
        String point = ctx.formParam("point");
        String atText = ctx.formParam("at");
        String valueText = ctx.formParam("value");
        Instant at;
        BigDecimal value;
        try {
            at = LocalDateTime.parse(atText == null ? "" : atText.strip()).atZone(s.site().zone()).toInstant();
        } catch (DateTimeParseException e) {
            ctx.status(400);
            show(ctx, "at", Texts.t(lang, "when") + ": " + (lang == Lang.ZH ? "请填写日期和时间" : "give a date and time"), point, null);
            return;
        }
        try {
            value = new BigDecimal(valueText == null ? "" : valueText.strip());
        } catch (NumberFormatException e) {
            ctx.status(400);
            show(ctx, "value", Texts.t(lang, "number") + ": `" + valueText + "` " + (lang == Lang.ZH ? "不是数值" : "is not a number"),
                    point, null);
            return;
        }
        ManualEntries.Entered entered;
        try {
            entered = operations.manualEntries().enter(actor(ctx), new ManualValue(point == null ? "" : point, at, value, "",
                    ctx.formParam("comment")));
        } catch (OperationRefused e) {
            ctx.status(e.reason().status());
            show(ctx, e.field(), e.field() + ": " + e.getMessage(), point, null);
            return;
        }
        show(ctx, null, null, point, entered);
    }

    private void show(Context ctx, String field, String error, String chosen, ManualEntries.Entered entered) {
        Lang lang = Lang.of(ctx);
        Principal p = Callers.principal(ctx);
        List<ManualEntries.ManualPoint> points = operations.manualEntries().points();
        StringBuilder rows = new StringBuilder();
        StringBuilder options = new StringBuilder();
        for (ManualEntries.ManualPoint mp : points) {
            rows.append("<tr><th scope=\"row\">").append(Html.esc(mp.point())).append("</th><td>").append(Html.esc(mp.unit()))
                    .append("</td><td>").append(Html.esc(mp.feeds())).append("</td><td>").append(Html.esc(mp.period().map(x -> period(lang, x)).orElse("—")))
                    .append("</td></tr>");
            options.append("<option value=\"").append(Html.esc(mp.point())).append('"')
                    .append(mp.point().equals(chosen) ? " selected" : "").append('>').append(Html.esc(mp.point())).append(" (")
                    .append(Html.esc(mp.unit())).append(")</option>");
        }
        String done = "";
        if (entered != null) {
            StoredReading r = entered.reading();
            StringBuilder versions = new StringBuilder();
            for (StoredReading v : entered.versions()) {
                versions.append("<li>").append(LOCAL.format(v.measuredAt().atZone(s.site().zone()))).append(": ")
                        .append(Html.esc(v.value().toPlainString())).append(' ').append(Html.esc(v.unit())).append(" — ")
                        .append(Html.esc(v.detail())).append("</li>");
            }
            done = "<p class=\"notice\" role=\"status\" id=\"entered\">" + (entered.unchanged() ? Texts.t(lang, "unchanged")
                    : Texts.t(lang, "entered")) + " " + Html.esc(r.pointId()) + " = " + Html.esc(r.value().toPlainString()) + " "
                    + Html.esc(r.unit()) + " (" + Texts.t(lang, "versionNo") + " " + entered.version() + ")</p>"
                    + "<section class=\"panel\"><h2>" + Texts.t(lang, "versions") + "</h2><ol>" + versions + "</ol></section>";
        }
        String now = INPUT.format(s.status().watermark().orElseGet(Instant::now).atZone(s.site().zone()));
        String form = !mayOperate(p) ? "" : """
                <section class="panel"><h2>%s</h2>
                <form method="post" action="/console/entry" class="form inline">
                  <label for="e-point">%s</label><select id="e-point" name="point"%s>%s</select>
                  <label for="e-at">%s</label><input id="e-at" name="at" type="datetime-local" value="%s" required%s>
                  <label for="e-value">%s</label><input id="e-value" name="value" inputmode="decimal" required%s>
                  <label for="e-comment">%s</label><input id="e-comment" name="comment" maxlength="500"%s>
                  <button type="submit">%s</button>
                </form></section>""".formatted(Texts.t(lang, "entry"), Texts.t(lang, "point"), invalid(field, "point"), options,
                Texts.t(lang, "when"), now, invalid(field, "at"), Texts.t(lang, "number"), invalid(field, "value"),
                Texts.t(lang, "comment"), invalid(field, "comment"), Texts.t(lang, "enter"));
        String body = "<h1>" + Texts.t(lang, "entry") + "</h1>"
                + (error == null ? "" : "<p class=\"error\" role=\"alert\">" + Html.esc(error) + "</p>") + done + form
                + "<section class=\"panel\"><table><caption>" + Texts.t(lang, "manualPoints") + "</caption><thead><tr><th scope=\"col\">"
                + Texts.t(lang, "point") + "</th><th scope=\"col\">" + Texts.t(lang, "unit") + "</th><th scope=\"col\">"
                + Texts.t(lang, "feeds") + "</th><th scope=\"col\">" + Texts.t(lang, "period") + "</th></tr></thead><tbody>" + rows
                + "</tbody></table></section>";
        ctx.html(Layout.page(lang, p, s.site().identity().siteName(), "entry", body, false));
    }

    /** A period's name in {@code lang}: 月 for month in Chinese. */
    private static String period(Lang lang, String label) {
        try {
            io.tanhe.server.report.ReportGrain g = io.tanhe.server.report.ReportGrain.fromLabel(label);
            return lang == Lang.ZH ? g.labelZh() : g.label();
        } catch (IllegalArgumentException e) {
            return label;
        }
    }

    /** Marks the field a refusal named, so a screen reader and the eye find it. */
    private static String invalid(String field, String name) {
        return name.equals(field) ? " aria-invalid=\"true\" autofocus" : "";
    }

    private static Actor actor(Context ctx) {
        return Actor.of(Callers.principal(ctx), Callers.source(ctx));
    }
}
