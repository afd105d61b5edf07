package io.tanhe.server.console;

import io.javalin.http.Context;
import io.tanhe.engine.time.Grain;
import io.tanhe.server.api.ApiServer;
import io.tanhe.server.api.Callers;
import io.tanhe.server.security.access.Actor;
import io.tanhe.server.security.access.Principal;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.terminal.operations.Backfill;
import io.tanhe.server.terminal.operations.OperationRefused;
import io.tanhe.server.terminal.operations.Operations;
import io.tanhe.server.terminal.operations.PlantViews;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The data centres (§7.2.4): connection, last acknowledgement, backlog, failures and the last error of each, and a
 * manual backfill for those who operate (the reason is required and audited).
 */
final class UplinkPage {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final List<Grain> GRAINS = List.of(Grain.MINUTE, Grain.HOUR, Grain.DAY);

    private final ApiServer.Sources s;
    private final Operations operations;

    UplinkPage(ApiServer.Sources sources, Operations operations) {
        this.s = sources;
        this.operations = operations;
    }

    void show(Context ctx) {
        show(ctx, null, null);
    }

    void backfill(Context ctx) {
        Lang lang = Lang.of(ctx);
        String centre = ctx.formParam("centre");
        List<String> targets = centre == null || centre.isBlank() ? List.of() : List.of(centre);
        Grain grain;
        TimeRange range;
        try {
            grain = Grain.fromLabel(String.valueOf(ctx.formParam("grain")));
            LocalDate from = LocalDate.parse(String.valueOf(ctx.formParam("from")));
            LocalDate to = LocalDate.parse(String.valueOf(ctx.formParam("to")));
            if (to.isBefore(from)) {
                throw new IllegalArgumentException(Texts.t(lang, "to") + " < " + Texts.t(lang, "from"));
            }
            range = TimeRange.of(from.atStartOfDay(s.site().zone()).toInstant(), to.plusDays(1).atStartOfDay(s.site().zone()).toInstant());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            ctx.status(400);
            show(ctx, e.getMessage(), null);
            return;
        }
        try {
            Backfill.Done done = operations.backfill().backfill(Actor.of(Callers.principal(ctx), Callers.source(ctx)), targets,
                    grain, range, ctx.formParam("reason"), indicators(ctx.formParam("indicators")));
            show(ctx, null, Texts.t(lang, "queued") + " " + done.queued() + (done.repeated() ? " (" + Texts.t(lang, "repeated") + ")" : ""));
        } catch (OperationRefused e) {
            ctx.status(e.reason().status());
            show(ctx, e.field() + ": " + e.getMessage(), null);
        }
    }

    /** The form's comma-separated indicators; empty (every indicator) when none are written. */
    private static java.util.Set<String> indicators(String text) {
        return text == null ? java.util.Set.of() : java.util.Arrays.stream(text.split(",")).map(String::strip)
                .filter(x -> !x.isEmpty()).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    private void show(Context ctx, String error, String done) {
        Lang lang = Lang.of(ctx);
        Principal p = Callers.principal(ctx);
        List<PlantViews.CentreView> centres = operations.views().centres();
        StringBuilder out = new StringBuilder("<h1>" + Texts.t(lang, "uplink") + "</h1>");
        if (error != null) {
            out.append("<p class=\"error\" role=\"alert\">").append(Html.esc(error)).append("</p>");
        }
        if (done != null) {
            out.append("<p class=\"notice\" role=\"status\">").append(Html.esc(done)).append("</p>");
        }
        if (centres.isEmpty()) {
            out.append("<section class=\"panel\"><p class=\"muted\">").append(Texts.t(lang, "noCentres")).append("</p></section>");
        } else {
            out.append("<section class=\"panel scroll\"><table><thead><tr>");
            for (String h : List.of("centre", "protocol", "address", "connected", "lastAck", "backlog", "oldestPending", "failures", "lastError")) {
                out.append("<th scope=\"col\">").append(Texts.t(lang, h)).append("</th>");
            }
            out.append("</tr></thead><tbody>");
            for (PlantViews.CentreView c : centres) {
                out.append("<tr").append(c.connected() ? "" : " class=\"warning\"").append("><th scope=\"row\">").append(Html.esc(c.id()))
                        .append("</th><td>").append(Html.esc(c.protocol())).append("</td><td>").append(Html.esc(c.address()))
                        .append("</td><td>").append(Texts.t(lang, c.connected() ? "yes" : "no")).append("</td><td>")
                        .append(c.lastAck().map(this::local).orElse("—")).append("</td><td>").append(c.backlog()).append("</td><td>")
                        .append(c.oldestPending().map(this::local).orElse("—")).append("</td><td>").append(c.failures())
                        .append("</td><td>").append(Html.esc(c.lastError().orElse(""))).append("</td></tr>");
            }
            out.append("</tbody></table></section>");
            if (OperatorPages.mayOperate(p)) {
                StringBuilder options = new StringBuilder("<option value=\"\">" + Texts.t(lang, "all") + "</option>");
                centres.forEach(c -> options.append("<option>").append(Html.esc(c.id())).append("</option>"));
                StringBuilder grains = new StringBuilder();
                GRAINS.forEach(g -> grains.append("<option value=\"").append(g.label()).append('"').append(g == Grain.HOUR ? " selected" : "")
                        .append('>').append(Texts.t(lang, g == Grain.MINUTE ? "minuteGrain" : g == Grain.HOUR ? "hour" : "day")).append("</option>"));
                String today = LocalDate.ofInstant(s.status().watermark().orElseGet(Instant::now), s.site().zone()).toString();
                out.append("""
                        <section class="panel"><h2>%s</h2>
                        <form method="post" action="/console/uplink/backfill" class="form inline">
                          <label for="b-centre">%s</label><select id="b-centre" name="centre">%s</select>
                          <label for="b-grain">%s</label><select id="b-grain" name="grain">%s</select>
                          <label for="b-from">%s</label><input id="b-from" name="from" type="date" value="%s" required>
                          <label for="b-to">%s</label><input id="b-to" name="to" type="date" value="%s" required>
                          <label for="b-indicators">%s</label><input id="b-indicators" name="indicators" maxlength="500"
                            placeholder="a05001, E">
                          <label for="b-reason">%s</label><input id="b-reason" name="reason" required maxlength="500">
                          <button type="submit">%s</button>
                        </form></section>""".formatted(Texts.t(lang, "backfill"), Texts.t(lang, "centre"), options,
                        Texts.t(lang, "grain"), grains, Texts.t(lang, "from"), today, Texts.t(lang, "to"), today,
                        Texts.t(lang, "indicators"), Texts.t(lang, "reason"), Texts.t(lang, "backfill")));
            }
        }
        ctx.html(Layout.page(lang, p, s.site().identity().siteName(), "uplink", out.toString(), false));
    }

    private String local(Instant t) {
        return LOCAL.format(t.atZone(s.site().zone()));
    }
}
