package io.tanhe.server.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.tanhe.server.security.access.Actor;
import io.tanhe.server.security.access.Permission;
import io.tanhe.server.store.Alert;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.terminal.operations.AlertActions;
import io.tanhe.server.terminal.operations.ManualEntries;
import io.tanhe.server.terminal.operations.ManualValue;
import io.tanhe.server.terminal.operations.OperationRefused;
import io.tanhe.server.terminal.operations.Operations;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The operator actions over HTTP, each a thin adapter over a service of {@link Operations} (which checks the
 * input and audits), behind the route's permission:
 * <ul>
 *   <li>{@code POST /api/alerts/{id}/ack} {@code {"comment": …}} — acknowledge (repeating it answers the same alert, {@code already: true});</li>
 *   <li>{@code GET /api/manual-points} — the points entered by hand, with unit and period;</li>
 *   <li>{@code POST /api/manual-entries} {@code {"point", "period" or "at", "value", "unit", "comment"}} — enter a value (§7.2.2);</li>
 *   <li>{@code GET /api/manual-entries?point=…&period=…} — every version of a period's value.</li>
 * </ul>
 * A refused action is 400/404/409/503 with {@code {"error": …, "parameter": field}}.
 */
final class ActionRoutes {
    /** Decimals exactly as sent: 0.5310 keeps its last digit (the node factory would strip it otherwise). */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final int MAX_BODY = 8192;

    private final Operations ops;
    private final ZoneId zone;

    private ActionRoutes(Operations ops) {
        this.ops = ops;
        this.zone = ops.terminal().site().zone();
    }

    /** The extension that adds these routes to an {@link ApiServer}. */
    static ApiExtension of(Operations ops) {
        ActionRoutes r = new ActionRoutes(ops);
        return app -> r.register(app);
    }

    private void register(Javalin app) {
        RouteAccess read = RouteAccess.needs(Permission.READ_DATA);
        RouteAccess operate = RouteAccess.needs(Permission.OPERATE);
        app.post("/api/alerts/{id}/ack", this::acknowledge, operate);
        app.get("/api/manual-points", this::manualPoints, read);
        app.get("/api/manual-entries", this::manualVersions, read);
        app.post("/api/manual-entries", this::enter, operate);
        app.exception(OperationRefused.class, (e, ctx) -> {
            ctx.status(e.reason().status());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", e.getMessage());
            body.put("parameter", e.field());
            ApiServer.send(ctx, body);
        });
    }

    private void acknowledge(Context ctx) {
        ReportRoutes.only(ctx, "/api/alerts/{id}/ack");
        long id = id(ctx.pathParam("id"));
        JsonNode body = body(ctx);
        known(body, "comment");
        String comment = optionalText(body, "comment");
        AlertActions.Acknowledged done = ops.alerts().acknowledge(actor(ctx), id, comment);
        Map<String, Object> out = alert(done.alert());
        out.put("already", done.already());
        ApiServer.send(ctx, out);
    }

    private void manualPoints(Context ctx) {
        ReportRoutes.only(ctx, "/api/manual-points");
        ApiServer.send(ctx, Map.of("points", ops.manualEntries().points().stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("point", p.point());
            m.put("unit", p.unit());
            m.put("source", p.source());
            m.put("feeds", p.feeds());
            m.put("period", p.period().orElse(null));
            return m;
        }).toList()));
    }

    private void manualVersions(Context ctx) {
        ReportRoutes.only(ctx, "/api/manual-entries", "point", "period");
        String point = ctx.queryParam("point");
        if (point == null || point.isBlank()) {
            throw new BadRequest("point", "the query parameter `point` is required (GET /api/manual-points lists them)");
        }
        String period = ctx.queryParam("period");
        if (period == null || period.isBlank()) {
            throw new BadRequest("period", "the query parameter `period` is required: a time inside it, e.g. 2026-06");
        }
        List<StoredReading> versions = ops.manualEntries().versions(point.strip(), time("period", period));
        ApiServer.send(ctx, Map.of("point", point.strip(), "versions", versions.stream().map(ActionRoutes::reading).toList()));
    }

    private void enter(Context ctx) {
        ReportRoutes.only(ctx, "/api/manual-entries");
        JsonNode body = body(ctx);
        known(body, "point", "period", "at", "value", "unit", "comment");
        String point = text(body, "point");
        if (body.has("period") == body.has("at")) {
            throw new BadRequest("period", "give either `period` (a time inside it, e.g. \"2026-06\" for a monthly value) or `at`"
                    + " (the value's time), not " + (body.has("period") ? "both" : "neither"));
        }
        String timeField = body.has("period") ? "period" : "at";
        Instant at = time(timeField, text(body, timeField));
        ManualValue value = new ManualValue(point, at, decimal(body, "value"), optionalText(body, "unit"), optionalText(body, "comment"));
        ManualEntries.Entered done = ops.manualEntries().enter(actor(ctx), value);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("point", point);
        out.put("version", done.version());
        out.put("unchanged", done.unchanged());
        out.put("current", reading(done.reading()));
        out.put("versions", done.versions().stream().map(ActionRoutes::reading).toList());
        ctx.status(done.unchanged() ? 200 : 201);
        ApiServer.send(ctx, out);
    }

    static Map<String, Object> alert(Alert a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("rule", a.raised().ruleId());
        m.put("severity", a.severity().name());
        m.put("state", a.state().name());
        m.put("raisedAt", a.raised().raisedAt().toString());
        m.put("message", a.raised().message());
        m.put("acknowledgedAt", a.acknowledged().map(Instant::toString).orElse(null));
        m.put("acknowledgedBy", a.acknowledgedBy());
        m.put("acknowledgeComment", a.acknowledgeComment());
        return m;
    }

    static Map<String, Object> reading(StoredReading r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("measuredAt", r.measuredAt().toString());
        m.put("value", r.value() == null ? null : r.value().toPlainString());
        m.put("unit", r.unit());
        m.put("quality", r.quality().name());
        m.put("source", r.sourceId());
        m.put("detail", r.detail());
        m.put("receivedAt", r.receivedAt().toString());
        return m;
    }

    private Instant time(String field, String text) {
        try {
            return TimeText.parse(text.strip(), zone);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(field, e.getMessage());
        }
    }

    private static long id(String text) {
        try {
            long id = Long.parseLong(text.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequest("id", "`" + TimeText.shown(text) + "` is not an alert id (a positive whole number, as GET /api/alerts shows)");
    }

    static Actor actor(Context ctx) {
        return Actor.of(AccessGuard.principal(ctx), AccessGuard.source(ctx));
    }

    /** The request's JSON object (only {@code application/json}: a cross-site form cannot send it), numbers kept as decimals. */
    static JsonNode body(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            throw new BadRequest("body", "send a JSON object with Content-Type: application/json");
        }
        if (ctx.contentLength() > MAX_BODY) {
            throw new BadRequest("body", "the body has more than " + MAX_BODY + " bytes");
        }
        try {
            String text = ctx.body();
            JsonNode n = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
            if (n == null || !n.isObject()) {
                throw new BadRequest("body", "send a JSON object, e.g. {\"comment\":\"…\"}");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadRequest("body", "the body is not JSON: " + e.getOriginalMessage());
        }
    }

    /** Refuses a field the action does not take, so that a misspelt one is never ignored. */
    static void known(JsonNode body, String... fields) {
        Set<String> names = Set.of(fields);
        for (var it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!names.contains(f)) {
                throw new BadRequest(TimeText.shown(f), "unknown field `" + TimeText.shown(f) + "`; this action takes "
                        + String.join(", ", fields));
            }
        }
    }

    static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new BadRequest(field, "the field `" + field + "` (a string) is required");
        }
        return v.asText().strip();
    }

    static String optionalText(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw new BadRequest(field, "the field `" + field + "` is a string");
        }
        return v.asText();
    }

    /** A number, as JSON number or string, with the digits given (0.5310 stays 0.5310). */
    static BigDecimal decimal(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            throw new BadRequest(field, "the field `" + field + "` (a number) is required");
        }
        try {
            BigDecimal d = v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText().strip());
            if (d.toPlainString().length() > 40) {
                throw new BadRequest(field, "`" + field + "` has more than 40 digits");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new BadRequest(field, "`" + TimeText.shown(v.asText()) + "` is not a number; write e.g. 0.5310");
        }
    }
}
