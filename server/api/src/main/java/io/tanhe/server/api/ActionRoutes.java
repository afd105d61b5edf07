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
import io.tanhe.server.terminal.operations.StoredExplain;
import io.tanhe.server.terminal.operations.PollNow;
import io.tanhe.server.terminal.operations.Job;
import io.tanhe.server.terminal.operations.Jobs;
import io.tanhe.engine.provenance.ExplanationText;
import io.tanhe.engine.time.Grain;
import java.util.Optional;

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
 *   <li>{@code GET /api/manual-entries?point=…&period=…} — every version of a period's value;</li>
 *   <li>{@code GET /api/explain?node=…&grain=…&bucket=…[&key=…]} — a stored figure's derivation (as {@code tanhe explain}
 *       gives it, JSON {@code explanation} and rendered {@code text}) with its revisions.</li>
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
        app.get("/api/explain", this::explain, read);
        app.get("/api/devices", this::devices, read);
        app.get("/api/uplink/centres", this::centres, read);
        app.post("/api/poll", this::poll, operate);
        app.post("/api/backfill", this::backfill, operate);
        app.get("/api/jobs", this::jobs, read);
        app.post("/api/jobs", this::startJob, operate);
        app.get("/api/jobs/{id}", ctx -> {
            ReportRoutes.only(ctx, "/api/jobs/{id}");
            ApiServer.send(ctx, job(ops.jobs().get(jobId(ctx))));
        }, read);
        app.post("/api/jobs/{id}/cancel", ctx -> {
            ReportRoutes.only(ctx, "/api/jobs/{id}/cancel");
            ApiServer.send(ctx, job(ops.jobs().cancel(actor(ctx), jobId(ctx))));
        }, operate);
        app.get("/api/jobs/{id}/file", this::jobFile, read);
        app.post("/api/imports", this::importUpload, operate);
        app.exception(OperationRefused.class, (e, ctx) -> {
            ctx.status(e.reason().status()).attribute(ApiServer.ANSWERED, true);
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

    private void explain(Context ctx) {
        ReportRoutes.only(ctx, "/api/explain", "node", "grain", "bucket", "key");
        String node = ctx.queryParam("node");
        if (node == null || node.isBlank()) {
            throw new BadRequest("node", "the query parameter `node` is required, e.g. node=E");
        }
        String bucket = ctx.queryParam("bucket");
        if (bucket == null || bucket.isBlank()) {
            throw new BadRequest("bucket", "the query parameter `bucket` is required: a time inside the bucket, e.g. 2026-06-01T08:00");
        }
        Grain grain;
        try {
            grain = Grain.fromLabel(Optional.ofNullable(ctx.queryParam("grain")).orElse("hour"));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("grain", e.getMessage());
        }
        String key = Optional.ofNullable(ctx.queryParam("key")).orElse("").replace(" ", "");
        StoredExplain.Explained e = ops.explain().explain(node.strip(), grain, time("bucket", bucket), key);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("node", e.node());
        out.put("key", e.key());
        out.put("grain", e.grain().label());
        out.put("start", e.bucket().start().toString());
        out.put("end", e.bucket().end().toString());
        out.put("matchesStored", e.matchesStored());
        out.put("revisions", e.revisions().stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("revision", r.revision());
            m.put("value", r.result().value());
            m.put("unit", r.result().unit());
            m.put("quality", r.result().quality().name());
            m.put("completeness", r.result().completeness());
            m.put("methodology", r.result().methodology().id() + " " + r.result().methodology().version());
            m.put("methodologyHash", r.result().methodology().contentHash());
            m.put("revisedAt", r.result().revisedAt().toString());
            m.put("reason", r.result().reason());
            return m;
        }).toList());
        out.put("explanation", e.explanation().orElse(null));
        out.put("text", e.explanation().map(ExplanationText::render).orElse(null));
        ApiServer.send(ctx, out);
    }

    private void devices(Context ctx) {
        ReportRoutes.only(ctx, "/api/devices");
        ApiServer.send(ctx, Map.of("devices", ops.views().devices().stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", d.id());
            m.put("delivery", d.delivery());
            m.put("periodSeconds", d.period().map(p -> p.toMillis() / 1000.0).orElse(null));
            m.put("backup", d.backup().orElse(null));
            m.put("backupFor", d.backupFor().orElse(null));
            m.put("points", d.points().stream().map(p -> {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("point", p.point());
                pm.put("unit", p.unit());
                pm.put("feeds", p.feeds());
                pm.put("latest", p.latest().map(ActionRoutes::reading).orElse(null));
                pm.put("fedBy", p.fedBy());
                pm.put("onBackup", p.fedBy().startsWith("backup "));
                return pm;
            }).toList());
            return m;
        }).toList()));
    }

    private void centres(Context ctx) {
        ReportRoutes.only(ctx, "/api/uplink/centres");
        ApiServer.send(ctx, Map.of("configured", ops.views().hasCentres(), "centres", ops.views().centres().stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.id());
            m.put("protocol", c.protocol());
            m.put("address", c.address());
            m.put("connected", c.connected());
            m.put("lastAck", c.lastAck().map(Instant::toString).orElse(null));
            m.put("backlog", c.backlog());
            m.put("oldestPending", c.oldestPending().map(Instant::toString).orElse(null));
            m.put("failures", c.failures());
            m.put("lastError", c.lastError().orElse(null));
            return m;
        }).toList()));
    }

    private void poll(Context ctx) {
        ReportRoutes.only(ctx, "/api/poll");
        JsonNode body = body(ctx);
        known(body, "device", "point", "all");
        int given = (body.has("device") ? 1 : 0) + (body.has("point") ? 1 : 0) + (body.path("all").asBoolean(false) ? 1 : 0);
        if (given != 1) {
            throw new BadRequest("device", "give exactly one of {\"device\": ID}, {\"point\": ID} or {\"all\": true}");
        }
        PollNow.Target target = body.has("device") ? new PollNow.Target.Device(text(body, "device"))
                : body.has("point") ? new PollNow.Target.Point(text(body, "point")) : new PollNow.Target.All();
        PollNow.Polled done = ops.poll().poll(actor(ctx), target);
        ApiServer.send(ctx, Map.of("devices", done.devices(), "readings", done.readings().stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("point", r.pointId());
            m.put("measuredAt", r.measuredAt().toString());
            m.put("value", r.value() == null ? null : r.value().toPlainString());
            m.put("unit", r.unit());
            m.put("quality", r.quality().name());
            m.put("source", r.sourceId());
            m.put("detail", r.detail());
            return m;
        }).toList()));
    }

    private void backfill(Context ctx) {
        ReportRoutes.only(ctx, "/api/backfill");
        JsonNode body = body(ctx);
        known(body, "centres", "indicators", "grain", "from", "to", "reason");
        List<String> centres = texts(body, "centres", "`centres` is a list of centre ids, e.g. [\"provincial\"]; leave it out for"
                + " every centre");
        List<String> indicators = texts(body, "indicators", "`indicators` is a list of indicator codes or result nodes, e.g."
                + " [\"a05001\"] or [\"E\"]; leave it out for every indicator");
        Grain grain;
        try {
            grain = Grain.fromLabel(text(body, "grain"));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("grain", e.getMessage());
        }
        Instant from = time("from", text(body, "from"));
        Instant to = time("to", text(body, "to"));
        if (!to.isAfter(from)) {
            throw new BadRequest("to", "`to` (" + to + ") must be after `from` (" + from + ")");
        }
        var done = ops.backfill().backfill(actor(ctx), centres, grain, io.tanhe.server.store.TimeRange.of(from, to),
                optionalText(body, "reason"), Set.copyOf(indicators));
        ctx.status(done.repeated() ? 200 : 202);
        ApiServer.send(ctx, Map.of("queued", done.queued(), "at", done.at().toString(), "repeated", done.repeated(),
                "progress", "GET /api/uplink/centres: each centre's backlog falls as the uploads are acknowledged"));
    }

    /** A list of non-blank strings in {@code field}; empty when the field is absent or null. */
    private static List<String> texts(JsonNode body, String field, String help) {
        JsonNode list = body.get(field);
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray() || list.size() > 200) {
            throw new BadRequest(field, help);
        }
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode n : list) {
            if (!n.isTextual() || n.asText().isBlank()) {
                throw new BadRequest(field, help);
            }
            out.add(n.asText().strip());
        }
        return out;
    }

    private void jobs(Context ctx) {
        ReportRoutes.only(ctx, "/api/jobs");
        ApiServer.send(ctx, Map.of("jobs", ops.jobs().list().stream().map(ActionRoutes::job).toList()));
    }

    private void startJob(Context ctx) {
        ReportRoutes.only(ctx, "/api/jobs");
        JsonNode body = body(ctx);
        String kind = text(body, "kind");
        Jobs.Request request = switch (kind) {
            case "recompute" -> {
                known(body, "kind", "from", "to");
                yield new Jobs.Request.Recompute(day(body, "from"), day(body, "to"));
            }
            case "export" -> {
                known(body, "kind", "data", "from", "to", "format");
                Instant from = time("from", text(body, "from"));
                Instant to = time("to", text(body, "to"));
                if (!to.isAfter(from)) {
                    throw new BadRequest("to", "`to` (" + to + ") must be after `from` (" + from + ")");
                }
                String format = optionalText(body, "format").isEmpty() ? "csv" : optionalText(body, "format");
                if (!format.equals("csv") && !format.equals("json")) {
                    throw new BadRequest("format", "`" + TimeText.shown(format) + "` is not csv or json");
                }
                yield new Jobs.Request.Export(results(body), io.tanhe.server.store.TimeRange.of(from, to),
                        io.tanhe.server.store.transfer.TransferFormat.valueOf(format.toUpperCase(Locale.ROOT)));
            }
            case "import" -> {
                known(body, "kind", "data", "file");
                yield new Jobs.Request.Import(results(body), text(body, "file"));
            }
            case "backup" -> {
                known(body, "kind");
                yield new Jobs.Request.Backup();
            }
            case "restore" -> {
                known(body, "kind", "backup");
                yield new Jobs.Request.Restore(text(body, "backup"));
            }
            default -> throw new BadRequest("kind", "`" + TimeText.shown(kind) + "` is not a job; jobs: recompute, export, import,"
                    + " backup, restore");
        };
        Jobs.Started started = ops.jobs().start(actor(ctx), request);
        ctx.status(started.existing() ? 200 : 202);
        Map<String, Object> out = job(started.job());
        out.put("existing", started.existing());
        ApiServer.send(ctx, out);
    }

    /**
     * {@code POST /api/imports?data=readings|results&name=FILE}, the file as the body: kept in DATA/imports once it
     * passes the import's check, then imported as a job. The body's type is not one a cross-site form can send.
     */
    private void importUpload(Context ctx) throws java.io.IOException {
        ReportRoutes.only(ctx, "/api/imports", "data", "name");
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!(type.startsWith("application/octet-stream") || type.startsWith("text/csv") || type.startsWith("application/json"))) {
            throw new BadRequest("body", "send the file as the body with Content-Type text/csv, application/json or"
                    + " application/octet-stream");
        }
        if (ctx.contentLength() > Jobs.MAX_UPLOAD) {
            throw new BadRequest("body", "the file has more than " + Jobs.MAX_UPLOAD / (1024 * 1024) + " MiB");
        }
        String data = Optional.ofNullable(ctx.queryParam("data")).orElse("");
        boolean results = switch (data) {
            case "readings" -> false;
            case "results" -> true;
            default -> throw new BadRequest("data", "the query parameter `data` is readings or results, not `" + TimeText.shown(data) + "`");
        };
        String name = ctx.queryParam("name");
        if (name == null || name.isBlank()) {
            throw new BadRequest("name", "the query parameter `name` is required: the file's name, e.g. readings-2026-06.csv");
        }
        Jobs.Started started;
        try (var body = ctx.bodyInputStream()) {
            started = ops.jobs().upload(actor(ctx), results, name.strip(), body);
        }
        ctx.status(started.existing() ? 200 : 202);
        Map<String, Object> out = job(started.job());
        out.put("existing", started.existing());
        ApiServer.send(ctx, out);
    }

    private void jobFile(Context ctx) throws java.io.IOException {
        ReportRoutes.only(ctx, "/api/jobs/{id}/file");
        Job.Snapshot j = ops.jobs().get(jobId(ctx));
        java.nio.file.Path file = j.file().filter(f -> j.kind().equals("export") && j.state() == Job.State.DONE
                && java.nio.file.Files.isRegularFile(f)).orElseThrow(() -> new OperationRefused(OperationRefused.Reason.CONFLICT, "id",
                "job " + j.id() + " (" + j.kind() + ", " + j.state() + ") has no file to download; only a finished export has"));
        ctx.header("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"")
                .contentType(file.toString().endsWith(".json") ? "application/json; charset=utf-8" : "text/csv; charset=utf-8");
        try (var in = java.nio.file.Files.newInputStream(file)) {
            in.transferTo(ctx.outputStream());
        }
    }

    private static boolean results(JsonNode body) {
        String data = text(body, "data");
        return switch (data) {
            case "readings" -> false;
            case "results" -> true;
            default -> throw new BadRequest("data", "`" + TimeText.shown(data) + "` is not readings or results");
        };
    }

    private static java.time.LocalDate day(JsonNode body, String field) {
        String text = text(body, field);
        try {
            return java.time.LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new BadRequest(field, "`" + TimeText.shown(text) + "` is not a day; write e.g. 2026-06-01 (a local day of the site)");
        }
    }

    private static long jobId(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id").strip());
        } catch (NumberFormatException e) {
            throw new BadRequest("id", "`" + TimeText.shown(ctx.pathParam("id")) + "` is not a job id (a whole number, as GET /api/jobs shows)");
        }
    }

    static Map<String, Object> job(Job.Snapshot j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.id());
        m.put("kind", j.kind());
        m.put("what", j.what());
        m.put("by", j.by());
        m.put("state", j.state().name());
        m.put("progress", j.progress());
        m.put("step", j.step());
        m.put("outcome", j.outcome());
        m.put("createdAt", j.createdAt().toString());
        m.put("finishedAt", j.finishedAt().map(Instant::toString).orElse(null));
        m.put("file", j.file().map(f -> f.getFileName().toString()).orElse(null));
        return m;
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
