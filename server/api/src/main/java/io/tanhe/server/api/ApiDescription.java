package io.tanhe.server.api;

import io.tanhe.server.security.access.Permission;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API described as OpenAPI 3 ({@code GET /api/openapi.json}): every route with what it needs (the permission,
 * {@code x-permission}), its parameters, its body's fields and its answers, errors included. {@code OpenApiTest}
 * checks it against the routes Javalin holds, both ways, and that the documented query parameters are the ones each
 * route takes.
 */
final class ApiDescription {
    private ApiDescription() {
    }

    /** A query or path parameter, or a field of a JSON body. */
    record Param(String name, boolean required, String type, String description) {
    }

    /**
     * One operation.
     *
     * @param permission what it needs; null for the public login
     * @param body       the JSON body's fields; null when it takes no body
     * @param binary     the body is a file (a signed package, an import file)
     * @param errors     the error statuses besides 400, 401 and 403 (e.g. 404, 409, 503)
     */
    record Op(String method, String path, String summary, Permission permission, List<Param> query, List<Param> body,
              boolean binary, int success, List<Integer> errors) {
    }

    private static Param q(String name, String description) {
        return new Param(name, false, "string", description);
    }

    private static Param req(String name, String description) {
        return new Param(name, true, "string", description);
    }

    private static Param f(String name, String type, boolean required, String description) {
        return new Param(name, required, type, description);
    }

    private static Op get(String path, String summary, Permission p, Param... query) {
        return new Op("GET", path, summary, p, List.of(query), null, false, 200, List.of());
    }

    private static Op post(String path, String summary, Permission p, int success, List<Integer> errors, Param... body) {
        return new Op("POST", path, summary, p, List.of(), List.of(body), false, success, errors);
    }

    private static final Param FROM = q("from", "start: an ISO instant, a local time of the site's zone, a day, 2026-11, 2026-Q4 or 2026");
    private static final Param TO = q("to", "end (exclusive), written as `from`");

    /** Every operation, in the order of docs/security.md's route table. */
    static final List<Op> OPERATIONS = List.of(
            get("/api/status", "site, methodology, store health, intake counters, current hour, open alerts", Permission.READ_DATA),
            get("/api/results", "stored results of a node at a grain", Permission.READ_DATA, req("node", "a stored node, e.g. E"),
                    q("grain", "minute, 15min, hour, day, week, month, quarter, year (default hour)"), FROM, TO, q("key", "members joined by commas")),
            get("/api/readings", "raw readings of a point", Permission.READ_DATA, req("point", "a point id"), FROM, TO),
            get("/api/results/revisions", "every stored figure of one bucket, oldest first, with its revision and reason",
                    Permission.READ_DATA, req("node", "a stored node"), q("grain", "minute, 15min, hour or day (default hour)"),
                    req("start", "the bucket's start"), q("key", "members joined by commas")),
            get("/api/alerts", "alerts, newest first, with filters", Permission.READ_DATA,
                    q("state", "open (default), raised, acknowledged, cleared or all"), FROM, TO,
                    q("severity", "the lowest shown: info, warning, major, critical"), q("rule", "a part of the rule id"),
                    q("limit", "at most this many")),
            get("/api/findings", "verification findings (核查发现) overlapping a range, by period start; not alerts (docs/verification.md)",
                    Permission.READ_DATA, FROM, TO, q("node", "a node (all its keys) or node[key], a point or a meter"),
                    q("limit", "at most this many")),
            get("/api/report", "the periodic report as tanhe report prints it", Permission.READ_DATA,
                    req("grain", "hour, day, month, quarter or year"), req("from", "the first period"), TO,
                    q("format", "table (default), csv, json, pdf, xlsx")),
            get("/api/session", "who the session or token is, with its permissions", Permission.OWN_SESSION),
            get("/api/users", "accounts", Permission.MANAGE_ACCOUNTS),
            get("/api/tokens", "machine tokens", Permission.MANAGE_ACCOUNTS),
            get("/api/allow-lists", "each role's address allow-list", Permission.MANAGE_ACCOUNTS),
            get("/api/report/annual", "the GB/T 32150 enterprise report of a year", Permission.READ_DATA, req("year", "e.g. 2026"),
                    q("format", "pdf (default) or xlsx")),
            get("/api/analysis", "section 7.2.5: months, structure, key sources, activity data", Permission.READ_DATA, req("year", "e.g. 2026")),
            get("/api/audit", "query the audit", Permission.READ_AUDIT, FROM, TO, q("user", "account or token:NAME"), q("role", "role code"),
                    q("type", "event type"), q("outcome", "SUCCESS, FAILURE or DENIED"), q("source", "client address"),
                    q("sort", "time, seq, user, role, source, type, outcome"), q("order", "asc or desc"), q("offset", "paging"),
                    q("limit", "paging")),
            get("/api/audit/export", "export the audit", Permission.READ_AUDIT, FROM, TO, q("user", "account"), q("role", "role code"),
                    q("type", "event type"), q("outcome", "outcome"), q("source", "client address"), q("sort", "sort key"),
                    q("order", "asc or desc"), q("format", "csv (default) or json")),
            get("/api/audit/verify", "verify the audit's hash chain and checkpoints", Permission.READ_AUDIT),
            get("/api/config/versions", "configuration packages and the activation log", Permission.OPERATE),
            get("/api/site/versions", "the stored versions of the site file and the one running", Permission.OPERATE),
            withErrors(get("/api/config/versions/{id}", "one package with its review", Permission.OPERATE), 404, 409),
            get("/api/manual-points", "the points entered by hand, with unit and period", Permission.READ_DATA),
            get("/api/manual-entries", "every version of a manual value", Permission.READ_DATA, req("point", "a manual point"),
                    req("period", "a time inside the period, e.g. 2026-06")),
            get("/api/explain", "a stored figure's derivation and revisions", Permission.READ_DATA, req("node", "a stored node"),
                    q("grain", "minute, 15min, hour or day (default hour)"), req("bucket", "a time inside the bucket"),
                    q("key", "members joined by commas")),
            get("/api/evidence", "a period's evidence bundle (zip, signed manifest; docs/evidence.md)", Permission.EXPORT_EVIDENCE,
                    req("from", "first day, e.g. 2026-01-01"), q("to", "last day, included (default: from)"),
                    q("nodes", "only these nodes' results, joined by commas")),
            get("/api/qa", "the CEMS's QA records overlapping a range (docs/cems.md)", Permission.READ_DATA, req("from", "a time"),
                    req("to", "a time")),
            get("/api/devices", "devices and points with their latest value, quality and feeding device", Permission.READ_DATA),
            get("/api/uplink/centres", "data centres with their backlog", Permission.READ_DATA),
            get("/api/jobs", "jobs, newest first", Permission.READ_DATA),
            withErrors(get("/api/jobs/{id}", "one job with its progress", Permission.READ_DATA), 404),
            withErrors(get("/api/jobs/{id}/file", "a finished export's file", Permission.READ_DATA), 404, 409),
            post("/api/login", "sign in: sets the session cookie", null, 200, List.of(429),
                    f("username", "string", true, "account"), f("password", "string", true, "password")),
            post("/api/logout", "end the session", Permission.OWN_SESSION, 200, List.of()),
            post("/api/password", "change one's own password", Permission.OWN_SESSION, 200, List.of(),
                    f("password", "string", true, "current"), f("newPassword", "string", true, "new")),
            post("/api/users", "add an account (answers its one-time password)", Permission.MANAGE_ACCOUNTS, 201, List.of(),
                    f("username", "string", true, "new account"), f("role", "string", true, "sysadmin, secop, auditor or viewer")),
            post("/api/users/{username}/lock", "lock an account", Permission.MANAGE_ACCOUNTS, 200, List.of()),
            post("/api/users/{username}/unlock", "unlock an account", Permission.MANAGE_ACCOUNTS, 200, List.of()),
            post("/api/users/{username}/reset", "reset a password (answers a one-time one)", Permission.MANAGE_ACCOUNTS, 200, List.of()),
            post("/api/tokens", "issue a machine token (shown once)", Permission.MANAGE_ACCOUNTS, 201, List.of(),
                    f("name", "string", true, "token name"), f("role", "string", true, "its role")),
            post("/api/audit/wipe", "wipe the whole audit (starts a new chain)", Permission.WIPE_AUDIT, 200, List.of(),
                    f("confirm", "string", true, "exactly: wipe the whole audit")),
            new Op("POST", "/api/config/packages", "upload a signed package (*.tpkg): verify, compile, test, review", Permission.OPERATE,
                    List.of(), null, true, 200, List.of(409)),
            post("/api/config/versions/{id}/stage", "stage a reviewed package", Permission.OPERATE, 200, List.of(404, 409),
                    f("effective_from", "string", false, "measurement time it takes effect (default now)")),
            post("/api/config/versions/{id}/activate", "activate a staged package", Permission.OPERATE, 200, List.of(404, 409)),
            post("/api/config/rollback", "roll back to an earlier configuration", Permission.OPERATE, 200, List.of(409),
                    f("to", "integer", false, "the version to return to; 0: the site file's")),
            new Op("POST", "/api/site", "push a site file (the body): checked as at start, stored as a version, applied by restarting"
                    + " only the devices and centres it changes", Permission.OPERATE,
                    List.of(q("dry_run", "true: answer the plan (which devices and centres restart) and change nothing")), null, true, 200,
                    List.of(409)),
            post("/api/site/rollback", "push a stored site file version again", Permission.OPERATE, 200, List.of(409),
                    f("to", "integer", true, "the version; GET /api/site/versions lists them")),
            post("/api/alerts/{id}/ack", "acknowledge an alert (a repeat answers already: true)", Permission.OPERATE, 200, List.of(404),
                    f("comment", "string", false, "what was checked or done, at most 1000 characters")),
            post("/api/manual-entries", "enter a value by hand (§7.2.2); a correction is a new version", Permission.OPERATE, 201,
                    List.of(409, 503), f("point", "string", true, "a manual point"),
                    f("period", "string", false, "a time inside the period (per-period points)"),
                    f("at", "string", false, "the value's time (other points)"), f("value", "number", true, "the value, digits kept"),
                    f("unit", "string", false, "the point's unit (another is refused)"), f("comment", "string", false, "why or from where")),
            post("/api/qa", "record a CEMS QA check by hand: zero/span calibration (drift), calibration or maintenance period,"
                    + " RA run, or RA audit computed from the stored runs; recomputes the stored hours it affects (a repeat answers 200,"
                    + " already: true)", Permission.OPERATE, 201,
                    List.of(503), f("kind", "string", true, "zero_calibration, span_calibration, calibration, maintenance, ra_run or ra_audit"),
                    f("point", "string", false, "a measurement point (default every point)"), f("from", "string", true, "start"),
                    f("to", "string", true, "end"), f("reference", "number", false, "calibration gas, or the reference method's run value"),
                    f("measured", "number", false, "the analyser's reading, or the run's CEMS value"),
                    f("range", "number", false, "the analyser's range (calibrations)"),
                    f("limit", "number", false, "acceptance limit in % (default the site's measurement.qa)"),
                    f("note", "string", false, "free text")),
            post("/api/poll", "poll now (§9.1): one device, one point's devices, or all", Permission.OPERATE, 200, List.of(503),
                    f("device", "string", false, "a polled device"), f("point", "string", false, "a point"),
                    f("all", "boolean", false, "every polled device")),
            post("/api/backfill", "manual backfill to data centres, marked manual (§7.2.4 (5))", Permission.OPERATE, 202, List.of(503),
                    f("centres", "array", false, "centre ids (default every centre)"),
                    f("indicators", "array", false, "indicator codes (HJ 212 a05001) or result nodes (E); default every indicator"),
                    f("grain", "string", true, "15min, hour, day or month"),
                    f("from", "string", true, "first bucket"), f("to", "string", true, "end (exclusive)"), f("reason", "string", true, "why")),
            post("/api/jobs", "start a job: recompute, export, import, backup, or restore (the terminal restarts to apply it)",
                    Permission.OPERATE, 202, List.of(409),
                    f("kind", "string", true, "recompute, export, import, backup or restore"), f("from", "string", false, "a day or a time"),
                    f("to", "string", false, "a day or a time"), f("data", "string", false, "readings or results"),
                    f("format", "string", false, "csv or json"), f("file", "string", false, "a file name in DATA/imports"),
                    f("backup", "string", false, "restore: a folder name in DATA/backups")),
            post("/api/jobs/{id}/cancel", "ask a job to stop at its next step", Permission.OPERATE, 200, List.of(404)),
            new Op("POST", "/api/imports", "upload a file (as tanhe store export writes it, at most 64 MiB) into DATA/imports:"
                    + " checked whole, then imported as a job; a bad file is not kept and stores nothing", Permission.OPERATE,
                    List.of(req("data", "readings or results"), req("name", "the file's name, ending .csv or .json")), null, true, 202,
                    List.of(409, 503)),
            new Op("PUT", "/api/allow-lists/{role}", "replace a role's allow-list", Permission.MANAGE_ACCOUNTS, List.of(),
                    List.of(f("ranges", "array", true, "CIDR ranges; empty for any address")), false, 200, List.of()),
            new Op("DELETE", "/api/tokens/{name}", "revoke a token", Permission.MANAGE_ACCOUNTS, List.of(), null, false, 200, List.of()),
            get("/metrics", "Prometheus metrics (a token, or no token from an allow-listed scraper address)", Permission.READ_DATA),
            get("/api/system", "system state (§8.2): CPU, memory, disk, OS, JVM, version, uptime, workers, the latest log lines",
                    Permission.READ_DATA, q("lines", "how many log lines, 1 to 500 (default 50)"),
                    q("level", "the lowest log level shown: warn (default) or error")),
            get("/api/cutoff", "the standing remote cut-off, if any (§8.4)", Permission.READ_DATA),
            post("/api/cutoff", "cut the terminal off (§8.4): uploads stop, the API answers the machine only", Permission.OPERATE,
                    200, List.of(), f("reason", "string", true, "why, at most 500 characters")),
            post("/api/cutoff/lift", "lift the cut-off; taken from the machine itself (loopback) only", Permission.OPERATE, 200,
                    List.of()),
            get("/api/upgrade", "the remote upgrade (§8.4): its state, the release in use, the releases kept, the components",
                    Permission.OPERATE),
            new Op("POST", "/api/upgrade", "upgrade the program (§8.4): a signed application release package as the body; verified"
                    + " against the trust policy, unpacked, switched to; the terminal restarts into it and rolls back unless it proves"
                    + " healthy within the window", Permission.OPERATE, List.of(), null, true, 200, List.of(400, 409)),
            post("/api/upgrade/rollback", "switch back to the release before the upgrade and restart", Permission.OPERATE, 200,
                    List.of(409)),
            new Op("POST", "/api/components", "install an optional component (a signed component package as the body); effective"
                    + " after the restart it asks for", Permission.OPERATE, List.of(), null, true, 200, List.of(400, 409)),
            new Op("DELETE", "/api/components/{id}", "uninstall an optional component; effective after the restart it asks for",
                    Permission.OPERATE, List.of(), null, false, 200, List.of(404, 409)),
            get("/api/openapi.json", "this description", Permission.OWN_SESSION));

    private static Op withErrors(Op o, Integer... errors) {
        return new Op(o.method(), o.path(), o.summary(), o.permission(), o.query(), o.body(), o.binary(), o.success(), List.of(errors));
    }

    private static final Pattern PATH_PARAM = Pattern.compile("\\{([a-zA-Z]+)}");

    /** The OpenAPI 3.0 document. */
    static Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "Tanhe terminal API", "version", "1",
                "description", "Every route but POST /api/login needs a session cookie or a bearer token whose role holds the route's"
                        + " x-permission (docs/security.md). Errors are JSON {error, parameter}: parameter names the query parameter"
                        + " or body field at fault."));
        Map<String, Object> error = Map.of("type", "object", "properties", Map.of("error", Map.of("type", "string"),
                "parameter", Map.of("type", "string")), "required", List.of("error"));
        doc.put("components", Map.of("schemas", Map.of("Error", error), "securitySchemes", Map.of(
                "bearer", Map.of("type", "http", "scheme", "bearer"),
                "session", Map.of("type", "apiKey", "in", "cookie", "name", AccessGuard.COOKIE))));
        Map<String, Map<String, Object>> paths = new LinkedHashMap<>();
        for (Op op : OPERATIONS) {
            paths.computeIfAbsent(op.path(), k -> new LinkedHashMap<>()).put(op.method().toLowerCase(Locale.ROOT), operation(op));
        }
        doc.put("paths", paths);
        return doc;
    }

    private static Map<String, Object> operation(Op op) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("summary", op.summary());
        o.put("x-permission", op.permission() == null ? "anyone" : op.permission().name().toLowerCase(Locale.ROOT));
        o.put("security", op.permission() == null ? List.of() : List.of(Map.of("bearer", List.of()), Map.of("session", List.of())));
        List<Map<String, Object>> parameters = new ArrayList<>();
        Matcher m = PATH_PARAM.matcher(op.path());
        while (m.find()) {
            parameters.add(Map.of("name", m.group(1), "in", "path", "required", true, "schema", Map.of("type", "string")));
        }
        for (Param p : op.query()) {
            parameters.add(Map.of("name", p.name(), "in", "query", "required", p.required(), "description", p.description(),
                    "schema", Map.of("type", p.type())));
        }
        if (!parameters.isEmpty()) {
            o.put("parameters", parameters);
        }
        if (op.binary()) {
            o.put("requestBody", Map.of("required", true, "content", Map.of("application/octet-stream",
                    Map.of("schema", Map.of("type", "string", "format", "binary")))));
        } else if (op.body() != null) {
            Map<String, Object> props = new LinkedHashMap<>();
            List<String> required = new ArrayList<>();
            for (Param p : op.body()) {
                props.put(p.name(), Map.of("type", p.type(), "description", p.description()));
                if (p.required()) {
                    required.add(p.name());
                }
            }
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", "object");
            schema.put("properties", props);
            schema.put("additionalProperties", false);
            if (!required.isEmpty()) {
                schema.put("required", required);
            }
            o.put("requestBody", Map.of("required", !required.isEmpty(), "content", Map.of("application/json", Map.of("schema", schema))));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put(String.valueOf(op.success()), Map.of("description", "done"));
        Map<String, Object> err = Map.of("content", Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/Error"))));
        responses.put("400", with(err, "bad input: `parameter` names the query parameter or field, `error` says what would work"));
        if (op.permission() != null) {
            responses.put("401", with(err, "no valid session or token"));
            responses.put("403", with(err, "the role lacks " + op.permission().name().toLowerCase(Locale.ROOT)
                    + ", the address is outside its allow-list, or the password must be changed first"));
        }
        for (int e : op.errors()) {
            responses.put(String.valueOf(e), with(err, switch (e) {
                case 404 -> "what it names does not exist";
                case 409 -> "not possible in the current state";
                case 429 -> "too many attempts from this address";
                case 503 -> "the terminal lacks the part it needs, or it did not finish in time";
                default -> "error";
            }));
        }
        if (op.method().equals("GET") && !op.path().contains("{")) {
            responses.putIfAbsent("405", with(err, "read-only endpoint"));
        }
        responses.put("500", with(err, "internal error, logged by the terminal"));
        o.put("responses", responses);
        return o;
    }

    private static Map<String, Object> with(Map<String, Object> err, String description) {
        Map<String, Object> r = new LinkedHashMap<>(err);
        r.put("description", description);
        return r;
    }
}
