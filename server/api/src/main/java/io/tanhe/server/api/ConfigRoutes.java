package io.tanhe.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.tanhe.server.security.audit.AuditActor;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * The configuration lifecycle over HTTP (issue 15), for the system administrator or an admin token:
 * <ul>
 *   <li>{@code GET /api/config/versions} — every package and the activation log (who, when, from → to, hashes, signatures, review summary);</li>
 *   <li>{@code GET /api/config/versions/{id}} — one package with its review (figure by figure, totals by class);</li>
 *   <li>{@code POST /api/config/packages} with a signed package file ({@code *.tpkg}) as the body — upload: verify,
 *       compile, test, dry-run replay, review; answers the package, {@code reviewed} or {@code refused} with the reason;</li>
 *   <li>{@code POST /api/config/versions/{id}/stage} with {@code {"effective_from": "2026-12-05"}} (optional; default now);</li>
 *   <li>{@code POST /api/config/versions/{id}/activate};</li>
 *   <li>{@code POST /api/config/rollback} with {@code {"to": 3}} (0: back to the site file's configuration);</li>
 *   <li>{@code GET /api/site/versions}, {@code POST /api/site} (the candidate site file as the body; {@code ?dry_run=true}
 *       answers the plan only) and {@code POST /api/site/rollback} with {@code {"to": 4}}: site file changes applied by
 *       restarting only the devices and centres they change.</li>
 * </ul>
 * A request the lifecycle refuses is 400 (bad input) or 409 (the package is not in a state that allows it).
 */
final class ConfigRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The largest package body taken. */
    static final int MAX_BODY = 70 * 1024 * 1024;

    private final ConfigurationSource source;
    private final ZoneId zone;

    private ConfigRoutes(ConfigurationSource source, ZoneId zone) {
        this.source = source;
        this.zone = zone;
    }

    static void register(Javalin app, ConfigurationSource source, ZoneId zone, RouteAccess operate) {
        ConfigRoutes r = new ConfigRoutes(source, zone);
        app.get("/api/config/versions", guarded(ctx -> ApiServer.send(ctx, r.source.versions())), operate);
        app.get("/api/config/versions/{id}", guarded(ctx -> ApiServer.send(ctx, r.source.version(id(ctx)))), operate);
        app.post("/api/config/packages", guarded(r::upload), operate);
        app.post("/api/config/versions/{id}/stage", guarded(r::stage), operate);
        app.post("/api/config/versions/{id}/activate", guarded(ctx -> ApiServer.send(ctx, r.source.activate(id(ctx), actor(ctx)))),
                operate);
        app.post("/api/config/rollback", guarded(r::rollback), operate);
        app.get("/api/site/versions", guarded(ctx -> ApiServer.send(ctx, r.source.siteVersions())), operate);
        app.post("/api/site", guarded(r::pushSite), operate);
        app.post("/api/site/rollback", guarded(r::rollbackSite), operate);
    }

    /** The largest site file taken. */
    static final int MAX_SITE = 1024 * 1024;

    private void pushSite(Context ctx) {
        if (ctx.contentLength() > MAX_SITE) {
            throw new BadRequest("body", "the site file has more than " + MAX_SITE + " bytes");
        }
        String text = ctx.body();
        if (text.isBlank()) {
            throw new BadRequest("body", "send the candidate site file (YAML) as the body");
        }
        String dry = ctx.queryParam("dry_run");
        if (dry != null && !dry.equals("true") && !dry.equals("false")) {
            throw new BadRequest("dry_run", "`" + TimeText.shown(dry) + "` is not true or false");
        }
        ApiServer.send(ctx, source.pushSite(text, "true".equals(dry), actor(ctx)));
    }

    private void rollbackSite(Context ctx) {
        JsonNode to = body(ctx).path("to");
        if (!to.canConvertToInt() || to.asInt() < 1) {
            throw new BadRequest("to", "send {\"to\": <version>}; GET /api/site/versions lists them");
        }
        ApiServer.send(ctx, source.rollbackSite(to.asInt(), actor(ctx)));
    }

    /** The lifecycle's refusals as answers: a bad request 400, a package in the wrong state 409. */
    private static Handler guarded(Handler h) {
        return ctx -> {
            try {
                h.handle(ctx);
            } catch (BadRequest e) {
                throw e;
            } catch (IllegalArgumentException e) {
                ctx.status(400);
                ApiServer.send(ctx, Map.of("error", e.getMessage()));
            } catch (IllegalStateException e) {
                ctx.status(409);
                ApiServer.send(ctx, Map.of("error", e.getMessage()));
            }
        };
    }

    private void upload(Context ctx) {
        if (ctx.contentLength() > MAX_BODY) {
            throw new BadRequest("body", "the package has more than " + MAX_BODY + " bytes");
        }
        byte[] pkg = ctx.bodyAsBytes();
        if (pkg.length == 0) {
            throw new BadRequest("body", "send the signed package file (*.tpkg) as the body, Content-Type application/octet-stream");
        }
        ApiServer.send(ctx, source.upload(pkg, actor(ctx)));
    }

    private void stage(Context ctx) {
        JsonNode from = body(ctx).path("effective_from");
        Instant at = null;
        if (!from.isMissingNode() && !from.isNull()) {
            try {
                at = TimeText.parse(from.asText(), zone);
            } catch (IllegalArgumentException e) {
                throw new BadRequest("effective_from", e.getMessage());
            }
        }
        ApiServer.send(ctx, source.stage(id(ctx), at, actor(ctx)));
    }

    private void rollback(Context ctx) {
        JsonNode to = body(ctx).path("to");
        if (!to.canConvertToLong() || to.asLong() < 0) {
            throw new BadRequest("to", "send {\"to\": <package id>} (0: back to the site file's configuration)");
        }
        ApiServer.send(ctx, source.rollback(to.asLong(), actor(ctx)));
    }

    private static long id(Context ctx) {
        String text = ctx.pathParam("id");
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new BadRequest("id", "`" + TimeText.shown(text) + "` is not a package id; GET /api/config/versions lists them");
        }
    }

    private static JsonNode body(Context ctx) {
        if (ctx.contentLength() > MAX_BODY) {
            throw new BadRequest("body", "the body has more than " + MAX_BODY + " bytes");
        }
        String text = ctx.body();
        if (text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode n = JSON.readTree(text);
            if (n == null || !n.isObject()) {
                throw new BadRequest("body", "send a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new BadRequest("body", "the body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static AuditActor actor(Context ctx) {
        var p = AccessGuard.principal(ctx);
        return new AuditActor(p.auditName(), p.role().code(), AccessGuard.source(ctx));
    }
}
