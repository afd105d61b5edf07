package io.tanhe.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.security.RouteRole;
import io.tanhe.server.security.access.Principal;
import io.tanhe.server.terminal.CutOff;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The operations routes (issue 20, §8.2 and §8.4):
 * <ul>
 *   <li>{@code GET /metrics} — Prometheus text; a viewer's token, or no token from a scraper address the terminal
 *       was started with ({@code --metrics-from CIDR});</li>
 *   <li>{@code GET /api/system[?lines=N&level=warn|error]} — the system state ({@link SystemState});</li>
 *   <li>{@code GET /api/cutoff} — the standing remote cut-off, or none;</li>
 *   <li>{@code POST /api/cutoff {"reason":…}} — cuts the terminal off: uploads stop, the API answers loopback only;</li>
 *   <li>{@code POST /api/cutoff/lift} — lifts it, only from the machine itself (loopback).</li>
 * </ul>
 */
final class OperationsRoutes {
    /** The most log lines {@code /api/system} gives. */
    static final int MAX_LINES = 500;
    private static final int DEFAULT_LINES = 50;

    /** Marks a route a scraper on the allow-list may read without credentials ({@link AccessGuard}). */
    enum Scraping implements RouteRole { ALLOWED }

    private OperationsRoutes() {
    }

    static void register(Javalin app, Supervision ops, RouteAccess read, RouteAccess operate) {
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(ops.scrape()),
                read, Scraping.ALLOWED);
        app.get("/api/system", ctx -> ApiServer.send(ctx, ops.system(lines(ctx), level(ctx))), read);
        app.get("/api/cutoff", ctx -> ApiServer.send(ctx, state(ops.cutOff())), read);
        app.post("/api/cutoff", ctx -> ApiServer.send(ctx, cutOff(ctx, ops)), operate);
        app.post("/api/cutoff/lift", ctx -> ApiServer.send(ctx, lift(ctx, ops)), operate);
    }

    private static Map<String, Object> cutOff(Context ctx, Supervision ops) {
        JsonNode body = AccountRoutes.body(ctx);
        JsonNode r = body.get("reason");
        if (r == null || !r.isTextual() || r.asText().isBlank()) {
            throw new BadRequest("reason", "the field `reason` (a string) is required: say why the terminal is cut off");
        }
        if (r.asText().length() > 500) {
            throw new BadRequest("reason", "the reason has " + r.asText().length() + " characters; at most 500 are taken");
        }
        Principal p = AccessGuard.principal(ctx);
        ops.cutOff(new CutOff(Instant.now(), p.auditName(), AccessGuard.source(ctx), r.asText().strip()), p.role().code());
        return state(ops.cutOff());
    }

    private static Map<String, Object> lift(Context ctx, Supervision ops) {
        if (!AccessGuard.address(ctx).isLoopbackAddress()) {
            throw new AccessGuard.Refusal(HttpStatus.FORBIDDEN, "a cut-off is lifted only on the machine itself: run"
                    + " `tanhe cutoff lift` there (§8.4)");
        }
        Principal p = AccessGuard.principal(ctx);
        boolean lifted = ops.liftCutOff(p.auditName(), p.role().code(), AccessGuard.source(ctx));
        Map<String, Object> out = state(ops.cutOff());
        out.put("lifted", lifted);
        return out;
    }

    private static Map<String, Object> state(Optional<CutOff> cut) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cutOff", cut.isPresent());
        cut.ifPresent(c -> {
            out.put("at", c.at().toString());
            out.put("by", c.by());
            out.put("from", c.from());
            out.put("reason", c.reason());
        });
        return out;
    }

    private static int lines(Context ctx) {
        String v = ctx.queryParam("lines");
        if (v == null) {
            return DEFAULT_LINES;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < 0 || n > MAX_LINES) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequest("lines", "`lines` is a whole number from 0 to " + MAX_LINES + ", not `" + TimeText.shown(v) + "`");
        }
    }

    private static LogTail.Level level(Context ctx) {
        String v = ctx.queryParam("level");
        return v == null ? LogTail.Level.WARN : LogTail.Level.parse(v);
    }
}
