package io.tanhe.server.console;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.tanhe.server.api.ApiServer;
import io.tanhe.server.api.Callers;
import io.tanhe.server.security.access.Principal;
import io.tanhe.server.security.audit.AuditActor;
import io.tanhe.server.terminal.lifecycle.Review;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The configuration versions (issue 15's lifecycle, through the API's {@link io.tanhe.server.api.ConfigurationSource}):
 * every package with its state and the activation log; a package's review — figure by figure and totals by emission
 * class — with staging, activation and roll-back; uploading a signed package. Only the system administrator may
 * open it (permission {@code operate}, as the {@code /api/config} routes).
 */
final class ConfigPage {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** The most figures of a review shown on the page (the API serves them all). */
    private static final int FIGURES_SHOWN = 300;
    private static final Set<String> APPLIED = Set.of("activating", "self-test", "active");

    private final ApiServer.Sources s;

    ConfigPage(ApiServer.Sources sources) {
        this.s = sources;
    }

    // --- the list

    void list(Context ctx) {
        list(ctx, null, null);
    }

    void upload(Context ctx) {
        Lang lang = Lang.of(ctx);
        UploadedFile file = ctx.uploadedFile("package");
        if (file == null || file.size() == 0) {
            ctx.status(400);
            list(ctx, "package: " + Texts.t(lang, "choosePackage"), null);
            return;
        }
        byte[] bytes;
        try (InputStream in = file.content()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Map<String, Object> p = s.configuration().upload(bytes, actor(ctx));
            ctx.redirect("/console/config/" + p.get("id") + "?uploaded=1");
        } catch (IllegalArgumentException | IllegalStateException e) {
            ctx.status(e instanceof IllegalArgumentException ? 400 : 409);
            list(ctx, file.filename() + ": " + e.getMessage(), null);
        }
    }

    void rollback(Context ctx) {
        Lang lang = Lang.of(ctx);
        long to;
        try {
            to = Long.parseLong(String.valueOf(ctx.formParam("to")).strip());
        } catch (NumberFormatException e) {
            ctx.status(400);
            list(ctx, "to: `" + ctx.formParam("to") + "` " + Texts.t(lang, "notAPackage"), null);
            return;
        }
        try {
            Map<String, Object> done = s.configuration().rollback(to, actor(ctx));
            List<?> undone = (List<?>) done.get("rolledBack");
            list(ctx, null, Texts.t(lang, "rolledBack") + " " + (undone.isEmpty() ? Texts.t(lang, "none")
                    : String.join(", ", undone.stream().map(x -> "#" + ((Map<?, ?>) x).get("id")).toList())));
        } catch (IllegalArgumentException | IllegalStateException e) {
            ctx.status(e instanceof IllegalArgumentException ? 400 : 409);
            list(ctx, "to: " + e.getMessage(), null);
        }
    }

    private void list(Context ctx, String error, String done) {
        Lang lang = Lang.of(ctx);
        Principal p = Callers.principal(ctx);
        StringBuilder out = new StringBuilder("<h1>" + Texts.t(lang, "config") + "</h1>");
        notices(out, error, done);
        Map<String, Object> versions;
        try {
            versions = s.configuration().versions();
        } catch (IllegalStateException e) {
            out.append("<section class=\"panel\"><p class=\"muted\">").append(Html.esc(e.getMessage())).append("</p></section>");
            ctx.html(Layout.page(lang, p, site(), "config", out.toString(), false));
            return;
        }
        List<Map<String, Object>> packages = rows(versions.get("packages"));
        out.append("<section class=\"panel scroll\"><table id=\"packages\"><caption>").append(Texts.t(lang, "packages"))
                .append("</caption><thead><tr>");
        for (String h : List.of("no.", "kind", "name", "state", "uploadedBy", "effectiveFrom", "reviewSummary")) {
            out.append("<th scope=\"col\">").append(Texts.t(lang, h)).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        if (packages.isEmpty()) {
            out.append("<tr><td colspan=\"7\" class=\"muted\">").append(Texts.t(lang, "noPackages")).append("</td></tr>");
        }
        for (Map<String, Object> pkg : packages) {
            out.append("<tr><th scope=\"row\"><a href=\"/console/config/").append(pkg.get("id")).append("\">#").append(pkg.get("id"))
                    .append("</a></th><td>").append(Html.esc(pkg.get("kind"))).append("</td><td>").append(Html.esc(pkg.get("name")))
                    .append(' ').append(Html.esc(pkg.get("version"))).append("</td><td><span class=\"state\">")
                    .append(Html.esc(pkg.get("state"))).append("</span></td><td>").append(Html.esc(pkg.get("uploadedBy"))).append("<br><span class=\"muted\">")
                    .append(time(pkg.get("uploadedAt"))).append("</span></td><td>").append(time(pkg.get("effectiveFrom")))
                    .append("</td><td class=\"summary\">").append(Html.esc(pkg.get("reviewSummary"))).append("</td></tr>");
        }
        out.append("</tbody></table></section>");
        out.append("""
                <div class="two"><section class="panel"><h2>%s</h2>
                <form method="post" action="/console/config/upload" enctype="multipart/form-data" class="form inline">
                  <label for="c-package">%s</label><input id="c-package" name="package" type="file" accept=".tpkg" required>
                  <button type="submit">%s</button>
                </form><p class="hint">%s</p></section>""".formatted(Texts.t(lang, "uploadPackage"), Texts.t(lang, "packageFile"),
                Texts.t(lang, "upload"), Texts.t(lang, "uploadHint")));
        StringBuilder targets = new StringBuilder("<option value=\"0\">0 · " + Texts.t(lang, "siteFileConfig") + "</option>");
        packages.stream().filter(x -> APPLIED.contains(String.valueOf(x.get("state"))))
                .forEach(x -> targets.append("<option value=\"").append(x.get("id")).append("\">#").append(x.get("id")).append(' ')
                        .append(Html.esc(x.get("name"))).append(' ').append(Html.esc(x.get("version"))).append("</option>"));
        out.append("""
                <section class="panel"><h2>%s</h2>
                <form method="post" action="/console/config/rollback" class="form inline" onsubmit="return confirm('%s')">
                  <label for="c-to">%s</label><select id="c-to" name="to">%s</select>
                  <button type="submit">%s</button>
                </form><p class="hint">%s</p></section></div>""".formatted(Texts.t(lang, "rollback"), Texts.t(lang, "confirmRollback"),
                Texts.t(lang, "rollbackTo"), targets, Texts.t(lang, "rollback"), Texts.t(lang, "rollbackHint")));
        log(lang, out, rows(versions.get("log")), 50);
        ctx.html(Layout.page(lang, p, site(), "config", out.toString(), false));
    }

    // --- one package

    void one(Context ctx) {
        one(ctx, null, ctx.queryParam("uploaded") == null ? null : Texts.t(Lang.of(ctx), "uploaded"));
    }

    void stage(Context ctx) {
        Lang lang = Lang.of(ctx);
        long id = id(ctx);
        Instant from = null;
        String text = ctx.formParam("effective_from");
        if (text != null && !text.isBlank()) {
            try {
                from = LocalDate.parse(text.strip()).atStartOfDay(s.site().zone()).toInstant();
            } catch (DateTimeParseException e) {
                ctx.status(400);
                one(ctx, "effective_from: `" + text + "` " + Texts.t(lang, "dateFormat"), null);
                return;
            }
        }
        try {
            s.configuration().stage(id, from, actor(ctx));
            one(ctx, null, Texts.t(lang, "staged"));
        } catch (IllegalArgumentException | IllegalStateException e) {
            ctx.status(e instanceof IllegalArgumentException ? 400 : 409);
            one(ctx, "effective_from: " + e.getMessage(), null);
        }
    }

    void activate(Context ctx) {
        Lang lang = Lang.of(ctx);
        try {
            s.configuration().activate(id(ctx), actor(ctx));
            one(ctx, null, Texts.t(lang, "activated"));
        } catch (IllegalArgumentException | IllegalStateException e) {
            ctx.status(e instanceof IllegalArgumentException ? 400 : 409);
            one(ctx, e.getMessage(), null);
        }
    }

    private void one(Context ctx, String error, String done) {
        Lang lang = Lang.of(ctx);
        Principal p = Callers.principal(ctx);
        long id = id(ctx);
        Map<String, Object> pkg;
        try {
            pkg = s.configuration().version(id);
        } catch (IllegalArgumentException | IllegalStateException e) {
            ctx.status(404);
            ctx.html(Layout.page(lang, p, site(), "config", "<h1>" + Texts.t(lang, "config") + "</h1><p class=\"error\" role=\"alert\">"
                    + Html.esc(e.getMessage()) + "</p><p><a href=\"/console/config\">" + Texts.t(lang, "config") + "</a></p>", false));
            return;
        }
        String state = String.valueOf(pkg.get("state"));
        StringBuilder out = new StringBuilder("<p><a href=\"/console/config\">← " + Texts.t(lang, "config") + "</a></p><h1>#" + id + " "
                + Html.esc(pkg.get("name")) + " " + Html.esc(pkg.get("version")) + " <span class=\"state\" id=\"state\">"
                + Html.esc(state) + "</span></h1>");
        notices(out, error, done);
        out.append("<section class=\"panel\"><table><tbody>");
        row(out, Texts.t(lang, "kind"), Html.esc(pkg.get("kind")));
        row(out, Texts.t(lang, "signatures"), Html.esc(pkg.get("signatures")));
        row(out, "SHA-256", "<code>" + Html.esc(pkg.get("sha256")) + "</code>");
        row(out, Texts.t(lang, "uploadedBy"), Html.esc(pkg.get("uploadedBy")) + " · " + time(pkg.get("uploadedAt")));
        row(out, Texts.t(lang, "effectiveFrom"), time(pkg.get("effectiveFrom")));
        row(out, Texts.t(lang, "reviewSummary"), Html.esc(pkg.get("reviewSummary")));
        out.append("</tbody></table></section>");
        if ("reviewed".equals(state)) {
            String watermark = s.status().watermark().map(t -> t.atZone(s.site().zone()).toLocalDate().toString()).orElse("");
            out.append("""
                    <section class="panel"><h2>%s</h2>
                    <form method="post" action="/console/config/%d/stage" class="form inline">
                      <label for="c-from">%s</label><input id="c-from" name="effective_from" type="date" value="%s">
                      <button type="submit">%s</button>
                    </form><p class="hint">%s</p></section>""".formatted(Texts.t(lang, "stage"), id, Texts.t(lang, "effectiveFrom"),
                    watermark, Texts.t(lang, "stageButton"), Texts.t(lang, "stageHint")));
        }
        if ("staged".equals(state)) {
            out.append("""
                    <section class="panel"><h2>%s</h2>
                    <form method="post" action="/console/config/%d/activate" class="form inline" onsubmit="return confirm('%s')">
                      <button type="submit" id="activate">%s</button>
                    </form><p class="hint">%s</p></section>""".formatted(Texts.t(lang, "activate"), id, Texts.t(lang, "confirmActivate"),
                    Texts.t(lang, "activate"), Texts.t(lang, "activateHint")));
        }
        Object review = pkg.get("review");
        if (review != null && !"null".equals(review.toString())) {
            review(lang, out, Review.fromJson(review.toString()));
        } else {
            out.append("<section class=\"panel\"><p class=\"muted\">").append(Texts.t(lang, "noReview")).append("</p></section>");
        }
        log(lang, out, rows(pkg.get("log")), Integer.MAX_VALUE);
        ctx.html(Layout.page(lang, p, site(), "config", out.toString(), false));
    }

    /** The review: totals by emission class, then the figures that differ, node by node and day by day. */
    private void review(Lang lang, StringBuilder out, Review r) {
        out.append("<section class=\"panel scroll\"><table id=\"review-totals\"><caption>").append(Texts.t(lang, "reviewTotals"))
                .append(" · ").append(r.from()).append(" – ").append(r.to().minusDays(1)).append(" · ").append(r.compared()).append(' ')
                .append(Texts.t(lang, "figuresCompared")).append(", ").append(r.differing()).append(' ').append(Texts.t(lang, "differ"))
                .append("</caption><thead><tr><th scope=\"col\">").append(Texts.t(lang, "byClass")).append("</th><th scope=\"col\">")
                .append(Texts.t(lang, "storedValue")).append("</th><th scope=\"col\">").append(Texts.t(lang, "replayedValue"))
                .append("</th><th scope=\"col\">").append(Texts.t(lang, "difference")).append("</th><th scope=\"col\">%</th></tr></thead><tbody>");
        if (r.totals().isEmpty()) {
            out.append("<tr><td colspan=\"5\" class=\"muted\">").append(Texts.t(lang, "noClosedDays")).append("</td></tr>");
        }
        for (Review.ClassTotal t : r.totals()) {
            out.append("<tr><th scope=\"row\">").append(Html.esc(Pages.className(lang, t.emissionClass()))).append("</th><td>")
                    .append(Html.num(t.stored(), 4)).append(' ').append(Html.esc(t.unit())).append("</td><td>").append(Html.num(t.replayed(), 4))
                    .append("</td><td>").append(signed(t.difference())).append("</td><td>")
                    .append(Html.change(Figures.change(t.replayed(), t.stored()))).append("</td></tr>");
        }
        out.append("</tbody></table></section>");
        out.append("<section class=\"panel scroll\"><table id=\"review-figures\"><caption>").append(Texts.t(lang, "reviewFigures"))
                .append(r.figures().size() > FIGURES_SHOWN ? " (" + FIGURES_SHOWN + " / " + r.figures().size() + ")" : "")
                .append("</caption><thead><tr><th scope=\"col\">").append(Texts.t(lang, "figure")).append("</th><th scope=\"col\">")
                .append(Texts.t(lang, "period")).append("</th><th scope=\"col\">").append(Texts.t(lang, "storedValue"))
                .append("</th><th scope=\"col\">").append(Texts.t(lang, "replayedValue")).append("</th><th scope=\"col\">")
                .append(Texts.t(lang, "difference")).append("</th></tr></thead><tbody>");
        for (Review.Figure f : r.figures().stream().limit(FIGURES_SHOWN).toList()) {
            String stored = f.stored() == null ? "—" : PlantPages.explainLink(f.node(), io.tanhe.engine.time.Grain.fromLabel(r.grain()),
                    f.bucket(), f.key(), Html.num(f.stored(), 4));
            out.append("<tr><th scope=\"row\">").append(Html.esc(f.node())).append(f.key().isEmpty() ? "" : "[" + Html.esc(f.key()) + "]")
                    .append("</th><td>").append(f.bucket().atZone(s.site().zone()).toLocalDate()).append("</td><td>").append(stored)
                    .append(' ').append(Html.esc(f.unit())).append("</td><td>").append(Html.num(f.replayed(), 4)).append("</td><td>")
                    .append(signed(f.difference())).append("</td></tr>");
        }
        out.append("</tbody></table></section>");
    }

    private void log(Lang lang, StringBuilder out, List<Map<String, Object>> log, int most) {
        out.append("<section class=\"panel scroll\"><table id=\"config-log\"><caption>").append(Texts.t(lang, "activationLog"))
                .append("</caption><thead><tr>");
        for (String h : List.of("at", "no.", "user", "fromTo", "detail")) {
            out.append("<th scope=\"col\">").append(Texts.t(lang, h)).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        log.reversed().stream().limit(most).forEach(step -> out.append("<tr><td>").append(time(step.get("at"))).append("</td><td>#")
                .append(step.get("package")).append("</td><td>").append(Html.esc(step.get("actor"))).append("</td><td>")
                .append(Html.esc(step.get("from"))).append(" → ").append(Html.esc(step.get("to"))).append("</td><td>")
                .append(Html.esc(step.get("detail"))).append("</td></tr>"));
        out.append("</tbody></table></section>");
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("<tr><th scope=\"row\">").append(name).append("</th><td>").append(value).append("</td></tr>");
    }

    private static void notices(StringBuilder out, String error, String done) {
        if (error != null) {
            out.append("<p class=\"error\" role=\"alert\">").append(Html.esc(error)).append("</p>");
        }
        if (done != null) {
            out.append("<p class=\"notice\" role=\"status\" id=\"done\">").append(Html.esc(done)).append("</p>");
        }
    }

    private static String signed(double v) {
        return String.format(Locale.ROOT, "%+,.4f", v);
    }

    private String time(Object iso) {
        if (iso == null) {
            return "—";
        }
        try {
            return LOCAL.format(Instant.parse(iso.toString()).atZone(s.site().zone()));
        } catch (DateTimeParseException e) {
            return Html.esc(iso);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Object list) {
        return list == null ? List.of() : (List<Map<String, Object>>) list;
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new io.javalin.http.BadRequestResponse("`" + ctx.pathParam("id") + "` is not a package number");
        }
    }

    private String site() {
        return s.site().identity().siteName();
    }

    private static AuditActor actor(Context ctx) {
        Principal p = Callers.principal(ctx);
        return new AuditActor(p.auditName(), p.role().code(), Callers.source(ctx));
    }
}
