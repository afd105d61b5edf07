package io.tanhe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code tanhe remote}: a remote administrator's client of one terminal ({@code --url}) or of a fleet
 * ({@code --fleet FILE}), acting with a token, run on every terminal at once with a result table per terminal.
 * TLS is verified against the JDK's authorities, or only against a pinned CA ({@code --ca PEM}); never skipped.
 */
@Command(name = "remote", mixinStandardHelpOptions = true,
        description = {"Administer terminals over their API with a token: one (--url) or a fleet file (--fleet), concurrently,",
                "with a result table per terminal. TLS verified by default; --ca FILE pins a CA (docs/operations.md).",
                "A fleet file has one terminal a line: NAME URL [TOKEN_FILE] (# comments; token files relative to it)."},
        subcommands = {RemoteCommand.Status.class, RemoteCommand.Ack.class, RemoteCommand.Backfill.class, RemoteCommand.Export.class,
                RemoteCommand.Import.class, RemoteCommand.Push.class, RemoteCommand.Rollback.class, RemoteCommand.Upgrade.class,
                RemoteCommand.SitePush.class})
public final class RemoteCommand implements Runnable {

    @Override
    public void run() {
        System.err.println("remote: say status, ack, backfill, export, import, push, rollback, upgrade or site-push; tanhe remote --help");
    }

    /** Where to act and with what: the options every remote subcommand takes. */
    static final class Targets {
        @Option(names = "--url", paramLabel = "URL", description = "one terminal's API, e.g. https://10.0.0.5:8017")
        String url;

        @Option(names = "--fleet", paramLabel = "FILE", description = "a fleet file: NAME URL [TOKEN_FILE] per line")
        Path fleet;

        @Option(names = "--token-file", paramLabel = "FILE", description = "the token for terminals without their own (default: $"
                + LocalTerminal.TOKEN_VARIABLE + ")")
        Path tokenFile;

        @Option(names = "--ca", paramLabel = "PEM", description = "trust only this CA certificate (PEM) for HTTPS")
        Path ca;

        @Option(names = "--parallel", paramLabel = "N", defaultValue = "8", description = "terminals at once (default: ${DEFAULT-VALUE})")
        int parallel;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60", description = "seconds per request (default: ${DEFAULT-VALUE})")
        int timeout;

        /** One terminal of the fleet. */
        record Terminal(String name, URI url, Optional<Path> token) {
        }

        List<Terminal> terminals() throws Refused {
            if ((url == null) == (fleet == null)) {
                throw new Refused("give --url URL or --fleet FILE (one of them)");
            }
            if (url != null) {
                return List.of(new Terminal(url, uri(url, "--url"), Optional.empty()));
            }
            List<String> lines;
            try {
                lines = Files.readAllLines(fleet);
            } catch (IOException e) {
                throw new Refused("cannot read the fleet file " + fleet + ": " + e.getMessage());
            }
            List<Terminal> out = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s+");
                if (parts.length < 2 || parts.length > 3) {
                    throw new Refused(fleet + ":" + (i + 1) + ": write NAME URL [TOKEN_FILE], not `" + line + "`");
                }
                Path base = fleet.toAbsolutePath().getParent();
                out.add(new Terminal(parts[0], uri(parts[1], fleet + ":" + (i + 1)),
                        parts.length == 3 ? Optional.of(base.resolve(parts[2])) : Optional.empty()));
            }
            if (out.isEmpty()) {
                throw new Refused(fleet + " lists no terminal");
            }
            return out;
        }

        private static URI uri(String text, String where) throws Refused {
            if (!text.startsWith("https://") && !text.startsWith("http://")) {
                throw new Refused(where + ": `" + text + "` is not an http(s):// address");
            }
            return URI.create(text);
        }

        ApiClient client(Terminal t) throws Refused {
            String token;
            try {
                if (t.token().isPresent()) {
                    token = Files.readString(t.token().get()).strip();
                } else if (tokenFile != null) {
                    token = Files.readString(tokenFile).strip();
                } else {
                    token = Optional.ofNullable(System.getenv(LocalTerminal.TOKEN_VARIABLE)).filter(s -> !s.isBlank())
                            .orElseThrow(() -> new Refused("no token: give --token-file FILE, a token file in the fleet file, or set $"
                                    + LocalTerminal.TOKEN_VARIABLE));
                }
            } catch (IOException e) {
                throw new Refused("cannot read the token: " + e.getMessage());
            }
            Optional<SSLContext> ssl = Optional.empty();
            if (ca != null) {
                try {
                    ssl = Optional.of(ApiClient.pinnedCa(ca));
                } catch (IOException | java.security.GeneralSecurityException e) {
                    throw new Refused("cannot use the CA " + ca + ": " + e.getMessage());
                }
            }
            return ApiClient.of(t.url(), token, ssl, Duration.ofSeconds(timeout));
        }
    }

    /** A refusal before or during an action, with what to do. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** One action on one terminal: a one-line summary, or a {@link Refused}. */
    @FunctionalInterface
    interface Action {
        String on(ApiClient client) throws Refused, IOException, InterruptedException;
    }

    /** Runs {@code action} on every target at once (at most {@code --parallel}), prints a table, exits 1 if any failed. */
    static int everywhere(String command, Targets targets, Action action) {
        List<Targets.Terminal> terminals;
        try {
            terminals = targets.terminals();
        } catch (Refused e) {
            System.err.println("remote " + command + ": " + e.getMessage());
            return 2;
        }
        Map<String, Future<String>> results = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(targets.parallel, terminals.size())));
        try {
            for (Targets.Terminal t : terminals) {
                results.put(t.name(), pool.submit(() -> {
                    try {
                        return "ok\t" + action.on(targets.client(t));
                    } catch (Refused e) {
                        return "FAILED\t" + e.getMessage();
                    } catch (IOException e) {
                        return "FAILED\tno answer from " + t.url() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage());
                    }
                }));
            }
            int width = Math.max(8, terminals.stream().mapToInt(t -> t.name().length()).max().orElse(8));
            System.out.println(ApiCommands.cell("TERMINAL", width) + "  " + ApiCommands.cell("RESULT", 6) + "  DETAIL");
            int failed = 0;
            for (var e : results.entrySet()) {
                String r;
                try {
                    r = e.getValue().get();
                } catch (Exception x) {
                    r = "FAILED\t" + x;
                }
                String[] parts = r.split("\t", 2);
                failed += parts[0].equals("ok") ? 0 : 1;
                // a detail of several lines (a refused site file's problems) stays in the DETAIL column
                System.out.println(ApiCommands.cell(e.getKey(), width) + "  " + ApiCommands.cell(parts[0], 6) + "  "
                        + parts[1].replace("\n", "\n" + " ".repeat(width + 10)));
            }
            System.out.println((terminals.size() - failed) + " of " + terminals.size() + " terminal(s) ok");
            return failed == 0 ? 0 : 1;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The answer's JSON when it worked; a {@link Refused} with the API's problem otherwise. */
    static JsonNode ok(ApiClient.Answer a) throws Refused {
        if (!a.ok()) {
            throw new Refused(a.problem());
        }
        return a.json();
    }

    /** {@code tanhe remote status}. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Site, methodology, store, watermark, open alerts.")
    static final class Status implements Callable<Integer> {
        @Mixin
        Targets targets;

        @Override
        public Integer call() {
            return everywhere("status", targets, c -> {
                JsonNode s = ok(c.get("/api/status"));
                return s.path("site").path("id").asText() + ", " + s.path("methodology").path("id").asText() + " "
                        + s.path("methodology").path("version").asText() + ", store " + s.path("store").path("state").asText()
                        + ", data to " + s.path("watermark").asText() + ", " + s.path("openAlerts").asInt() + " open alert(s), workers "
                        + s.path("workers").path("state").asText();
            });
        }
    }

    /** {@code tanhe remote ack ID -m TEXT}. */
    @Command(name = "ack", mixinStandardHelpOptions = true, description = "Acknowledge an alert by id.")
    static final class Ack implements Callable<Integer> {
        @Mixin
        Targets targets;

        @Parameters(paramLabel = "ID", description = "the alert's id (as tanhe alerts list shows it)")
        long id;

        @Option(names = {"-m", "--comment"}, defaultValue = "", paramLabel = "TEXT", description = "what was done about it (kept in the alert and the audit)")
        String comment;

        @Override
        public Integer call() {
            return everywhere("ack", targets, c -> {
                JsonNode a = ok(c.post("/api/alerts/" + id + "/ack", Map.of("comment", comment)));
                return "alert " + id + " (" + a.path("rule").asText() + ") " + (a.path("already").asBoolean() ? "was already acknowledged"
                        : "acknowledged") + " by " + a.path("acknowledgedBy").asText();
            });
        }
    }

    /** {@code tanhe remote backfill}. */
    @Command(name = "backfill", mixinStandardHelpOptions = true, description = "Manual backfill to data centres (§7.2.4 (5)).")
    static final class Backfill implements Callable<Integer> {
        @Mixin
        Targets targets;

        @Option(names = "--centre", paramLabel = "ID", description = "a centre (repeat for several; default: every centre)")
        List<String> centres;

        @Option(names = "--grain", required = true, description = "15min, hour, day or month")
        String grain;

        @Option(names = "--from", required = true, description = "the first bucket's start (a time, a day, 2026-06)")
        String from;

        @Option(names = "--to", required = true, description = "the end (exclusive)")
        String to;

        @Option(names = "--reason", required = true, description = "why, e.g. \"meter M3 replaced, readings corrected\"")
        String reason;

        @Option(names = "--indicators", split = ",", paramLabel = "CODE", description = "only these indicators: centre codes"
                + " (a05001) or result nodes (E), comma-separated (default: every indicator)")
        List<String> indicators;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            if (centres != null) {
                body.put("centres", centres);
            }
            if (indicators != null) {
                body.put("indicators", indicators);
            }
            body.putAll(Map.of("grain", grain, "from", from, "to", to, "reason", reason));
            return everywhere("backfill", targets, c -> "queued " + ok(c.post("/api/backfill", body)).path("queued"));
        }
    }

    /** {@code tanhe remote export --data readings|results --from --to --out DIR}. */
    @Command(name = "export", mixinStandardHelpOptions = true, description = "Export readings or results from each terminal into DIR/NAME.csv.")
    static final class Export implements Callable<Integer> {
        @Mixin
        Targets targets;

        @Option(names = "--data", required = true, description = "readings or results")
        String data;

        @Option(names = "--from", required = true, description = "the start, e.g. 2026-06-01 or 2026-06-01T08:00")
        String from;

        @Option(names = "--to", required = true, description = "the end (exclusive)")
        String to;

        @Option(names = "--format", defaultValue = "csv", description = "csv or json (default: ${DEFAULT-VALUE})")
        String format;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "where to write each terminal's file")
        Path out;

        @Override
        public Integer call() throws IOException {
            Files.createDirectories(out);
            return everywhere("export", targets, c -> {
                JsonNode job = ok(c.post("/api/jobs", Map.of("kind", "export", "data", data, "from", from, "to", to, "format", format)));
                long id = job.path("id").asLong();
                while (List.of("QUEUED", "RUNNING").contains(job.path("state").asText())) {
                    Thread.sleep(250);
                    job = ok(c.get("/api/jobs/" + id));
                }
                if (!job.path("state").asText().equals("DONE")) {
                    throw new Refused("export job " + id + " " + job.path("state").asText() + ": " + job.path("outcome").asText());
                }
                ApiClient.Answer file = c.get("/api/jobs/" + id + "/file");
                ok(file);
                String host = c.base().getHost() + "-" + c.base().getPort();
                Path target = out.resolve(host + "-" + data + "." + format);
                Files.writeString(target, file.body());
                return file.body().lines().count() + " line(s) in " + target;
            });
        }
    }

    /** {@code tanhe remote import FILE --data readings|results [--name NAME]}: upload, check, import as a job. */
    @Command(name = "import", mixinStandardHelpOptions = true, description = {"Import a file (as tanhe store export writes it,"
            + " CSV or JSON, at most 64 MiB) into each terminal:", "uploaded into DATA/imports, checked whole (a bad file is not"
            + " kept and stores nothing), then imported as a job."})
    static final class Import implements Callable<Integer> {
        @Mixin
        Targets targets;

        @Parameters(paramLabel = "FILE", description = "the file to import (CSV or JSON, as tanhe store export writes it)")
        Path file;

        @Option(names = "--data", required = true, description = "readings or results")
        String data;

        @Option(names = "--name", paramLabel = "NAME", description = "its name in DATA/imports (default: the file's name)")
        String name;

        @Override
        public Integer call() throws IOException {
            if (!Files.isRegularFile(file)) {
                System.err.println("remote import: no file " + file);
                return 2;
            }
            byte[] bytes = Files.readAllBytes(file);
            String as = name == null ? file.getFileName().toString() : name;
            String query = "?data=" + java.net.URLEncoder.encode(data, java.nio.charset.StandardCharsets.UTF_8) + "&name="
                    + java.net.URLEncoder.encode(as, java.nio.charset.StandardCharsets.UTF_8);
            return everywhere("import", targets, c -> {
                JsonNode job = ok(c.postBytes("/api/imports" + query, bytes));
                long id = job.path("id").asLong();
                while (List.of("QUEUED", "RUNNING").contains(job.path("state").asText())) {
                    Thread.sleep(250);
                    job = ok(c.get("/api/jobs/" + id));
                }
                if (!job.path("state").asText().equals("DONE")) {
                    throw new Refused("import job " + id + " " + job.path("state").asText() + ": " + job.path("outcome").asText());
                }
                return "job " + id + ": " + job.path("outcome").asText();
            });
        }
    }

    /** {@code tanhe remote push PACKAGE [--activate-at T]}: upload, stage at T, activate. */
    @Command(name = "push", mixinStandardHelpOptions = true, description = {"Push a signed configuration package (*.tpkg): upload",
            "(verified, compiled, tested, reviewed by the terminal), stage it effective at --activate-at (default now), activate."})
    static final class Push implements Callable<Integer> {
        @Mixin
        Targets targets;

        @Parameters(paramLabel = "PACKAGE", description = "a signed package file (.tpkg, tanhe package build)")
        Path pkg;

        @Option(names = "--activate-at", paramLabel = "T", description = "the measurement time it takes effect")
        String activateAt;

        @Option(names = "--stage-only", description = "stage it but do not activate")
        boolean stageOnly;

        @Override
        public Integer call() throws IOException {
            byte[] bytes = Files.readAllBytes(pkg);
            return everywhere("push", targets, c -> {
                JsonNode uploaded = ok(c.postBytes("/api/config/packages", bytes));
                if (uploaded.path("state").asText().equalsIgnoreCase("refused")) {
                    throw new Refused("package refused: " + uploaded.path("reviewSummary").asText());
                }
                String id = uploaded.path("id").asText();
                Map<String, Object> when = activateAt == null ? Map.of() : Map.of("effective_from", activateAt);
                ok(c.post("/api/config/versions/" + id + "/stage", when));
                if (stageOnly) {
                    return "package " + id + " staged";
                }
                JsonNode active = ok(c.post("/api/config/versions/" + id + "/activate", Map.of()));
                return "package " + id + " activated" + (active.has("state") ? " (" + active.path("state").asText() + ")" : "");
            });
        }
    }

    /** {@code tanhe remote site-push FILE [--dry-run]}: a site file's device and centre changes, applied live. */
    @Command(name = "site-push", mixinStandardHelpOptions = true, description = {
            "Push a site file to each terminal: checked as at start, stored as a new version, applied by restarting only",
            "the devices and data centres it changes (docs/lifecycle.md). One row per terminal: ok with the plan or the",
            "version stored, or FAILED with the terminal's answer (a refused file's problems with their field paths).",
            "Exit code: 0 every terminal took it, 1 one failed, 2 nothing was sent."})
    static final class SitePush implements Callable<Integer> {
        @Mixin
        Targets targets;

        @Parameters(paramLabel = "FILE", description = "the whole candidate site file, as `tanhe run --site` reads it")
        Path file;

        @Option(names = "--dry-run", description = "only show which devices and centres would restart")
        boolean dryRun;

        @Override
        public Integer call() {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                System.err.println("remote site-push: cannot read the site file " + file + " (" + e.getClass().getSimpleName() + ": "
                        + e.getMessage() + "); nothing was sent");
                return 2;
            }
            return everywhere("site-push", targets, c -> {
                JsonNode r = ok(c.postBytes("/api/site" + (dryRun ? "?dry_run=true" : ""), bytes));
                if (!r.path("failure").isNull()) {
                    throw new Refused(r.path("failure").asText());
                }
                return (dryRun ? "dry run: " : r.path("version").isNull() ? "no differences: " : "version " + r.path("version").asText()
                        + ": ") + r.path("summary").asText();
            });
        }
    }

    /** {@code tanhe remote rollback [--to N]}. */
    @Command(name = "rollback", mixinStandardHelpOptions = true, description = "Roll back the configuration (to a version; 0: the site file's).")
    static final class Rollback implements Callable<Integer> {
        @Mixin
        Targets targets;

        @Option(names = "--to", required = true, paramLabel = "N", description = "the package id to return to; 0: the site file's configuration")
        long to;

        @Override
        public Integer call() {
            return everywhere("rollback", targets, c -> {
                JsonNode r = ok(c.post("/api/config/rollback", Map.of("to", to)));
                return "rolled back to " + (to == 0 ? "the site file's configuration" : "package " + to)
                        + (r.has("state") ? " (" + r.path("state").asText() + ")" : "");
            });
        }
    }

    /** {@code tanhe remote upgrade PKG | --rollback | --status}, and components. */
    @Command(name = "upgrade", mixinStandardHelpOptions = true,
            description = {"Upgrade the program (§8.4): upload a signed application release package; the terminal verifies it,",
                    "switches to it, restarts and keeps it only if it proves healthy in its window (--wait follows it). Or",
                    "--rollback, --status, --component (install a component package), --uninstall ID. docs/operations.md."})
    static final class Upgrade implements Callable<Integer> {
        @Mixin
        Targets targets;

        @Parameters(paramLabel = "PACKAGE", arity = "0..1", description = "the signed release (or component) package")
        Path pkg;

        @Option(names = "--component", description = "PACKAGE is an optional component, not the program")
        boolean component;

        @Option(names = "--uninstall", paramLabel = "ID", description = "uninstall the component ID")
        String uninstall;

        @Option(names = "--rollback", description = "switch back to the release before the upgrade")
        boolean rollback;

        @Option(names = "--status", description = "show the upgrade's state")
        boolean status;

        @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "0",
                description = "after an upgrade, follow it until it is kept or rolled back, at most this long (default: do not wait)")
        int waitSeconds;

        @Override
        public Integer call() {
            int asked = (pkg != null ? 1 : 0) + (uninstall != null ? 1 : 0) + (rollback ? 1 : 0) + (status ? 1 : 0);
            if (asked != 1) {
                System.err.println("remote upgrade: give PACKAGE, --uninstall ID, --rollback or --status (one of them)");
                return 2;
            }
            if (pkg != null && !Files.isRegularFile(pkg)) {
                System.err.println("remote upgrade: no package at " + pkg);
                return 2;
            }
            return everywhere("upgrade", targets, c -> {
                if (status) {
                    return shown(ok(c.get("/api/upgrade")));
                }
                if (rollback) {
                    JsonNode r = ok(c.post("/api/upgrade/rollback", Map.of()));
                    return "rolled back from " + r.path("to").asText() + " to " + r.path("from").asText() + "; the terminal restarts";
                }
                if (uninstall != null) {
                    JsonNode r = ok(c.delete("/api/components/" + uninstall));
                    return "component " + uninstall + " " + r.path("uninstalled").asText() + " uninstalled; the terminal restarts";
                }
                if (component) {
                    JsonNode r = ok(c.postFile("/api/components", pkg));
                    return "component " + r.path("component").asText() + " " + r.path("version").asText() + " installed; the terminal restarts";
                }
                JsonNode r = ok(c.postFile("/api/upgrade", pkg));
                String started = "switched from " + r.path("from").asText() + " to " + r.path("to").asText() + "; the terminal restarts"
                        + " and has until " + r.path("deadline").asText() + " to prove healthy";
                return waitSeconds <= 0 ? started : started + "\n" + follow(c, r.path("to").asText());
            });
        }

        /** Polls the state through the restart until the release is kept or rolled back. */
        private String follow(ApiClient c, String to) throws InterruptedException {
            long end = System.nanoTime() + waitSeconds * 1_000_000_000L;
            String last = "no answer yet";
            while (System.nanoTime() < end) {
                Thread.sleep(2000);
                try {
                    ApiClient.Answer a = c.get("/api/upgrade");
                    if (!a.ok()) {
                        last = a.problem();
                        continue;
                    }
                    JsonNode state = a.json().path("state");
                    String phase = state.path("phase").asText();
                    last = phase + ", in use " + a.json().path("current").asText();
                    if (phase.equals("good") || phase.equals("rolled_back")) {
                        return (phase.equals("good") ? "kept: " + to + " proved healthy" : "ROLLED BACK to " + state.path("from").asText()
                                + ": " + state.path("reason").asText()) + " (in use: " + a.json().path("current").asText() + ")";
                    }
                } catch (IOException e) {
                    last = "restarting (" + e.getClass().getSimpleName() + ")";
                }
            }
            return "still undecided after " + waitSeconds + " s: " + last;
        }

        private static String shown(JsonNode s) {
            if (!s.path("installRoot").isTextual()) {
                return s.path("detail").asText("no install root");
            }
            JsonNode st = s.path("state");
            return "in use " + s.path("current").asText() + "; " + st.path("phase").asText() + (st.path("to").asText().isEmpty() ? ""
                    : " (" + st.path("from").asText() + " -> " + st.path("to").asText() + ")")
                    + (st.path("reason").asText().isEmpty() ? "" : ": " + st.path("reason").asText())
                    + "; releases " + s.path("releases") + "; components " + s.path("components");
        }
    }
}
