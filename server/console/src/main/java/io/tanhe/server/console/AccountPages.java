package io.tanhe.server.console;

import io.javalin.http.Context;
import io.tanhe.server.api.ApiServer;
import io.tanhe.server.api.Callers;
import io.tanhe.server.security.access.AccessControl;
import io.tanhe.server.security.access.AccessException;
import io.tanhe.server.security.access.Account;
import io.tanhe.server.security.access.Actor;
import io.tanhe.server.security.access.ApiToken;
import io.tanhe.server.security.access.LoginResult;
import io.tanhe.server.security.access.Principal;
import io.tanhe.server.security.access.Role;
import io.tanhe.server.security.access.SecurityPolicy;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Signing in and out, one's own password (the forced change of a one-time or expired password), and the security
 * operator's accounts page. Every change goes through {@link AccessControl}, which applies the policy and audits it.
 */
final class AccountPages {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ApiServer.Sources s;
    private final AccessControl access;
    private final boolean secure;

    AccountPages(ApiServer.Sources sources, AccessControl access, boolean secure) {
        this.s = sources;
        this.access = access;
        this.secure = secure;
    }

    void loginForm(Context ctx) {
        Lang lang = Lang.of(ctx);
        ctx.html(loginPage(lang, null, ""));
    }

    void login(Context ctx) {
        Lang lang = Lang.of(ctx);
        String username = ctx.formParam("username");
        LoginResult r = access.login(username, ctx.formParam("password"), Callers.address(ctx));
        switch (r) {
            case LoginResult.Refused(int status, String message) -> ctx.status(status).html(loginPage(lang, message, username));
            case LoginResult.LoggedIn(Principal p, String session) -> {
                Callers.setSession(ctx, session, secure);
                ctx.redirect(p.mustChangePassword() ? "/console/password" : Layout.home(p));
            }
        }
    }

    private String loginPage(Lang lang, String error, String username) {
        SecurityPolicy policy = access.policy();
        String rule = lang == Lang.ZH
                ? "连续 " + policy.lockoutAfter() + " 次登录失败将锁定账户 " + policy.lockoutFor().toMinutes() + " 分钟；首次登录须修改一次性密码。"
                : policy.lockoutAfter() + " failed logins in a row lock the account for " + policy.lockoutFor().toMinutes()
                + " min; a one-time password must be changed at the first login.";
        String body = """
                <section class="panel narrow">
                  <h1>%s</h1>
                  <p class="site">%s</p>
                  %s
                  <form method="post" action="/console/login" class="form">
                    <label for="username">%s</label>
                    <input id="username" name="username" autocomplete="username" required autofocus value="%s">
                    <label for="password">%s</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required>
                    <button type="submit">%s</button>
                  </form>
                  <p class="hint">%s</p>
                </section>""".formatted(Texts.t(lang, "login"), Html.esc(s.site().identity().siteName()),
                error == null ? "" : "<p class=\"error\" role=\"alert\">" + Html.esc(error) + "</p>",
                Texts.t(lang, "username"), Html.esc(username == null ? "" : username), Texts.t(lang, "password"),
                Texts.t(lang, "login"), Html.esc(rule));
        return Layout.bare(lang, Texts.t(lang, "login"), body);
    }

    void passwordForm(Context ctx) {
        Lang lang = Lang.of(ctx);
        ctx.html(passwordPage(lang, Callers.principal(ctx), null, false));
    }

    void changePassword(Context ctx) {
        Lang lang = Lang.of(ctx);
        Principal p = Callers.principal(ctx);
        String next = ctx.formParam("newPassword");
        if (next == null || !next.equals(ctx.formParam("repeatPassword"))) {
            ctx.status(400).html(passwordPage(lang, p, Texts.t(lang, "passwordsDiffer"), false));
            return;
        }
        try {
            access.changePassword(Actor.of(p, Callers.source(ctx)), p.name(), ctx.formParam("password"), next, Callers.session(ctx));
        } catch (AccessException e) {
            ctx.status(400).html(passwordPage(lang, p, e.getMessage(), false));
            return;
        }
        ctx.redirect(Layout.home(p));
    }

    private String passwordPage(Lang lang, Principal p, String error, boolean done) {
        String body = """
                <section class="panel narrow">
                  <h1>%s</h1>
                  %s%s
                  <form method="post" action="/console/password" class="form">
                    <label for="password">%s</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required autofocus>
                    <label for="newPassword">%s</label>
                    <input id="newPassword" name="newPassword" type="password" autocomplete="new-password" required minlength="8">
                    <label for="repeatPassword">%s</label>
                    <input id="repeatPassword" name="repeatPassword" type="password" autocomplete="new-password" required minlength="8">
                    <button type="submit">%s</button>
                  </form>
                </section>""".formatted(Texts.t(lang, "changePassword"),
                p.mustChangePassword() ? "<p class=\"notice\">" + Texts.t(lang, "mustChange") + "</p>" : "",
                error == null ? (done ? "<p class=\"notice\">" + Texts.t(lang, "passwordChanged") + "</p>" : "")
                        : "<p class=\"error\" role=\"alert\">" + Html.esc(error) + "</p>",
                Texts.t(lang, "password"), Texts.t(lang, "newPassword"), Texts.t(lang, "repeatPassword"), Texts.t(lang, "changePassword"));
        return p.mustChangePassword() ? Layout.bare(lang, Texts.t(lang, "changePassword"), body)
                : Layout.page(lang, p, s.site().identity().siteName(), "changePassword", body, false);
    }

    void logout(Context ctx) {
        String session = Callers.session(ctx);
        if (session != null) {
            access.logout(session, Callers.source(ctx));
        }
        Callers.clearSession(ctx, secure);
        ctx.redirect("/console/login");
    }

    void users(Context ctx) {
        show(ctx, null, null);
    }

    void addUser(Context ctx) {
        Lang lang = Lang.of(ctx);
        Role role;
        try {
            role = Role.fromCode(String.valueOf(ctx.formParam("role")));
        } catch (IllegalArgumentException e) {
            ctx.status(400);
            show(ctx, e.getMessage(), null);
            return;
        }
        String username = ctx.formParam("username");
        act(ctx, () -> Texts.t(lang, "oneTime") + " " + username + ": "
                + access.addAccount(actor(ctx), username, role));
    }

    void lock(Context ctx) {
        act(ctx, () -> {
            access.lock(actor(ctx), ctx.pathParam("username"));
            return null;
        });
    }

    void unlock(Context ctx) {
        act(ctx, () -> {
            access.unlock(actor(ctx), ctx.pathParam("username"));
            return null;
        });
    }

    void reset(Context ctx) {
        Lang lang = Lang.of(ctx);
        String username = ctx.pathParam("username");
        act(ctx, () -> Texts.t(lang, "oneTime") + " " + username + ": " + access.resetPassword(actor(ctx), username));
    }

    /** Runs a change and shows the page again with its outcome (a one-time password is shown once, never logged). */
    private void act(Context ctx, java.util.function.Supplier<String> change) {
        String done;
        try {
            done = change.get();
        } catch (AccessException | IllegalArgumentException e) {
            ctx.status(400);
            show(ctx, e.getMessage(), null);
            return;
        }
        show(ctx, null, done);
    }

    private static Actor actor(Context ctx) {
        return Actor.of(Callers.principal(ctx), Callers.source(ctx));
    }

    private void show(Context ctx, String error, String done) {
        Lang lang = Lang.of(ctx);
        Principal p = Callers.principal(ctx);
        Instant now = Instant.now();
        StringBuilder rows = new StringBuilder();
        for (Account a : access.accounts()) {
            boolean locked = a.disabled() || a.lockedOut(now);
            String u = Html.esc(a.username());
            rows.append("<tr><td>").append(u).append("</td><td>").append(Html.esc(a.role().title())).append("</td><td>")
                    .append(locked ? Texts.t(lang, "yes") : Texts.t(lang, "no")).append("</td><td>")
                    .append(LOCAL.format(a.createdAt().atZone(s.site().zone()))).append("</td><td class=\"actions\">")
                    .append(button("/console/users/" + u + (locked ? "/unlock" : "/lock"),
                            Texts.t(lang, locked ? "unlock" : "lock"), u, locked ? null : Texts.t(lang, "confirmLock")))
                    .append(button("/console/users/" + u + "/reset", Texts.t(lang, "reset"), u, Texts.t(lang, "confirmReset")))
                    .append("</td></tr>");
        }
        StringBuilder tokens = new StringBuilder();
        for (ApiToken t : access.tokens()) {
            tokens.append("<tr><td>").append(Html.esc(t.name())).append("</td><td>").append(Html.esc(t.role().code()))
                    .append("</td><td>").append(LOCAL.format(t.createdAt().atZone(s.site().zone()))).append("</td><td>")
                    .append(t.revokedAt().isPresent() ? "✕" : "✓").append("</td></tr>");
        }
        StringBuilder roles = new StringBuilder();
        for (Role r : Role.values()) {
            roles.append("<option value=\"").append(r.code()).append("\">").append(Html.esc(r.title())).append("</option>");
        }
        String body = """
                <h1>%s</h1>
                %s%s
                <section class="panel">
                <table><caption>%s</caption>
                <thead><tr><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col"></th></tr></thead>
                <tbody>%s</tbody></table>
                </section>
                <section class="panel">
                <h2>%s</h2>
                <form method="post" action="/console/users" class="form inline">
                  <label for="new-username">%s</label><input id="new-username" name="username" required pattern="[a-z][a-z0-9._-]{1,31}">
                  <label for="new-role">%s</label><select id="new-role" name="role">%s</select>
                  <button type="submit">%s</button>
                </form>
                </section>
                <section class="panel">
                <table><caption>%s</caption>
                <thead><tr><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">✓</th></tr></thead>
                <tbody>%s</tbody></table>
                </section>""".formatted(Texts.t(lang, "users"),
                error == null ? "" : "<p class=\"error\" role=\"alert\">" + Html.esc(error) + "</p>",
                done == null ? "" : "<p class=\"notice\" role=\"status\">" + Html.esc(done) + "</p>",
                Texts.t(lang, "users"), Texts.t(lang, "username"), Texts.t(lang, "role"), Texts.t(lang, "locked"),
                Texts.t(lang, "created"), rows, Texts.t(lang, "addUser"), Texts.t(lang, "username"), Texts.t(lang, "role"), roles,
                Texts.t(lang, "add"), Texts.t(lang, "tokens"), Texts.t(lang, "name"), Texts.t(lang, "role"),
                Texts.t(lang, "created"), tokens);
        ctx.html(Layout.page(lang, p, s.site().identity().siteName(), "users", body, false));
    }

    /** A one-button form; {@code confirm}, when given, is asked first (resetting or locking someone out is not undone by a click). */
    private static String button(String action, String label, String username, String confirm) {
        return "<form method=\"post\" action=\"" + action + "\"" + (confirm == null ? "" : " onsubmit=\"return confirm('"
                + Html.esc(confirm) + " " + username + "')\"") + "><button type=\"submit\" class=\"secondary\" aria-label=\""
                + Html.esc(label) + " " + username + "\">" + Html.esc(label) + "</button></form>";
    }

    /** Keeps the language a {@code ?lang=} link chose. */
    static void remember(Context ctx, Lang lang) {
        if (ctx.queryParam("lang") != null) {
            ctx.cookie(new io.javalin.http.Cookie(Lang.COOKIE, lang.code(), "/", 31_536_000));
        }
    }
}
