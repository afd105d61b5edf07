package io.tanhe.server.console;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.tanhe.server.api.ApiExtension;
import io.tanhe.server.api.ApiServer;
import io.tanhe.server.api.Callers;
import io.tanhe.server.api.RouteAccess;
import io.tanhe.server.api.TerminalApi;
import io.tanhe.server.security.access.AccessControl;
import io.tanhe.server.security.access.Permission;
import io.tanhe.server.site.SiteLoader;
import io.tanhe.server.terminal.operations.Operations;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The web console (issue 17): server-rendered pages under {@code /console} on the API's own server, behind the
 * same sessions and permission table. Each page declares the permission it needs ({@link #ROUTES}); the menu shows a
 * role only the pages it may open, and {@code AccessGuard} refuses the rest anyway. htmx and ECharts come from webjars
 * the server serves itself: no Node build, no CDN, works on a plant network without the internet.
 */
public final class Console implements ApiExtension {
    /** The console's address under the server's. */
    public static final String PREFIX = "/console";

    /** A console route: method, path and the permission it needs (the route table of docs/security.md). */
    public record Route(String method, String path, RouteAccess access) {
    }

    private static final List<String> STATIC_FILES = List.of("console.css", "console.js");
    private final List<Route> routes = new ArrayList<>();
    private final ApiServer.Sources sources;
    private final AccessControl access;
    private final boolean secure;
    private final Operations operations;
    private final Supplier<SiteLoader> loader;

    /**
     * The console on {@code sources}, signing people in through {@code access}; {@code secure}: the server runs on TLS
     * (the session cookie gets {@code Secure}); {@code operations}: the terminal's operator actions.
     */
    public Console(ApiServer.Sources sources, AccessControl access, boolean secure, Operations operations) {
        this(sources, access, secure, operations, (SiteLoader) null);
    }

    /**
     * The console as above; {@code loader} checks an edited points file the way the terminal's own site file was
     * loaded (it must know the same device types, e.g. the demo's simulated meters); null: the standard types, the
     * loader made when a points file is first checked (it finds the methodology library).
     */
    public Console(ApiServer.Sources sources, AccessControl access, boolean secure, Operations operations, SiteLoader loader) {
        this.sources = sources;
        this.access = access;
        this.secure = secure;
        this.operations = operations;
        SiteLoader[] made = {loader};
        this.loader = () -> {
            synchronized (made) {
                if (made[0] == null) {
                    made[0] = new SiteLoader(Clock.systemUTC());
                }
                return made[0];
            }
        };
    }

    /** The console as {@link TerminalApi#start(io.tanhe.server.terminal.Terminal, io.tanhe.server.api.ApiBinding, AccessControl, TerminalApi.More)} adds it. */
    public static TerminalApi.More on(AccessControl access) {
        return on(access, null);
    }

    /** The console checking edited points files with {@code loader} (the one that loaded the terminal's site file). */
    public static TerminalApi.More on(AccessControl access, SiteLoader loader) {
        return (sources, operations, secure) -> List.of(new Console(sources, access, secure, operations, loader));
    }

    /** The routes registered, in order; empty before {@link #register(Javalin)}. */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    @Override
    public Optional<String> prefix() {
        return Optional.of(PREFIX);
    }

    @Override
    public void configure(JavalinConfig config) {
        config.staticFiles.enableWebjars();
    }

    @Override
    public void register(Javalin app) {
        Figures figures = new Figures(sources);
        Pages pages = new Pages(sources, figures);
        AccountPages accounts = new AccountPages(sources, access, secure);
        RouteAccess read = RouteAccess.needs(Permission.READ_DATA);
        RouteAccess own = RouteAccess.needs(Permission.OWN_SESSION);
        RouteAccess manage = RouteAccess.needs(Permission.MANAGE_ACCOUNTS);
        RouteAccess operate = RouteAccess.needs(Permission.OPERATE);
        OperatorPages operator = new OperatorPages(sources, operations);
        PlantPages plant = new PlantPages(sources, operations);
        get(app, "/console/static/{file}", RouteAccess.PUBLIC, Console::staticFile);
        get(app, "/console/login", RouteAccess.PUBLIC, accounts::loginForm);
        post(app, "/console/login", RouteAccess.PUBLIC, accounts::login);
        get(app, "/console", own, ctx -> ctx.redirect(Layout.home(Callers.principal(ctx))));
        get(app, "/console/", own, ctx -> ctx.redirect(Layout.home(Callers.principal(ctx))));
        get(app, "/console/password", own, accounts::passwordForm);
        post(app, "/console/password", own, accounts::changePassword);
        post(app, "/console/logout", own, accounts::logout);
        get(app, "/console/overview", read, pages::overview);
        get(app, "/console/overview/figures", read, pages::overviewFigures);
        get(app, "/console/overview/minutes", read, pages::minutes);
        get(app, "/console/trends", read, pages::trends);
        get(app, "/console/structure", read, pages::structure);
        get(app, "/console/alerts", read, pages::alerts);
        post(app, "/console/alerts/{id}/ack", operate, operator::acknowledge);
        get(app, "/console/entry", operate, operator::entryForm);
        get(app, "/console/devices", read, plant::devices);
        post(app, "/console/devices/{id}/poll", operate, plant::poll);
        get(app, "/console/explain", read, plant::explain);
        PointsPage points = new PointsPage(sources, () -> new PointsFiles(operations.terminal().site(), loader.get(),
                operations.terminal().dataDir()), () -> operations.terminal().siteVersions());
        get(app, "/console/points", operate, points::show);
        post(app, "/console/points/check", operate, points::check);
        post(app, "/console/points/save", operate, points::save);
        get(app, "/console/flue-gas", read, new FlueGasPage(sources)::show);
        UplinkPage uplink = new UplinkPage(sources, operations);
        get(app, "/console/uplink", read, uplink::show);
        post(app, "/console/uplink/backfill", operate, uplink::backfill);
        post(app, "/console/entry", operate, operator::enter);
        JobsPage jobs = new JobsPage(sources, operations);
        get(app, "/console/jobs", read, jobs::show);
        get(app, "/console/jobs/table", read, jobs::table);
        post(app, "/console/jobs", operate, jobs::start);
        post(app, "/console/jobs/{id}/cancel", operate, jobs::cancel);
        ConfigPage config = new ConfigPage(sources);
        get(app, "/console/config", operate, config::list);
        post(app, "/console/config/upload", operate, config::upload);
        post(app, "/console/config/rollback", operate, config::rollback);
        get(app, "/console/config/{id}", operate, config::one);
        post(app, "/console/config/{id}/stage", operate, config::stage);
        post(app, "/console/config/{id}/activate", operate, config::activate);
        get(app, "/console/reports", read, pages::reports);
        get(app, "/console/system", read, pages::system);
        get(app, "/console/users", manage, accounts::users);
        post(app, "/console/users", manage, accounts::addUser);
        post(app, "/console/users/{username}/lock", manage, accounts::lock);
        post(app, "/console/users/{username}/unlock", manage, accounts::unlock);
        post(app, "/console/users/{username}/reset", manage, accounts::reset);
        get(app, "/console/audit", RouteAccess.needs(Permission.READ_AUDIT), new AuditView(sources)::show);
        app.before(PREFIX + "/*", ctx -> {
            sameOrigin(ctx);
            AccountPages.remember(ctx, Lang.of(ctx));
        });
    }

    private void get(Javalin app, String path, RouteAccess access, Handler h) {
        routes.add(new Route("GET", path, access));
        app.get(path, h, access);
    }

    private void post(Javalin app, String path, RouteAccess access, Handler h) {
        routes.add(new Route("POST", path, access));
        app.post(path, h, access);
    }

    /**
     * Refuses a form sent from another site's page (besides the session cookie's SameSite=Strict): a browser names
     * the page's origin on every POST, and it must be this server.
     */
    private static void sameOrigin(Context ctx) {
        if (!"POST".equals(ctx.method().name())) {
            return;
        }
        String origin = ctx.header("Origin");
        String host = ctx.header("Host");
        if (origin != null && !"null".equals(origin) && host != null) {
            String from = URI.create(origin).getRawAuthority();
            if (!host.equalsIgnoreCase(from)) {
                ctx.status(403).result("a form from " + origin + " may not change anything on this terminal");
                ctx.skipRemainingHandlers();
            }
        }
    }

    /** The console's own CSS and script, from the classpath. */
    private static void staticFile(Context ctx) {
        String name = ctx.pathParam("file");
        if (!STATIC_FILES.contains(name)) {
            ctx.status(404).result("no such file");
            return;
        }
        try (InputStream in = Console.class.getResourceAsStream("/console/static/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the console's " + name + " is missing from the jar");
            }
            ctx.header("Cache-Control", "max-age=300");
            ctx.contentType(name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8")
                    .result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void refused(Context ctx, int status, String message) {
        Lang lang = Lang.of(ctx);
        boolean htmx = ctx.header("HX-Request") != null;
        if (status == 401) {
            redirect(ctx, "/console/login", htmx);
            return;
        }
        if (status == 403) {
            if (message.contains("change your one-time or expired password")) {
                redirect(ctx, "/console/password", htmx);
                return;
            }
            ctx.status(403).html(Layout.bare(lang, Texts.t(lang, "forbidden"), "<section class=\"panel\"><h1>"
                    + Texts.t(lang, "forbidden") + "</h1><p>" + Html.esc(message) + "</p><p><a href=\"/console/\">"
                    + Texts.t(lang, "overview") + "</a></p></section>"));
            return;
        }
        ctx.status(status).html(Layout.bare(lang, Texts.t(lang, "notFound"), "<section class=\"panel\"><h1>"
                + Texts.t(lang, "notFound") + "</h1><p>" + Html.esc(message) + "</p><p><a href=\"/console/\">"
                + Texts.t(lang, "overview") + "</a></p></section>"));
    }

    private static void redirect(Context ctx, String to, boolean htmx) {
        if (htmx) {
            ctx.status(200).header("HX-Redirect", to);
        } else {
            ctx.redirect(to);
        }
    }
}
