package io.tanhe.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.tanhe.engine.graph.Keys;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.graph.NodeKind;
import io.tanhe.engine.rules.alert.Severity;
import io.tanhe.engine.time.Grain;
import io.tanhe.grammar.diagnostics.Spelling;
import io.tanhe.server.report.Report;
import io.tanhe.server.report.ReportFormat;
import io.tanhe.server.report.ReportGrain;
import io.tanhe.server.report.ReportPeriod;
import io.tanhe.server.report.ResultQuery;
import io.tanhe.server.report.ResultRow;
import io.tanhe.server.report.document.ReportFontMissing;
import io.tanhe.server.site.PointBinding;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.Alert;
import io.tanhe.server.store.AlertFilter;
import io.tanhe.server.store.AlertState;
import io.tanhe.server.store.Store;
import io.tanhe.server.store.StoreHealth;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.security.access.AccessControl;
import io.tanhe.server.security.access.AccessException;
import io.tanhe.server.security.access.Permission;
import io.tanhe.server.security.audit.AuditLog;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import io.tanhe.server.store.StoredFinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal's small read-only HTTP API (Javalin), JSON only:
 * <ul>
 *   <li>{@code GET /api/status} — site, methodology, store health, intake counters, the current hour's total, open alerts;</li>
 *   <li>{@code GET /api/results?node=E&grain=hour&from=…&to=…[&key=…]} — stored results (week, month, quarter, year rolled up from the stored days);</li>
 *   <li>{@code GET /api/results/revisions?node=E&grain=day&start=…[&key=…]} — every stored figure of one bucket, oldest
 *       first, with when and why it was written (late data, a configuration package);</li>
 *   <li>{@code GET /api/readings?point=…&from=…&to=…} — raw readings of one point;</li>
 *   <li>{@code GET /api/alerts[?state=open|raised|acknowledged|cleared|all&from=…&to=…&severity=…&rule=…&limit=…]} — newest
 *       first, at least {@code severity}, rule ids containing {@code rule}; each with who acknowledged it and their comment, its current
 *       {@code severity}, the {@code raisedSeverity} and {@code escalatedAt} (null until it escalates);</li>
 *   <li>{@code GET /api/findings[?from=…&to=…&node=…&limit=…]} — the verification findings (核查发现) whose period overlaps
 *       the range (all without {@code from} and {@code to}), by period start: check id, clause, template flag, subject,
 *       period, measured value, bound, message (docs/verification.md); not alerts;</li>
 *   <li>{@code GET /api/report?grain=hour&from=…[&to=…][&format=table|csv|json|pdf|xlsx]} — exactly what
 *       {@code tanhe report} prints or writes for the same arguments (table as text/plain, CSV as text/csv, a PDF or
 *       workbook download).</li>
 * </ul>
 * Times are ISO instants, offsets or local times of the site's zone ({@link TimeText}); {@code from}
 * defaults to the start of the day of the latest data, {@code to} to one day after {@code from}.
 * Months, quarters and years ({@code 2026-11}, {@code 2026-Q4}, {@code 2026}) stand for their first instant.
 * A bad parameter gets 400 with {@code {"error": …, "parameter": …}}: a time that is not one or lies outside
 * {@link TimeText#MIN}..{@link TimeText#MAX}, an unknown node, point, key member (with the known ones and a
 * did-you-mean), an unknown or repeated parameter, a value over {@link #MAX_VALUE_LENGTH} characters. Any method
 * but GET and HEAD on these gets 405 (they only read); anything unforeseen is a logged 500 in JSON.
 *
 * <p>Every route but {@code POST /api/login} needs a session (cookie {@code tanhe_session}) or a bearer
 * token whose role holds the route's {@link RouteAccess} permission ({@link AccessGuard}): 401 without,
 * 403 for the wrong role or address. Also: {@code POST /api/logout}, {@code GET /api/session},
 * {@code POST /api/password} for everyone signed in; {@code /api/users}, {@code /api/tokens} and
 * {@code /api/allow-lists} for the security operator; {@code /metrics}, {@code /api/system} and {@code /api/cutoff}
 * ({@link OperationsRoutes}). Plain HTTP only on loopback; TLS from a PKCS12 keystore with HSTS; no CORS.
 */
public final class ApiServer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final int MAX_ROWS = 100_000;
    /** Set on a request whose route answered an error itself, so the 404 page does not replace its answer. */
    static final String ANSWERED = "tanhe.answered";
    /** The longest query parameter value taken (a node, point or key name, a time): longer ones are refused. */
    static final int MAX_VALUE_LENGTH = 256;
    /** The query parameters each endpoint knows; any other is refused, so a misspelt one is never ignored. */
    private static final Map<String, List<String>> PARAMETERS = Map.of(
            "/api/status", List.of(),
            "/api/results", List.of("node", "grain", "from", "to", "key"),
            "/api/results/revisions", List.of("node", "grain", "start", "key"),
            "/api/readings", List.of("point", "from", "to"),
            "/api/alerts", List.of("state", "from", "to", "severity", "rule", "limit"),
            "/api/findings", List.of("from", "to", "node", "limit"),
            "/api/report", List.of("grain", "from", "to", "format"),
            "/api/system", List.of("lines", "level"),
            "/metrics", List.of());

    private final Javalin app;
    private final String address;

    /**
     * What the API reads, the terminal's supervision (metrics, system state, cut-off; {@link Supervision#NONE} for the
     * data routes alone) and the configuration lifecycle it drives ({@link ConfigurationSource#NONE}: its routes answer 409).
     */
    public record Sources(Supplier<Site> running, Store store, PipelineStatus status, AuditLog audit, Supervision supervision,
                          ConfigurationSource configuration) {
        /** Sources on a site that does not change while the API runs. */
        public Sources(Site site, Store store, PipelineStatus status, AuditLog audit, Supervision supervision,
                       ConfigurationSource configuration) {
            this(() -> site, store, status, audit, supervision, configuration);
        }

        /** Sources for the data routes alone. */
        public Sources(Site site, Store store, PipelineStatus status, AuditLog audit) {
            this(site, store, status, audit, Supervision.NONE, ConfigurationSource.NONE);
        }

        /** Sources with a configuration lifecycle, without the supervision routes. */
        public Sources(Site site, Store store, PipelineStatus status, AuditLog audit, ConfigurationSource configuration) {
            this(site, store, status, audit, Supervision.NONE, configuration);
        }

        /**
         * The site as it runs now: a site file push changes its devices and centres, a configuration package its
         * methodology, so routes ask for it per request rather than keeping the one of the start.
         */
        public Site site() {
            return running.get();
        }
    }

    private ApiServer(Javalin app, String address) {
        this.app = app;
        this.address = address;
    }

    /**
     * Starts the API as {@code binding} says (port 0: any free port), every route but the login behind
     * {@code access} (see docs/security.md).
     *
     * @throws IllegalArgumentException for plain HTTP on a non-loopback address, or a keystore that cannot be read
     */
    public static ApiServer start(ApiBinding binding, Sources sources, AccessControl access) {
        return start(binding, sources, access, List.of());
    }

    /**
     * Starts the API with the routes of {@code extensions} too (the terminal's operator actions, {@link TerminalApi};
     * the web console's pages), behind the same access control.
     *
     * @throws IllegalArgumentException for plain HTTP on a non-loopback address, or a keystore that cannot be read
     */
    public static ApiServer start(ApiBinding binding, Sources sources, AccessControl access, List<ApiExtension> extensions) {
        binding.checked();
        binding.tls().ifPresent(ApiServer::checkKeystore);
        boolean secure = binding.tls().isPresent();
        Handlers h = new Handlers(sources);
        AccountRoutes accounts = new AccountRoutes(access, secure);
        AccessGuard guard = new AccessGuard(access, sources.supervision());
        RouteAccess read = RouteAccess.needs(Permission.READ_DATA);
        RouteAccess own = RouteAccess.needs(Permission.OWN_SESSION);
        RouteAccess manage = RouteAccess.needs(Permission.MANAGE_ACCOUNTS);
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            binding.tls().ifPresent(tls -> config.jetty.addConnector((server, http) -> tlsConnector(server, http, binding, tls)));
            extensions.forEach(e -> e.configure(config));
        })
                .get("/api/status", ctx -> send(ctx, h.status()), read)
                .get("/api/results", ctx -> send(ctx, h.results(ctx)), read)
                .get("/api/results/revisions", ctx -> send(ctx, h.revisions(ctx)), read)
                .get("/api/readings", ctx -> send(ctx, h.readings(ctx)), read)
                .get("/api/alerts", ctx -> send(ctx, h.alerts(ctx)), read)
                .get("/api/findings", ctx -> send(ctx, h.findings(ctx)), read)
                .get("/api/report", h::report, read)
                .post("/api/login", ctx -> send(ctx, accounts.login(ctx)), RouteAccess.PUBLIC)
                .post("/api/logout", ctx -> send(ctx, accounts.logout(ctx)), own)
                .get("/api/session", ctx -> send(ctx, accounts.session(ctx)), own)
                .post("/api/password", ctx -> send(ctx, accounts.password(ctx)), own)
                .get("/api/users", ctx -> send(ctx, accounts.users(ctx)), manage)
                .post("/api/users", ctx -> send(ctx, accounts.addUser(ctx)), manage)
                .post("/api/users/{username}/lock", ctx -> send(ctx, accounts.lock(ctx)), manage)
                .post("/api/users/{username}/unlock", ctx -> send(ctx, accounts.unlock(ctx)), manage)
                .post("/api/users/{username}/reset", ctx -> send(ctx, accounts.reset(ctx)), manage)
                .get("/api/tokens", ctx -> send(ctx, accounts.tokens(ctx)), manage)
                .post("/api/tokens", ctx -> send(ctx, accounts.issueToken(ctx)), manage)
                .delete("/api/tokens/{name}", ctx -> send(ctx, accounts.revokeToken(ctx)), manage)
                .get("/api/allow-lists", ctx -> send(ctx, accounts.allowLists(ctx)), manage)
                .put("/api/allow-lists/{role}", ctx -> send(ctx, accounts.setAllowList(ctx)), manage);
        ReportRoutes.register(app, sources, read);
        OperationsRoutes.register(app, sources.supervision(), read, RouteAccess.needs(Permission.OPERATE));
        AuditRoutes.register(app, sources.audit(), sources.site().zone(), RouteAccess.needs(Permission.READ_AUDIT),
                RouteAccess.needs(Permission.WIPE_AUDIT));
        ConfigRoutes.register(app, sources.configuration(), sources.site().zone(), RouteAccess.needs(Permission.OPERATE));
        extensions.forEach(e -> e.register(app));
        app.get("/api/openapi.json", ctx -> send(ctx, ApiDescription.document()), own);
        app.before(ctx -> {
            if (!ctx.path().startsWith("/webjars/")) { // versioned library files: the browser may keep them
                ctx.header("Cache-Control", "no-store");
            }
            ctx.header("X-Content-Type-Options", "nosniff");
            if (secure) {
                ctx.header("Strict-Transport-Security", "max-age=31536000");
            }
            if (PARAMETERS.containsKey(ctx.path()) && ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD) {
                throw new RefusedMethod(ctx.method().name());
            }
        });
        app.beforeMatched(ctx -> {
            if (ctx.path().startsWith("/webjars/")) {
                return; // the browser libraries the console's login page loads: public files, no data
            }
            guard.check(ctx);
            checkParameters(ctx);
        });
        app.exception(RefusedMethod.class, (e, ctx) -> {
            ctx.status(405).header("Allow", "GET, HEAD");
            send(ctx, Map.of("error", e.getMessage() + " " + ctx.path() + ": this endpoint is read-only; use GET"));
        });
        app.exception(AccessGuard.Refusal.class, (e, ctx) -> {
            Optional<ApiExtension> owner = owner(extensions, ctx);
            if (owner.isPresent()) {
                owner.get().refused(ctx, e.status().getCode(), e.getMessage());
                return;
            }
            ctx.status(e.status());
            send(ctx, Map.of("error", e.getMessage()));
        });
        app.exception(AccessException.class, (e, ctx) -> {
            ctx.status(400);
            send(ctx, Map.of("error", e.getMessage()));
        });
        app.exception(BadRequest.class, (e, ctx) -> {
            ctx.status(400);
            send(ctx, Map.of("error", e.getMessage(), "parameter", e.parameter()));
        });
        app.exception(ReportFontMissing.class, (e, ctx) -> {
            LOG.error("API {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.status(503);
            send(ctx, Map.of("error", "this terminal cannot render PDF documents: " + e.getMessage()
                    + "; format=xlsx works without it"));
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("API {} {}: {}", ctx.method(), ctx.path(), e.toString(), e);
            ctx.status(500);
            send(ctx, Map.of("error", "internal error: " + e.getClass().getSimpleName() + "; see the terminal's log"));
        });
        app.error(404, ctx -> {
            Optional<ApiExtension> owner = owner(extensions, ctx);
            if (owner.isPresent() && ctx.attribute(ANSWERED) == null) {
                owner.get().refused(ctx, 404, "no such page " + ctx.path());
                return;
            }
            if (ctx.attribute(ANSWERED) == null) { // a route's own 404 (no such alert, job …) keeps its answer
                send(ctx, Map.of("error", "no such endpoint " + ctx.method() + " " + ctx.path()
                        + "; the API's routes are described at GET /api/openapi.json and in docs/security.md"));
            }
        });
        if (secure) {
            app.start();
        } else {
            app.start(binding.host(), binding.port());
        }
        String host = binding.host();
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return new ApiServer(app, (secure ? "https://" : "http://") + shown + ":" + app.port());
    }

    /** The extension whose prefix the request's path falls under, if any. */
    private static Optional<ApiExtension> owner(List<ApiExtension> extensions, Context ctx) {
        String path = ctx.path();
        return extensions.stream().filter(e -> e.prefix().isPresent())
                .filter(e -> path.equals(e.prefix().get()) || path.startsWith(e.prefix().get() + "/")).findFirst();
    }

    /** An HTTPS connector (TLS 1.3 and 1.2 only) on the binding's host and port, with the keystore's key. */
    private static Connector tlsConnector(Server server, HttpConfiguration http, ApiBinding binding, ApiBinding.Tls tls) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(tls.keystore().toAbsolutePath().toString());
        ssl.setKeyStoreType("PKCS12");
        ssl.setKeyStorePassword(new String(tls.password()));
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        HttpConfiguration https = new HttpConfiguration(http);
        SecureRequestCustomizer customizer = new SecureRequestCustomizer();
        // the device certificate names the terminal, not every address it is reached at
        customizer.setSniHostCheck(false);
        https.addCustomizer(customizer);
        ServerConnector c = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
        c.setHost(binding.host());
        c.setPort(binding.port());
        return c;
    }

    /** Reads the keystore once, so that a wrong path or password stops the start with a clear message. */
    private static void checkKeystore(ApiBinding.Tls tls) {
        try (InputStream in = Files.newInputStream(tls.keystore())) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, tls.password());
            boolean key = false;
            for (String alias : Collections.list(ks.aliases())) {
                key |= ks.isKeyEntry(alias);
            }
            if (!key) {
                throw new IllegalArgumentException("the keystore " + tls.keystore() + " holds no private key; it needs the"
                        + " server's key and certificate chain");
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the TLS keystore " + tls.keystore() + " as PKCS12 with the given"
                    + " password: " + e.getMessage(), e);
        }
    }

    /** The Javalin instance, for the tests that walk its routes. */
    Javalin javalin() {
        return app;
    }

    /**
     * Refuses parameters the endpoint does not know (with a did-you-mean), repeated ones and values longer than
     * {@link #MAX_VALUE_LENGTH}. Unknown endpoints are left to the 404 handler.
     */
    private static void checkParameters(Context ctx) {
        List<String> known = PARAMETERS.get(ctx.path());
        if (known == null) {
            return;
        }
        Map<String, List<String>> given;
        try {
            given = ctx.queryParamMap();
        } catch (RuntimeException e) {
            throw new BadRequest("query", "the query string cannot be decoded: write parameters as name=value"
                    + " joined by &, percent-encoded as UTF-8");
        }
        for (Map.Entry<String, List<String>> p : given.entrySet()) {
            String name = p.getKey();
            if (!known.contains(name)) {
                String shown = TimeText.shown(name);
                throw new BadRequest(shown, "unknown query parameter `" + shown + "` for " + ctx.path()
                        + Spelling.closest(name, known, 3).map(c -> "; did you mean `" + c + "`?").orElse("")
                        + (known.isEmpty() ? "; it takes none" : "; it takes " + String.join(", ", known)));
            }
            if (p.getValue().size() > 1) {
                throw new BadRequest(name, "the query parameter `" + name + "` is given " + p.getValue().size()
                        + " times; give it once");
            }
            for (String v : p.getValue()) {
                if (v.length() > MAX_VALUE_LENGTH) {
                    throw new BadRequest(name, "the value of `" + name + "` has " + v.length() + " characters; at most "
                            + MAX_VALUE_LENGTH + " are taken");
                }
            }
        }
    }

    /** A request with a method that would change something on a data endpoint, which only reads. */
    private static final class RefusedMethod extends RuntimeException {
        RefusedMethod(String method) {
            super(method + " is not allowed on");
        }
    }

    /** E.g. {@code http://127.0.0.1:8017}. */
    public String address() {
        return address;
    }

    public void stop() {
        app.stop();
    }

    static void send(Context ctx, Object body) {
        try {
            ctx.contentType("application/json; charset=utf-8").result(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The endpoints' logic, separate from the wiring. */
    private static final class Handlers {
        private final Sources s;
        /** Derived from the site running at the latest request; rebuilt when a package or a push replaced it. */
        private volatile Shape shape;

        Handlers(Sources s) {
            this.s = s;
        }

        /** What the routes derive from one site: its result query and the members of its sets. */
        private record Shape(Site site, ResultQuery query, Map<String, List<String>> members) {
            static Shape of(Site site, Store store) {
                Map<String, List<String>> members = Handlers.members(site);
                // the measurement methodology's sets too (docs/cems.md: co2_measured[stack1]); set names of the two do not clash in practice
                site.measurementView().ifPresent(v -> Handlers.members(v).forEach(members::putIfAbsent));
                return new Shape(site, new ResultQuery(site.graph(), store.results(), site.zone()), members);
            }
        }

        private Shape shape() {
            Site now = s.site();
            Shape known = shape;
            if (known == null || known.site() != now) {
                known = Shape.of(now, s.store());
                shape = known;
            }
            return known;
        }

        Map<String, Object> status() {
            Map<String, Object> out = new LinkedHashMap<>();
            var id = s.site().identity();
            out.put("site", Map.of("id", id.siteId(), "name", id.siteName(), "enterprise", id.enterprise(),
                    "enterpriseId", id.enterpriseId(), "zone", s.site().zone().getId()));
            var m = s.site().methodology();
            out.put("methodology", Map.of("id", m.id(), "version", m.version(), "contentHash", m.contentHash()));
            StoreHealth health = s.store().health();
            out.put("store", Map.of("state", health.state().name(), "detail", health.detail(), "queued", health.queued(),
                    "acknowledged", health.acknowledged()));
            PipelineStatus st = s.status();
            PipelineStatus.Counters c = st.counters();
            Map<String, Object> readings = new LinkedHashMap<>();
            readings.put("received", c.received());
            readings.put("acknowledged", c.acknowledged());
            readings.put("duplicates", c.duplicates());
            readings.put("rejected", c.rejected());
            readings.put("outsideOpenWindow", c.outsideOpenWindow());
            readings.put("unusable", c.unusable());
            out.put("readings", readings);
            out.put("resultsWritten", c.resultsWritten());
            out.put("watermark", text(st.watermark().orElse(null)));
            out.put("openWindowFrom", text(st.openWindowFrom().orElse(null)));
            var hour = st.currentHour().orElse(null);
            out.put("currentHour", hour == null ? null : Map.of("start", hour.start().toString(), "value", hour.value(),
                    "unit", hour.unit(), "quality", hour.quality()));
            out.put("openAlerts", s.store().alerts().alerts(EnumSet.of(AlertState.RAISED, AlertState.ACKNOWLEDGED), all()).size());
            var catchUp = st.catchUp().orElse(null);
            out.put("catchUp", catchUp == null ? null : Map.of("from", catchUp.from().toString(), "to", catchUp.to().toString(),
                    "next", catchUp.next().toString(), "daysDone", catchUp.daysDone(), "daysTotal", catchUp.daysTotal(),
                    "daysPerSecond", catchUp.daysPerSecond()));
            Map<String, String> dead = st.deadWorkers();
            out.put("workers", Map.of("state", dead.isEmpty() ? "OK" : "FAILED", "dead", dead));
            out.put("startedAt", st.startedAt().toString());
            out.put("uptimeSeconds", Duration.between(st.startedAt(), Instant.now()).toSeconds());
            return out;
        }

        /** The site's methodology, or its measurement methodology for a node only that one has (docs/cems.md: co2_measured). */
        private static Site graphSite(Site site, String node) {
            if (site.graph().node(node).isPresent()) {
                return site;
            }
            return site.measurementView().filter(v -> v.graph().node(node).isPresent()).orElse(site);
        }

        Map<String, Object> results(Context ctx) {
            String node = required(ctx, "node");
            Shape now = shape();
            Site holder = graphSite(now.site(), node);
            Optional<Node> n = holder.graph().node(node);
            ResultQuery query = holder == now.site() ? now.query() : new ResultQuery(holder.graph(), s.store().results(), now.site().zone());
            if (n.isEmpty() || n.get().kind() == NodeKind.FACTOR || n.get().kind() == NodeKind.CONST) {
                List<String> names = now.site().graph().nodes().stream()
                        .filter(x -> x.kind() != NodeKind.FACTOR && x.kind() != NodeKind.CONST).map(Node::name).toList();
                throw new BadRequest("node", "no stored node `" + TimeText.shown(node) + "` in " + now.site().methodology().id()
                        + Spelling.closest(node, names, 3).map(c -> "; did you mean `" + c + "`?").orElse("")
                        + "; nodes: " + String.join(", ", names));
            }
            Grain grain;
            try {
                grain = Grain.fromLabel(Optional.ofNullable(ctx.queryParam("grain")).orElse("hour"));
            } catch (IllegalArgumentException e) {
                throw new BadRequest("grain", e.getMessage());
            }
            TimeRange range = range(ctx);
            String key = Optional.ofNullable(ctx.queryParam("key")).orElse("").replace(" ", "");
            checkKey(n.get(), key, now.members());
            List<ResultRow> rows;
            try {
                rows = query.results(node, key, grain, range);
            } catch (IllegalArgumentException e) {
                throw new BadRequest("grain", e.getMessage());
            }
            List<Map<String, Object>> out = new ArrayList<>();
            for (ResultRow r : rows.subList(0, Math.min(rows.size(), MAX_ROWS))) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("node", r.node());
                m.put("key", r.key());
                m.put("start", r.start().toString());
                m.put("end", r.end().toString());
                m.put("value", r.value());
                m.put("unit", r.unit());
                m.put("quality", r.quality().name());
                m.put("completeness", r.completeness());
                m.put("revision", r.revision());
                out.add(m);
            }
            return page(node, grain.label(), range, out, rows.size());
        }

        Map<String, Object> revisions(Context ctx) {
            String node = required(ctx, "node");
            Shape now = shape();
            Site holder = graphSite(now.site(), node);
            if (holder.graph().node(node).isEmpty()) {
                throw new BadRequest("node", "no node `" + TimeText.shown(node) + "` in " + s.site().methodology().id());
            }
            Grain grain;
            try {
                grain = Grain.fromLabel(Optional.ofNullable(ctx.queryParam("grain")).orElse("hour"));
            } catch (IllegalArgumentException e) {
                throw new BadRequest("grain", e.getMessage());
            }
            Instant start;
            try {
                start = TimeText.parse(required(ctx, "start"), s.site().zone());
            } catch (IllegalArgumentException e) {
                throw new BadRequest("start", e.getMessage());
            }
            String key = Optional.ofNullable(ctx.queryParam("key")).orElse("").replace(" ", "");
            checkKey(holder.graph().node(node).orElseThrow(), key, now.members());
            List<Map<String, Object>> out = new ArrayList<>();
            for (var r : s.store().results().revisions(node, key, grain, start)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("revision", r.revision());
                m.put("value", r.result().value());
                m.put("unit", r.result().unit());
                m.put("quality", r.result().quality().name());
                m.put("revisedAt", r.result().revisedAt().toString());
                m.put("reason", r.result().reason());
                out.add(m);
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("node", node);
            answer.put("key", key);
            answer.put("grain", grain.name().toLowerCase(Locale.ROOT));
            answer.put("start", start.toString());
            answer.put("revisions", out);
            return answer;
        }

        Map<String, Object> readings(Context ctx) {
            String point = required(ctx, "point");
            Set<String> points = s.site().drivers().pointSettings().keySet();
            if (!points.contains(point)) {
                throw new BadRequest("point", "no point `" + TimeText.shown(point) + "` at this site"
                        + Spelling.closest(point, points, 4).map(c -> "; did you mean `" + c + "`?").orElse("")
                        + "; points: " + String.join(", ", points));
            }
            TimeRange range = range(ctx);
            List<StoredReading> found = s.store().readings().readings(point, range);
            List<Map<String, Object>> out = new ArrayList<>();
            for (StoredReading r : found.subList(0, Math.min(found.size(), MAX_ROWS))) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("measuredAt", r.measuredAt().toString());
                m.put("value", r.value() == null ? null : r.value().toPlainString());
                m.put("unit", r.unit());
                m.put("quality", r.quality().name());
                m.put("source", r.sourceId());
                m.put("key", r.key());
                m.put("detail", r.detail());
                out.add(m);
            }
            return page(point, null, range, out, found.size());
        }

        Map<String, Object> alerts(Context ctx) {
            String state = Optional.ofNullable(ctx.queryParam("state")).orElse("open").toLowerCase(Locale.ROOT);
            Set<AlertState> states;
            try {
                states = AlertFilter.states(state);
            } catch (IllegalArgumentException e) {
                throw new BadRequest("state", "`" + TimeText.shown(state) + "` is not an alert state; use " + AlertFilter.STATE_WORDS);
            }
            TimeRange range = ctx.queryParam("from") == null && ctx.queryParam("to") == null ? all() : range(ctx);
            int limit = limit(ctx);
            List<Map<String, Object>> out = new ArrayList<>();
            List<Alert> found = s.store().alerts().alerts(new AlertFilter(states, range, Optional.ofNullable(severity(ctx)),
                    ctx.queryParam("rule")));
            for (Alert a : found.subList(0, Math.min(found.size(), limit))) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", a.id());
                m.put("rule", a.raised().ruleId());
                m.put("severity", a.severity().name());
                m.put("raisedSeverity", a.raised().severity().name());
                m.put("state", a.state().name());
                m.put("raisedAt", a.raised().raisedAt().toString());
                m.put("message", a.raised().message());
                m.put("acknowledgedAt", text(a.acknowledgedAt()));
                m.put("acknowledgedBy", a.acknowledgedBy());
                m.put("acknowledgeComment", a.acknowledgeComment());
                m.put("escalatedAt", text(a.escalatedAt()));
                m.put("clearedAt", text(a.clearedAt()));
                out.add(m);
            }
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("state", state);
            page.put("count", found.size());
            page.put("truncated", found.size() > out.size());
            page.put("alerts", out);
            return page;
        }

        Map<String, Object> findings(Context ctx) {
            TimeRange range = ctx.queryParam("from") == null && ctx.queryParam("to") == null ? all() : range(ctx);
            int limit = limit(ctx);
            Optional<String> node = Optional.ofNullable(ctx.queryParam("node")).map(String::strip).filter(n -> !n.isEmpty());
            List<StoredFinding> found = s.store().findings().between(range, node, limit + 1);
            List<Map<String, Object>> out = new ArrayList<>();
            for (StoredFinding f : found.subList(0, Math.min(found.size(), limit))) {
                out.add(f.fields());
            }
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("from", range.from().toString());
            page.put("to", range.to().toString());
            page.put("count", out.size());
            page.put("truncated", found.size() > out.size());
            page.put("findings", out);
            return page;
        }

        /** The lowest severity shown ({@code severity=major}: major and critical); null for all. */
        private static Severity severity(Context ctx) {
            String v = ctx.queryParam("severity");
            if (v == null || v.isBlank()) {
                return null;
            }
            try {
                return Severity.valueOf(v.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadRequest("severity", "`" + TimeText.shown(v) + "` is not a severity; use info, warning, major or critical"
                        + " (the lowest shown)");
            }
        }

        private static int limit(Context ctx) {
            String v = ctx.queryParam("limit");
            if (v == null || v.isBlank()) {
                return MAX_ROWS;
            }
            try {
                int n = Integer.parseInt(v.strip());
                if (n >= 1 && n <= MAX_ROWS) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw new BadRequest("limit", "`" + TimeText.shown(v) + "` is not a whole number 1 … " + MAX_ROWS);
        }

        /** The report {@code tanhe report} prints, rendered by the same {@link ReportFormat}. */
        void report(Context ctx) {
            ReportGrain grain;
            try {
                grain = ReportGrain.fromLabel(required(ctx, "grain"));
            } catch (IllegalArgumentException e) {
                throw new BadRequest("grain", e.getMessage());
            }
            ReportFormat format;
            try {
                format = ReportFormat.fromText(Optional.ofNullable(ctx.queryParam("format")).orElse("table"));
            } catch (IllegalArgumentException e) {
                throw new BadRequest("format", e.getMessage());
            }
            required(ctx, "from");
            TimeRange range;
            try {
                range = ReportPeriod.of(grain, time(ctx, "from").orElseThrow(), time(ctx, "to").orElse(null), s.site().zone());
            } catch (IllegalArgumentException e) {
                throw new BadRequest("to", e.getMessage());
            }
            Report report;
            try {
                report = Report.build(s.site().identity().siteId(), s.site().methodology(), s.site().graph(),
                        s.store().results(), s.site().zone(), grain, range).withMethods(s.site(), s.store()).withFindings(s.store().findings());
            } catch (IllegalArgumentException e) {
                throw new BadRequest("grain", e.getMessage());
            }
            ctx.contentType(format.mediaType()).result(format.bytes(report, s.site().identity(), Instant.now()));
        }

        /**
         * Refuses a key that cannot address a value of {@code node}: one on a scalar node, one with another number of
         * members than the node has dimensions, or a member its set does not have (closed sets: their declared
         * members; open sets: the members the site's bindings give them). The message lists what would work.
         */
        private static void checkKey(Node node, String key, Map<String, List<String>> members) {
            if (key.isEmpty()) {
                return;
            }
            if (!node.indexed()) {
                throw new BadRequest("key", "`" + node.name() + "` is not indexed, so it has no keys; leave `key` out");
            }
            List<String> parts = Keys.parts(key);
            String form = String.join(",", node.dimensions());
            if (parts.size() != node.dimensions().size()) {
                throw new BadRequest("key", "`" + TimeText.shown(key) + "` has " + parts.size() + " member(s); a key of `"
                        + node.name() + "` names one member of each of its sets: " + form + ", e.g. " + example(node, members));
            }
            for (int i = 0; i < parts.size(); i++) {
                String set = node.dimensions().get(i);
                List<String> known = members.getOrDefault(set, List.of());
                if (!known.contains(parts.get(i))) {
                    throw new BadRequest("key", "`" + TimeText.shown(parts.get(i)) + "` is not a member of set `" + set + "`"
                            + Spelling.closest(parts.get(i), known, 3).map(c -> "; did you mean `" + c + "`?").orElse("")
                            + "; members: " + String.join(", ", known) + " (a key of `" + node.name() + "` is " + form
                            + ", e.g. " + example(node, members) + ")");
                }
            }
        }

        private static String example(Node node, Map<String, List<String>> members) {
            List<String> first = new ArrayList<>();
            for (String set : node.dimensions()) {
                first.add(members.getOrDefault(set, List.of("?")).stream().findFirst().orElse("?"));
            }
            return Keys.of(first);
        }

        /** The members of each set: a closed set's declared ones, an open set's from the site's bindings. */
        private static Map<String, List<String>> members(Site site) {
            Map<String, List<String>> out = new LinkedHashMap<>();
            site.graph().sets().forEach(set -> out.put(set.name(), new ArrayList<>(set.members())));
            for (PointBinding b : site.bindings().values()) {
                Optional<Node> input = site.graph().node(b.input());
                List<String> parts = b.key().isEmpty() ? List.of() : Keys.parts(b.key());
                for (int i = 0; input.isPresent() && i < parts.size() && i < input.get().dimensions().size(); i++) {
                    List<String> m = out.computeIfAbsent(input.get().dimensions().get(i), k -> new ArrayList<>());
                    if (!m.contains(parts.get(i))) {
                        m.add(parts.get(i));
                    }
                }
            }
            return out;
        }

        private static Map<String, Object> page(String subject, String grain, TimeRange range, List<Map<String, Object>> rows, int total) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("subject", subject);
            if (grain != null) {
                out.put("grain", grain);
            }
            out.put("from", range.from().toString());
            out.put("to", range.to().toString());
            out.put("count", total);
            out.put("truncated", total > rows.size());
            out.put("rows", rows);
            return out;
        }

        private static String required(Context ctx, String name) {
            String v = ctx.queryParam(name);
            if (v == null || v.isBlank()) {
                throw new BadRequest(name, "the query parameter `" + name + "` is required");
            }
            return v.strip();
        }

        private TimeRange range(Context ctx) {
            Instant from = time(ctx, "from").orElseGet(this::defaultFrom);
            Instant to = time(ctx, "to").orElse(from.plus(Duration.ofDays(1)));
            if (!to.isAfter(from)) {
                throw new BadRequest("to", "`to` (" + to + ") must be after `from` (" + from + ")");
            }
            return TimeRange.of(from, to);
        }

        private Optional<Instant> time(Context ctx, String name) {
            String v = ctx.queryParam(name);
            if (v == null || v.isBlank()) {
                return Optional.empty();
            }
            try {
                return Optional.of(TimeText.parse(v, s.site().zone()));
            } catch (IllegalArgumentException e) {
                throw new BadRequest(name, e.getMessage());
            }
        }

        private Instant defaultFrom() {
            Instant latest = s.status().watermark().orElse(Instant.now());
            return Grain.DAY.floor(latest, s.site().zone());
        }

        private static TimeRange all() {
            return TimeRange.of(Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z"));
        }

        private static String text(Instant t) {
            return t == null ? null : t.toString();
        }
    }
}
