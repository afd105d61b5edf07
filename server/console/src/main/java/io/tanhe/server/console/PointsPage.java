package io.tanhe.server.console;

import io.javalin.http.Context;
import io.tanhe.server.api.ApiServer;
import io.tanhe.server.api.Callers;
import io.tanhe.server.security.access.Principal;
import io.tanhe.server.security.audit.AuditActor;
import io.tanhe.server.security.audit.AuditEvent;
import io.tanhe.server.security.audit.AuditOutcome;

import io.tanhe.server.terminal.lifecycle.SiteVersions;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The points-file editor (§7.2.2 configuration tool): the text the terminal runs with, checked as {@code tanhe run
 * --check} checks a site (every problem with its line, column and field path, shown next to its line), and saved as
 * a numbered, validated candidate file — audited — and pushed to the running terminal as a new site file version
 * ({@link SiteVersions}): only the devices it changes restart, the others keep polling (docs/lifecycle.md).
 */
final class PointsPage {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** The largest points text taken. */
    private static final int MAX_TEXT = 512 * 1024;

    private final ApiServer.Sources s;
    private final Supplier<PointsFiles> files;
    private final Supplier<SiteVersions> versions;

    PointsPage(ApiServer.Sources sources, Supplier<PointsFiles> files, Supplier<SiteVersions> versions) {
        this.s = sources;
        this.files = files;
        this.versions = versions;
    }

    void show(Context ctx) {
        String text = files.get().current();
        String version = ctx.queryParam("version");
        if (version != null) {
            try {
                text = files.get().candidate(Integer.parseInt(version)).orElse(text);
            } catch (NumberFormatException e) {
                ctx.status(400);
            }
        }
        render(ctx, text, null, null);
    }

    void check(Context ctx) {
        Lang lang = Lang.of(ctx);
        String text = text(ctx);
        List<PointsFiles.Problem> problems = files.get().check(text);
        if (!problems.isEmpty()) {
            ctx.status(422);
        }
        render(ctx, text, problems, problems.isEmpty() ? Texts.t(lang, "pointsValid") : null);
    }

    void save(Context ctx) {
        Lang lang = Lang.of(ctx);
        Principal p = Callers.principal(ctx);
        String text = text(ctx);
        List<PointsFiles.Problem> problems = files.get().check(text);
        Instant now = Instant.now();
        if (!problems.isEmpty()) {
            s.audit().record(new AuditEvent(now, p.auditName(), p.role().code(), Callers.source(ctx), "config.points.candidate",
                    "points file", AuditOutcome.FAILURE, problems.size() + " problem(s); nothing saved"));
            ctx.status(422);
            render(ctx, text, problems, null);
            return;
        }
        PointsFiles points = files.get();
        PointsFiles.Candidate c = points.save(text, p.auditName(), now);
        s.audit().record(new AuditEvent(now, p.auditName(), p.role().code(), Callers.source(ctx), "config.points.candidate",
                c.file().toString(), AuditOutcome.SUCCESS, "points file candidate v" + c.version() + ", sha256 "
                + PointsFiles.sha256(text) + "; pushed to the running terminal"));
        String done;
        try {
            SiteVersions.Pushed pushed = versions.get().push(points.siteWith(c), new AuditActor(p.auditName(), p.role().code(), Callers.source(ctx)),
                    false);
            done = pushed.failure().map(f -> Texts.t(lang, "pointsRolledBack").formatted(c.version(), f))
                    .orElseGet(() -> Texts.t(lang, "pointsApplied").formatted(c.version(),
                            pushed.version().map(v -> String.valueOf(v.version())).orElse("-"),
                            pushed.restarted().isEmpty() ? Texts.t(lang, "none") : String.join(", ", pushed.restarted())));
        } catch (IllegalArgumentException | IllegalStateException | io.tanhe.grammar.config.InvalidConfigException e) {
            ctx.status(409);
            done = Texts.t(lang, "pointsNotApplied").formatted(c.version(), e.getMessage());
        }
        render(ctx, text, List.of(), done);
    }

    private static String text(Context ctx) {
        String text = ctx.formParam("text");
        if (text == null) {
            return "";
        }
        if (text.length() > MAX_TEXT) {
            throw new io.javalin.http.BadRequestResponse("the points text has more than " + MAX_TEXT + " characters");
        }
        return text.replace("\r\n", "\n");
    }

    private void render(Context ctx, String text, List<PointsFiles.Problem> problems, String done) {
        Lang lang = Lang.of(ctx);
        Principal p = Callers.principal(ctx);
        boolean bad = problems != null && !problems.isEmpty();
        StringBuilder out = new StringBuilder("<p><a href=\"/console/devices\">← " + Texts.t(lang, "devices") + "</a></p><h1>"
                + Texts.t(lang, "pointsEditor") + "</h1><p class=\"hint\">" + Texts.t(lang, "pointsHint") + "</p>");
        if (done != null) {
            out.append("<p class=\"notice\" role=\"status\" id=\"done\">").append(Html.esc(done)).append("</p>");
        }
        if (bad) {
            out.append("<section class=\"panel error\" role=\"alert\" id=\"problems\"><h2>").append(problems.size()).append(' ')
                    .append(Texts.t(lang, "problems")).append("</h2><ul>");
            for (PointsFiles.Problem pr : problems) {
                out.append("<li>").append(pr.inPoints() ? "<a href=\"#L" + pr.line() + "\">" + NAME_LINE.formatted(pr.line(), pr.column()) + "</a> "
                        : Texts.t(lang, "siteFile") + " ").append("<code class=\"field\">").append(Html.esc(pr.path())).append("</code>: ")
                        .append(Html.esc(pr.message())).append("</li>");
            }
            out.append("</ul></section>");
        }
        out.append("""
                <section class="panel"><form method="post" class="form points-form">
                  <label for="points-text">%s</label>
                  <textarea id="points-text" name="text" rows="24" spellcheck="false" autocapitalize="off"%s>%s</textarea>
                  <div class="buttons"><button type="submit" formaction="/console/points/check" class="secondary">%s</button>
                  <button type="submit" formaction="/console/points/save">%s</button></div>
                </form></section>""".formatted(Texts.t(lang, "pointsText"), bad ? " aria-invalid=\"true\" aria-describedby=\"problems\"" : "",
                Html.esc(text), Texts.t(lang, "validate"), Texts.t(lang, "saveCandidate")));
        if (bad && problems.stream().anyMatch(PointsFiles.Problem::inPoints)) {
            out.append(annotated(lang, text, problems));
        }
        List<PointsFiles.Candidate> saved = files.get().candidates();
        out.append("<section class=\"panel scroll\"><table id=\"candidates\"><caption>").append(Texts.t(lang, "pointsCandidates"))
                .append("</caption><thead><tr><th scope=\"col\">").append(Texts.t(lang, "versionNo")).append("</th><th scope=\"col\">")
                .append(Texts.t(lang, "created")).append("</th><th scope=\"col\">").append(Texts.t(lang, "file")).append("</th></tr></thead><tbody>");
        if (saved.isEmpty()) {
            out.append("<tr><td colspan=\"3\" class=\"muted\">").append(Texts.t(lang, "none")).append("</td></tr>");
        }
        for (PointsFiles.Candidate c : saved) {
            out.append("<tr><th scope=\"row\"><a href=\"/console/points?version=").append(c.version()).append("\">v").append(c.version())
                    .append("</a></th><td>").append(LOCAL.format(c.saved().atZone(s.site().zone()))).append("</td><td><code>")
                    .append(Html.esc(c.file().toAbsolutePath())).append("</code></td></tr>");
        }
        out.append("</tbody></table></section>");
        ctx.html(Layout.page(lang, p, s.site().identity().siteName(), "devices", out.toString(), false));
    }

    private static final String NAME_LINE = PointsFiles.NAME + ":%d:%d";

    /** The text with line numbers, each problem right under its line. */
    private static String annotated(Lang lang, String text, List<PointsFiles.Problem> problems) {
        Map<Integer, List<PointsFiles.Problem>> byLine = new TreeMap<>();
        problems.stream().filter(PointsFiles.Problem::inPoints).forEach(pr -> byLine.computeIfAbsent(pr.line(), k -> new java.util.ArrayList<>()).add(pr));
        StringBuilder out = new StringBuilder("<section class=\"panel scroll\"><h2>" + Texts.t(lang, "problemsByLine")
                + "</h2><ol class=\"lines\">");
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            int n = i + 1;
            List<PointsFiles.Problem> here = byLine.getOrDefault(n, List.of());
            out.append("<li id=\"L").append(n).append('"').append(here.isEmpty() ? "" : " class=\"bad\"").append("><code>")
                    .append(Html.esc(lines.get(i))).append("</code>");
            for (PointsFiles.Problem pr : here) {
                out.append("<div class=\"line-problem\" role=\"note\"><span class=\"caret\">").append(" ".repeat(Math.max(0, pr.column() - 1)))
                        .append("^</span> <code class=\"field\">").append(Html.esc(pr.path())).append("</code>: ").append(Html.esc(pr.message()))
                        .append("</div>");
            }
            out.append("</li>");
        }
        out.append("</ol></section>");
        return out.toString();
    }
}
