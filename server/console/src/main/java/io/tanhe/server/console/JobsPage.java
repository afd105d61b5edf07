package io.tanhe.server.console;

import io.javalin.http.Context;
import io.tanhe.server.api.ApiServer;
import io.tanhe.server.api.Callers;
import io.tanhe.server.security.access.Actor;
import io.tanhe.server.security.access.Principal;
import io.tanhe.server.terminal.operations.Job;
import io.tanhe.server.terminal.operations.Jobs;
import io.tanhe.server.terminal.operations.OperationRefused;
import io.tanhe.server.terminal.operations.Operations;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The terminal's long operator actions ({@link Jobs}): running and finished jobs with their progress, which htmx
 * polls every second while one is queued or running; a recompute of closed days or a backup started from the page;
 * cancel. Reading is for those who read data, starting and cancelling for those who operate (as {@code /api/jobs}).
 */
final class JobsPage {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ApiServer.Sources s;
    private final Operations operations;

    JobsPage(ApiServer.Sources sources, Operations operations) {
        this.s = sources;
        this.operations = operations;
    }

    void show(Context ctx) {
        show(ctx, null, null, null);
    }

    /** The table alone, which htmx swaps in every second while a job is still going. */
    void table(Context ctx) {
        ctx.html(table(Lang.of(ctx), OperatorPages.mayOperate(Callers.principal(ctx))));
    }

    void start(Context ctx) {
        Lang lang = Lang.of(ctx);
        String kind = String.valueOf(ctx.formParam("kind"));
        Jobs.Request request;
        try {
            request = switch (kind) {
                case "backup" -> new Jobs.Request.Backup();
                case "recompute" -> new Jobs.Request.Recompute(day(ctx, "from"), day(ctx, "to"));
                default -> throw OperationRefused.badInput("kind", "`" + kind + "`: recompute or backup");
            };
            Jobs.Started started = operations.jobs().start(actor(ctx), request);
            show(ctx, null, null, Texts.t(lang, started.existing() ? "jobExists" : "jobStarted") + " #" + started.job().id());
        } catch (OperationRefused e) {
            ctx.status(e.reason().status());
            show(ctx, e.field(), e.field() + ": " + e.getMessage(), null);
        }
    }

    void cancel(Context ctx) {
        Lang lang = Lang.of(ctx);
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            ctx.status(400);
            show(ctx, "id", "id: `" + ctx.pathParam("id") + "` " + Texts.t(lang, "notAJob"), null);
            return;
        }
        try {
            Job.Snapshot j = operations.jobs().cancel(actor(ctx), id);
            show(ctx, null, null, Texts.t(lang, "cancelAsked") + " #" + j.id());
        } catch (OperationRefused e) {
            ctx.status(e.reason().status());
            show(ctx, e.field(), e.field() + ": " + e.getMessage(), null);
        }
    }

    private static LocalDate day(Context ctx, String field) {
        String text = ctx.formParam(field);
        try {
            return LocalDate.parse(text == null ? "" : text.strip());
        } catch (DateTimeParseException e) {
            throw OperationRefused.badInput(field, "`" + text + "` is not a day like 2026-06-01");
        }
    }

    private void show(Context ctx, String field, String error, String done) {
        Lang lang = Lang.of(ctx);
        Principal p = Callers.principal(ctx);
        boolean operate = OperatorPages.mayOperate(p);
        StringBuilder out = new StringBuilder("<h1>" + Texts.t(lang, "jobs") + "</h1>");
        if (error != null) {
            out.append("<p class=\"error\" role=\"alert\">").append(Html.esc(error)).append("</p>");
        }
        if (done != null) {
            out.append("<p class=\"notice\" role=\"status\" id=\"done\">").append(Html.esc(done)).append("</p>");
        }
        if (operate) {
            LocalDate yesterday = s.status().watermark().orElseGet(Instant::now).atZone(s.site().zone()).toLocalDate().minusDays(1);
            out.append("""
                    <div class="two"><section class="panel"><h2>%s</h2>
                    <form method="post" action="/console/jobs" class="form inline">
                      <input type="hidden" name="kind" value="recompute">
                      <label for="j-from">%s</label><input id="j-from" name="from" type="date" value="%s" required%s>
                      <label for="j-to">%s</label><input id="j-to" name="to" type="date" value="%s" required%s>
                      <button type="submit">%s</button>
                    </form><p class="hint">%s</p></section>
                    <section class="panel"><h2>%s</h2>
                    <form method="post" action="/console/jobs" class="form inline">
                      <input type="hidden" name="kind" value="backup">
                      <button type="submit">%s</button>
                    </form><p class="hint">%s</p></section></div>""".formatted(Texts.t(lang, "recompute"), Texts.t(lang, "from"),
                    yesterday, invalid(field, "from"), Texts.t(lang, "to"), yesterday, invalid(field, "to"), Texts.t(lang, "start"),
                    Texts.t(lang, "recomputeHint"), Texts.t(lang, "backupJob"), Texts.t(lang, "start"), Texts.t(lang, "backupHint")));
        }
        out.append(table(lang, operate));
        ctx.html(Layout.page(lang, p, s.site().identity().siteName(), "jobs", out.toString(), false));
    }

    /** The jobs table; while any job is queued or running it asks htmx to fetch itself again in a second. */
    private String table(Lang lang, boolean operate) {
        List<Job.Snapshot> jobs = operations.jobs().list();
        boolean going = jobs.stream().anyMatch(j -> !j.ended());
        StringBuilder out = new StringBuilder("<section class=\"panel scroll\" id=\"jobs\" hx-get=\"/console/jobs/table\" hx-swap=\"outerHTML\"")
                .append(going ? " hx-trigger=\"every 1s\"" : "").append(" aria-live=\"polite\"><table><caption>")
                .append(Texts.t(lang, "jobs")).append(": ").append(jobs.size()).append("</caption><thead><tr>");
        for (String h : List.of("no.", "kind", "what", "user", "state", "progress", "outcome")) {
            out.append("<th scope=\"col\">").append(Texts.t(lang, h)).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        if (jobs.isEmpty()) {
            out.append("<tr><td colspan=\"7\" class=\"muted\">").append(Texts.t(lang, "noJobs")).append("</td></tr>");
        }
        for (Job.Snapshot j : jobs) {
            int percent = (int) Math.round(j.progress() * 100);
            String state = j.state().name().toLowerCase(Locale.ROOT);
            out.append("<tr id=\"job-").append(j.id()).append("\" class=\"job ").append(state).append("\"><th scope=\"row\">#").append(j.id())
                    .append("</th><td>").append(Html.esc(j.kind())).append("</td><td>").append(Html.esc(j.what())).append("</td><td>")
                    .append(Html.esc(j.by())).append("<br><span class=\"muted\">").append(LOCAL.format(j.createdAt().atZone(s.site().zone())))
                    .append("</span></td><td class=\"job-state\">").append(Texts.t(lang, "job." + state)).append("</td><td>")
                    .append("<progress max=\"100\" value=\"").append(j.ended() && j.state() == Job.State.DONE ? 100 : percent)
                    .append("\" aria-label=\"").append(Texts.t(lang, "progress")).append(" #").append(j.id()).append("\"></progress> <span class=\"job-percent\">")
                    .append(j.ended() && j.state() == Job.State.DONE ? 100 : percent).append(" %</span><br><span class=\"muted job-step\">")
                    .append(Html.esc(j.step())).append("</span></td><td>").append(Html.esc(j.outcome() == null ? "" : j.outcome()))
                    .append(j.file().isPresent() && j.state() == Job.State.DONE && j.file().get().toString().matches(".*\\.(csv|json)$")
                            ? " <a href=\"/api/jobs/" + j.id() + "/file\">" + Texts.t(lang, "download") + "</a>" : "");
            if (operate && !j.ended()) {
                out.append("<form method=\"post\" action=\"/console/jobs/").append(j.id()).append("/cancel\" class=\"inline-action\">")
                        .append("<button type=\"submit\" class=\"cancel\" aria-label=\"").append(Texts.t(lang, "cancel")).append(" #").append(j.id())
                        .append("\">").append(Texts.t(lang, "cancel")).append("</button></form>");
            }
            out.append("</td></tr>");
        }
        out.append("</tbody></table></section>");
        return out.toString();
    }

    private static String invalid(String field, String name) {
        return name.equals(field) ? " aria-invalid=\"true\" autofocus" : "";
    }

    private static Actor actor(Context ctx) {
        return Actor.of(Callers.principal(ctx), Callers.source(ctx));
    }
}
