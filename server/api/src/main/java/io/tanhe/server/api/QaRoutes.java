package io.tanhe.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.tanhe.server.security.access.Permission;
import io.tanhe.server.store.QaRecord;
import io.tanhe.server.terminal.operations.Operations;
import io.tanhe.server.terminal.operations.QaEntries;
import io.tanhe.server.terminal.operations.QaInput;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CEMS's quality-assurance records over HTTP (docs/cems.md), a thin adapter over {@link QaEntries}:
 * <ul>
 *   <li>{@code GET /api/qa?from=…&to=…} — the records overlapping the range, by start (read_data);</li>
 *   <li>{@code POST /api/qa} {@code {"kind", "point", "from", "to", "reference", "measured", "range", "limit", "note"}} —
 *       record a zero or span calibration (drift judged against the limit), a calibration or maintenance period, an RA
 *       run, or an RA audit computed from the stored runs (operate). Answers 201 with the record and the stored hours it
 *       recomputed; the same record again answers 200 with the stored one and {@code already: true}.</li>
 * </ul>
 */
final class QaRoutes {
    private final Operations ops;
    private final ZoneId zone;

    private QaRoutes(Operations ops) {
        this.ops = ops;
        this.zone = ops.terminal().site().zone();
    }

    static ApiExtension of(Operations ops) {
        QaRoutes r = new QaRoutes(ops);
        return app -> r.register(app);
    }

    private void register(Javalin app) {
        app.get("/api/qa", this::list, RouteAccess.needs(Permission.READ_DATA));
        app.post("/api/qa", this::add, RouteAccess.needs(Permission.OPERATE));
    }

    private void list(Context ctx) {
        ReportRoutes.only(ctx, "/api/qa", "from", "to");
        Instant from = time("from", required(ctx, "from"));
        Instant to = time("to", required(ctx, "to"));
        ApiServer.send(ctx, Map.of("records", ops.qa().between(from, to).stream().map(QaRoutes::record).toList()));
    }

    private void add(Context ctx) {
        ReportRoutes.only(ctx, "/api/qa");
        JsonNode body = ActionRoutes.body(ctx);
        ActionRoutes.known(body, "kind", "point", "from", "to", "reference", "measured", "range", "limit", "note");
        QaInput input = new QaInput(ActionRoutes.text(body, "kind"), ActionRoutes.optionalText(body, "point"),
                time("from", ActionRoutes.text(body, "from")), time("to", ActionRoutes.text(body, "to")), number(body, "reference"),
                number(body, "measured"), number(body, "range"), number(body, "limit"), ActionRoutes.optionalText(body, "note"));
        QaEntries.Added added = ops.qa().add(ActionRoutes.actor(ctx), input);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("record", record(added.record()));
        out.put("recomputed", added.recomputed().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("from", r.from().toString());
            m.put("to", r.to().toString());
            m.put("revised", r.revised());
            return m;
        }).orElse(null));
        out.put("already", added.already());
        ctx.status(added.already() ? 200 : 201);
        ApiServer.send(ctx, out);
    }

    static Map<String, Object> record(QaRecord q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", q.id());
        m.put("kind", q.kind().label());
        m.put("point", q.pointId());
        m.put("from", q.from().toString());
        m.put("to", q.to().toString());
        m.put("reference", finite(q.reference()));
        m.put("measured", finite(q.measured()));
        m.put("range", finite(q.range()));
        m.put("result", finite(q.result()));
        m.put("limit", finite(q.limit()));
        m.put("passed", q.passed().orElse(null));
        m.put("source", q.source());
        m.put("note", q.note());
        m.put("recordedAt", q.recordedAt().toString());
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** An optional number; NaN when absent. */
    private static double number(JsonNode body, String field) {
        if (!body.has(field) || body.get(field).isNull()) {
            return Double.NaN;
        }
        double v = ActionRoutes.decimal(body, field).doubleValue();
        if (!Double.isFinite(v)) {
            throw new BadRequest(field, "`" + field + "` is too large a number");
        }
        return v;
    }

    private static String required(Context ctx, String param) {
        String v = ctx.queryParam(param);
        if (v == null || v.isBlank()) {
            throw new BadRequest(param, "the query parameter `" + param + "` is required: a time, e.g. 2026-06-01 or 2026-06");
        }
        return v;
    }

    private Instant time(String field, String text) {
        try {
            return TimeText.parse(text.strip(), zone);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(field, e.getMessage());
        }
    }
}
