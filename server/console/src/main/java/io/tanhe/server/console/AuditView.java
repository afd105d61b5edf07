package io.tanhe.server.console;

import io.javalin.http.Context;
import io.tanhe.server.api.ApiServer;
import io.tanhe.server.api.Callers;
import io.tanhe.server.security.audit.AuditActor;
import io.tanhe.server.security.audit.AuditEntry;
import io.tanhe.server.security.audit.AuditEvent;
import io.tanhe.server.security.audit.AuditPage;
import io.tanhe.server.security.audit.AuditQuery;

import java.time.format.DateTimeFormatter;

/**
 * The security auditor's page: the latest audit entries, filtered by user and event, with links to the API's
 * verification and export. Reading the audit is itself audited, as through the API.
 */
final class AuditView {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int PAGE = 100;

    private final ApiServer.Sources s;

    AuditView(ApiServer.Sources sources) {
        this.s = sources;
    }

    void show(Context ctx) {
        Lang lang = Lang.of(ctx);
        var p = Callers.principal(ctx);
        String user = blankToNull(ctx.queryParam("user"));
        String type = blankToNull(ctx.queryParam("type"));
        AuditQuery q = AuditQuery.all().user(user).type(type).sorted(AuditQuery.Sort.SEQ, true).page(0, PAGE);
        AuditPage page = s.audit().query(q, new AuditActor(p.auditName(), p.role().code(), Callers.source(ctx)));
        StringBuilder rows = new StringBuilder();
        for (AuditEntry e : page.entries()) {
            AuditEvent ev = e.event();
            rows.append("<tr class=\"").append(ev.outcome().name().toLowerCase(java.util.Locale.ROOT)).append("\"><td>").append(e.seq())
                    .append("</td><td>").append(LOCAL.format(ev.at().atZone(s.site().zone()))).append("</td><td>")
                    .append(Html.esc(ev.user())).append("</td><td>").append(Html.esc(ev.role())).append("</td><td>")
                    .append(Html.esc(ev.source())).append("</td><td>").append(Html.esc(ev.type())).append("</td><td>")
                    .append(Html.esc(ev.target())).append("</td><td>").append(Html.esc(ev.outcome().name())).append("</td><td>")
                    .append(Html.esc(ev.detail())).append("</td></tr>");
        }
        String body = """
                <h1>%s</h1>
                <form class="form inline" method="get" action="/console/audit">
                  <label for="a-user">%s</label><input id="a-user" name="user" value="%s">
                  <label for="a-type">%s</label><input id="a-type" name="type" value="%s" placeholder="login">
                  <button type="submit">%s</button>
                </form>
                <p><a href="/api/audit/verify">%s</a> · <a href="/api/audit/export?format=csv">%s CSV</a> · <a href="/api/audit/export?format=json">%s JSON</a></p>
                <section class="panel scroll"><table><caption>%s: %d / %d</caption>
                <thead><tr><th scope="col">#</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th></tr></thead>
                <tbody>%s</tbody></table></section>""".formatted(Texts.t(lang, "audit"), Texts.t(lang, "user"), Html.esc(user),
                Texts.t(lang, "type"), Html.esc(type), Texts.t(lang, "show"), Texts.t(lang, "verify"), Texts.t(lang, "export"),
                Texts.t(lang, "export"), Texts.t(lang, "audit"), page.entries().size(), page.total(), Texts.t(lang, "at"),
                Texts.t(lang, "user"), Texts.t(lang, "role"), Texts.t(lang, "address"), Texts.t(lang, "type"), Texts.t(lang, "target"),
                Texts.t(lang, "outcome"), Texts.t(lang, "detail"), rows);
        ctx.html(Layout.page(lang, p, s.site().identity().siteName(), "audit", body, false));
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }
}
