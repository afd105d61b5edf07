package io.tanhe.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.tanhe.server.security.audit.AuditActor;
import io.tanhe.server.security.audit.AuditEntry;
import io.tanhe.server.security.audit.AuditExport;
import io.tanhe.server.security.audit.AuditLog;
import io.tanhe.server.security.audit.AuditOutcome;
import io.tanhe.server.security.audit.AuditPage;
import io.tanhe.server.security.audit.AuditQuery;
import io.tanhe.server.security.audit.AuditVerification;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The audit for the security auditor (§7.4.1.3): query with combined conditions, sorting and paging,
 * export as CSV or JSON, verify the chain, and wipe it whole (never one entry). Each of these is itself
 * audited by the audit log, under the caller's name, role and address.
 * <ul>
 *   <li>{@code GET /api/audit?from&to&user&role&type&outcome&source&sort&order&offset&limit}</li>
 *   <li>{@code GET /api/audit/export?format=csv|json} with the same conditions (no paging)</li>
 *   <li>{@code GET /api/audit/verify}</li>
 *   <li>{@code POST /api/audit/wipe} with {@code {"confirm": "wipe the whole audit"}}</li>
 * </ul>
 */
final class AuditRoutes {
    static final String WIPE_CONFIRMATION = "wipe the whole audit";
    private static final List<String> CONDITIONS = List.of("from", "to", "user", "role", "type", "outcome", "source", "sort", "order");

    private final AuditLog audit;
    private final ZoneId zone;

    private AuditRoutes(AuditLog audit, ZoneId zone) {
        this.audit = audit;
        this.zone = zone;
    }

    /** Adds the routes to {@code app}: reading needs {@code read}, wiping {@code wipe}. */
    static void register(Javalin app, AuditLog audit, ZoneId zone, RouteAccess read, RouteAccess wipe) {
        AuditRoutes r = new AuditRoutes(audit, zone);
        app.get("/api/audit", r::query, read);
        app.get("/api/audit/export", r::export, read);
        app.get("/api/audit/verify", r::verify, read);
        app.post("/api/audit/wipe", r::wipe, wipe);
    }

    private void query(Context ctx) {
        ReportRoutes.only(ctx, "/api/audit", with(CONDITIONS, "offset", "limit"));
        int offset = number(ctx, "offset", 0);
        int limit = number(ctx, "limit", 100);
        AuditQuery matching = conditions(ctx);
        AuditPage page = audit.query(run("limit", () -> matching.page(offset, limit)), actor(ctx));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", page.total());
        body.put("offset", page.offset());
        body.put("entries", page.entries().stream().map(AuditRoutes::row).toList());
        ApiServer.send(ctx, body);
    }

    private void export(Context ctx) {
        ReportRoutes.only(ctx, "/api/audit/export", with(CONDITIONS, "format"));
        String format = ctx.queryParamAsClass("format", String.class).getOrDefault("csv").toLowerCase(Locale.ROOT);
        AuditExport.Format f = switch (format) {
            case "csv" -> AuditExport.Format.CSV;
            case "json" -> AuditExport.Format.JSON;
            default -> throw new BadRequest("format", "`" + TimeText.shown(format) + "` is not csv or json");
        };
        AuditQuery matching = conditions(ctx); // the export ignores paging: every matching entry
        ctx.header("Content-Disposition", "attachment; filename=\"audit." + format + "\"")
                .contentType(f == AuditExport.Format.CSV ? "text/csv; charset=utf-8" : "application/json; charset=utf-8");
        // streamed to the client as the rows are read: months of audit need not fit in the terminal's heap
        Writer out = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8);
        audit.export(matching, f, out, actor(ctx));
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the client left during the audit export", e);
        }
    }

    private void verify(Context ctx) {
        ReportRoutes.only(ctx, "/api/audit/verify");
        AuditVerification v = audit.verify(actor(ctx));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("intact", v.intact());
        body.put("entries", v.entries());
        body.put("checkpoints", v.checkpoints());
        body.put("firstBroken", v.firstBroken().orElse(null));
        body.put("problem", v.problem().orElse(null));
        body.put("summary", v.summary());
        ApiServer.send(ctx, body);
    }

    private void wipe(Context ctx) {
        JsonNode body = AccountRoutes.body(ctx);
        if (!WIPE_CONFIRMATION.equals(body.path("confirm").asText(""))) {
            throw new BadRequest("confirm", "to wipe the whole audit send {\"confirm\": \"" + WIPE_CONFIRMATION + "\"}");
        }
        AuditEntry first = audit.wipe(actor(ctx));
        ApiServer.send(ctx, Map.of("wiped", true, "newChain", row(first)));
    }

    private AuditQuery conditions(Context ctx) {
        AuditQuery q = run("to", () -> AuditQuery.all().between(time(ctx, "from"), time(ctx, "to")))
                .user(ctx.queryParam("user")).role(ctx.queryParam("role")).type(ctx.queryParam("type"))
                .source(ctx.queryParam("source"));
        String outcome = ctx.queryParam("outcome");
        if (outcome != null) {
            try {
                q = q.outcome(AuditOutcome.valueOf(outcome.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new BadRequest("outcome", "`" + TimeText.shown(outcome) + "` is not SUCCESS, FAILURE or DENIED");
            }
        }
        String sort = ctx.queryParamAsClass("sort", String.class).getOrDefault("time");
        AuditQuery.Sort by;
        try {
            by = AuditQuery.Sort.valueOf(sort.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("sort", "`" + TimeText.shown(sort) + "` is not one of time, seq, user, role, source, type, outcome");
        }
        String order = ctx.queryParamAsClass("order", String.class).getOrDefault("desc");
        if (!order.equals("asc") && !order.equals("desc")) {
            throw new BadRequest("order", "`" + TimeText.shown(order) + "` is not asc or desc");
        }
        return q.sorted(by, order.equals("desc"));
    }

    private java.time.Instant time(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return null;
        }
        try {
            return TimeText.parse(text, zone);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(name, e.getMessage());
        }
    }

    private static int number(Context ctx, String name, int absent) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return absent;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new BadRequest(name, "`" + TimeText.shown(text) + "` is not a whole number");
        }
    }

    /** Runs {@code work}, turning the audit's refusal of bad conditions (paging, a time range) into a 400 naming {@code parameter}. */
    private static <T> T run(String parameter, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (IllegalArgumentException e) {
            throw new BadRequest(parameter, e.getMessage());
        }
    }

    private static AuditActor actor(Context ctx) {
        var p = AccessGuard.principal(ctx);
        return new AuditActor(p.auditName(), p.role().code(), AccessGuard.source(ctx));
    }

    private static Map<String, Object> row(AuditEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.seq());
        m.put("chain", e.chain());
        m.put("at", e.event().at().toString());
        m.put("user", e.event().user());
        m.put("role", e.event().role());
        m.put("source", e.event().source());
        m.put("type", e.event().type());
        m.put("target", e.event().target());
        m.put("outcome", e.event().outcome().name());
        m.put("detail", e.event().detail());
        m.put("hash", e.hash());
        return m;
    }

    private static String[] with(List<String> names, String... more) {
        return java.util.stream.Stream.concat(names.stream(), java.util.Arrays.stream(more)).toArray(String[]::new);
    }
}
