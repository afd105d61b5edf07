package io.tanhe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tanhe.server.security.audit.AuditActor;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.ActivationStep;
import io.tanhe.server.store.ConfigPackage;
import io.tanhe.server.terminal.OpenWindow;
import io.tanhe.server.terminal.TerminalFile;
import io.tanhe.server.terminal.lifecycle.Candidate;
import io.tanhe.server.terminal.lifecycle.ConfigLifecycle;
import io.tanhe.server.terminal.lifecycle.LiveTerminal;
import io.tanhe.server.terminal.lifecycle.TrustPolicyVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code tanhe config log|push|stage|activate|rollback}: the configuration lifecycle (issue 15) from the command
 * line. On a running terminal through its API ({@code /api/config/…}) with an admin token ({@code --token-file});
 * on a stopped one directly on its store, as the operating-system user acting as system administrator (the
 * activation's self-test then runs at the terminal's next start).
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"The configuration lifecycle: push a signed package (verify, compile, test, replay the last days",
                "under it, store the review), stage it with the time it applies from, activate it, roll back; the",
                "activation log. Against a running terminal through its API (give --token-file with a system",
                "administrator's token); against a stopped one on its store."},
        subcommands = {ConfigCommand.Log.class, ConfigCommand.Push.class, ConfigCommand.Stage.class, ConfigCommand.Activate.class,
                ConfigCommand.Rollback.class})
public final class ConfigCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() {
        System.err.println("config: give a subcommand: log, push, stage, activate or rollback (tanhe config --help)");
        return 2;
    }

    /** Where the terminal is and who acts. */
    static final class Target {
        @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data", description = "the terminal's data directory (default: ${DEFAULT-VALUE})")
        Path dataDir;

        @Option(names = "--token-file", paramLabel = "FILE", description = "a system administrator's API token, for a running terminal")
        Path tokenFile;

        @Option(names = "--site", paramLabel = "FILE", description = "the site file, for a stopped terminal (default: the version saved in the store)")
        Path siteFile;
    }

    /** {@code tanhe config log}. */
    @Command(name = "log", mixinStandardHelpOptions = true, description = "The packages and the activation log: who, when, from → to, hashes, signatures, review summary.")
    static final class Log implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Target target = new Target();

        @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE})")
        String format;

        @Override
        public Integer call() {
            return run(target, "log", api -> api.get("/api/config/versions"), local -> versionsJson(local.versions()), answer -> {
                if (format.equals("json")) {
                    System.out.println(answer.toPrettyString());
                } else {
                    printLog(answer);
                }
            });
        }
    }

    /** {@code tanhe config push FILE}. */
    @Command(name = "push", mixinStandardHelpOptions = true, description = "Upload a signed package (*.tpkg): verify, compile, test, dry-run replay, store the review.")
    static final class Push implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Target target = new Target();

        @Parameters(paramLabel = "FILE", description = "the signed package")
        Path file;

        @Option(names = "--days", defaultValue = "7", description = "closed days the review replays (default: ${DEFAULT-VALUE}; stopped terminal only)")
        int days;

        @Override
        public Integer call() {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                System.err.println("config push: cannot read " + file + ": " + e.getMessage());
                return 2;
            }
            return run(target, "push", api -> api.post("/api/config/packages", bytes, "application/octet-stream"), local -> {
                local.reviewDays(days);
                return packageJson(local.upload(Candidate.fromPackage(bytes, file.toString()), actor()), true);
            }, ConfigCommand::printPackage);
        }
    }

    /** {@code tanhe config stage ID [--from TIME]}. */
    @Command(name = "stage", mixinStandardHelpOptions = true, description = "Stage a reviewed package to apply from a measurement time.")
    static final class Stage implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Target target = new Target();

        @Parameters(paramLabel = "ID", description = "the package")
        long id;

        @Option(names = "--from", paramLabel = "TIME", description = "when it applies from, e.g. 2026-12-05 (site zone; default: now). A past day recomputes closed days as revisions")
        String from;

        @Override
        public Integer call() {
            String body = from == null ? "{}" : JSON.createObjectNode().put("effective_from", from).toString();
            return run(target, "stage", api -> api.post("/api/config/versions/" + id + "/stage", body.getBytes(StandardCharsets.UTF_8),
                    "application/json"), local -> packageJson(local.stage(id, from == null ? null : TimeArgument.parse(from, local.zone()), actor()), false), ConfigCommand::printPackage);
        }
    }

    /** {@code tanhe config activate ID}. */
    @Command(name = "activate", mixinStandardHelpOptions = true, description = "Activate a staged package (applied live; closed days from its time recomputed; self-test).")
    static final class Activate implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Target target = new Target();

        @Parameters(paramLabel = "ID", description = "the package")
        long id;

        @Override
        public Integer call() {
            return run(target, "activate", api -> api.post("/api/config/versions/" + id + "/activate", new byte[0], "application/json"),
                    local -> packageJson(local.activate(id, actor()), false), ConfigCommand::printPackage);
        }
    }

    /** {@code tanhe config rollback --to ID}. */
    @Command(name = "rollback", mixinStandardHelpOptions = true, description = "Roll back every package applied after --to (0: back to the site file's configuration).")
    static final class Rollback implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Target target = new Target();

        @Option(names = "--to", required = true, paramLabel = "ID", description = "the last package to keep; 0 for none")
        long to;

        @Override
        public Integer call() {
            String body = JSON.createObjectNode().put("to", to).toString();
            return run(target, "rollback", api -> api.post("/api/config/rollback", body.getBytes(StandardCharsets.UTF_8), "application/json"),
                    local -> {
                        var out = JSON.createObjectNode();
                        var list = out.putArray("rolledBack");
                        local.rollback(to, actor()).forEach(p -> list.add(packageJson(p, false)));
                        return out;
                    }, answer -> {
                        if (answer.path("rolledBack").isEmpty()) {
                            System.out.println("nothing to roll back: no package is applied after " + to);
                        }
                        answer.path("rolledBack").forEach(ConfigCommand::printPackage);
                    });
        }
    }

    private static AuditActor actor() {
        return AuditActor.local("sysadmin");
    }

    /** A step against the running terminal's API or, when none runs, against the stopped terminal's store. */
    private static int run(Target t, String name, ApiStep api, LocalStep local, java.util.function.Consumer<JsonNode> print) {
        System.setProperty("tanhe.log.level", "WARN");
        Optional<TerminalFile> running = TerminalFile.read(t.dataDir).filter(TerminalFile::processAlive);
        try {
            JsonNode answer;
            if (running.isPresent()) {
                String address = running.get().apiAddress().orElseThrow(() -> new IllegalStateException("the terminal (pid "
                        + running.get().pid() + ") runs without an API; stop it to change its configuration on the store, or"
                        + " start it with an API"));
                if (t.tokenFile == null) {
                    throw new IllegalArgumentException("a terminal runs on " + t.dataDir.toAbsolutePath() + ": give --token-file FILE"
                            + " with a system administrator's API token (the security operator issues one: tanhe users token)");
                }
                answer = api.call(new Api(address, Files.readString(t.tokenFile).strip()));
            } else {
                try (LocalSecurity s = LocalSecurity.open(t.dataDir); Site site = StoredSite.load(t.siteFile, s.store, t.dataDir)) {
                    ConfigLifecycle lifecycle = new ConfigLifecycle(site, s.store, s.audit, new Stopped(site, s.store), Clock.systemUTC(),
                            Duration.ofSeconds(1), new TrustPolicyVerifier(new io.tanhe.server.packages.TrustStore(t.dataDir, s.identity)));
                    try {
                        answer = local.call(new Local(lifecycle, site));
                    } finally {
                        lifecycle.close();
                    }
                }
            }
            print.accept(answer);
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("config " + name + ": " + e.getMessage());
            return 2;
        } catch (IllegalStateException | IOException e) {
            System.err.println("config " + name + ": " + e.getMessage());
            return 1;
        }
    }

    @FunctionalInterface
    private interface ApiStep {
        JsonNode call(Api api) throws IOException;
    }

    @FunctionalInterface
    private interface LocalStep {
        JsonNode call(Local local);
    }

    /** The stopped terminal's lifecycle and zone. */
    private record Local(ConfigLifecycle lifecycle, Site site) {
        java.time.ZoneId zone() {
            return site.zone();
        }

        void reviewDays(int days) {
            lifecycle.reviewDays(days);
        }

        ConfigPackage upload(Candidate c, AuditActor who) {
            return lifecycle.upload(c, who);
        }

        ConfigPackage stage(long id, Instant from, AuditActor who) {
            return lifecycle.stage(id, from, who);
        }

        ConfigPackage activate(long id, AuditActor who) {
            return lifecycle.activate(id, who);
        }

        List<ConfigPackage> rollback(long to, AuditActor who) {
            return lifecycle.rollback(to, who);
        }

        ConfigLifecycle.Versions versions() {
            return lifecycle.versions();
        }
    }

    /**
     * A stopped terminal as the lifecycle sees it: nothing to apply live (the next start builds the configuration from
     * the store), the open window where the stored readings put it, no counters.
     */
    private record Stopped(Site site, io.tanhe.server.store.Store store) implements LiveTerminal {
        @Override
        public void apply(Site updated, String reason) {
            // the terminal builds its configuration from the store when it starts
        }

        @Override
        public Optional<Instant> openWindowFrom() {
            return store.readings().latestMeasuredAt().map(t -> new OpenWindow(site.zone(), site.lateWindow()).startFor(t));
        }

        @Override
        public Optional<Instant> watermark() {
            return store.readings().latestMeasuredAt();
        }

        @Override
        public long acknowledged() {
            return 0;
        }

        @Override
        public long evaluated() {
            return 0;
        }

        @Override
        public long validationFailures() {
            return 0;
        }

        @Override
        public Map<String, String> deadWorkers() {
            return Map.of();
        }
    }

    /** The running terminal's API with a bearer token. */
    private record Api(String address, String token) {
        JsonNode get(String path) throws IOException {
            return send(HttpRequest.newBuilder(URI.create(address + path)).GET());
        }

        JsonNode post(String path, byte[] body, String type) throws IOException {
            return send(HttpRequest.newBuilder(URI.create(address + path)).header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        }

        private JsonNode send(HttpRequest.Builder b) throws IOException {
            if (!address.startsWith("http://")) {
                throw new IOException("the terminal's API is " + address + "; this command speaks plain HTTP on the machine itself only");
            }
            HttpRequest request = b.header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(10)).build();
            try {
                HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
                JsonNode body = JSON.readTree(r.body());
                if (r.statusCode() != 200) {
                    String error = body.path("error").asText(r.body());
                    if (r.statusCode() == 400) {
                        throw new IllegalArgumentException(error);
                    }
                    throw new IllegalStateException(r.statusCode() + ": " + error);
                }
                return body;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + address, e);
            }
        }
    }

    static JsonNode versionsJson(ConfigLifecycle.Versions v) {
        var out = JSON.createObjectNode();
        var packages = out.putArray("packages");
        v.packages().forEach(p -> packages.add(packageJson(p, false)));
        var log = out.putArray("log");
        for (ActivationStep s : v.log()) {
            log.addObject().put("id", s.id()).put("package", s.packageId()).put("at", s.at().toString()).put("actor", s.actor())
                    .put("from", s.from()).put("to", s.to()).put("detail", s.detail());
        }
        return out;
    }

    static JsonNode packageJson(ConfigPackage p, boolean withReview) {
        var o = JSON.createObjectNode().put("id", p.id()).put("kind", p.kind()).put("name", p.name()).put("version", p.version())
                .put("state", p.state()).put("sha256", p.sha256()).put("signatures", p.signatures()).put("uploadedBy", p.uploadedBy())
                .put("uploadedAt", p.uploadedAt().toString()).put("effectiveFrom", p.effectiveFrom() == null ? null : p.effectiveFrom().toString())
                .put("reviewSummary", p.reviewSummary());
        if (withReview && p.review() != null) {
            try {
                o.set("review", JSON.readTree(p.review()));
            } catch (IOException e) {
                throw new IllegalStateException("a stored review is not JSON: " + e.getMessage(), e);
            }
        }
        return o;
    }

    private static void printPackage(JsonNode p) {
        System.out.println("package #" + p.path("id").asText() + " " + p.path("name").asText() + " " + p.path("version").asText()
                + " (" + p.path("kind").asText() + "): " + p.path("state").asText());
        System.out.println("  signed by   " + p.path("signatures").asText());
        System.out.println("  sha256      " + p.path("sha256").asText());
        if (!p.path("effectiveFrom").isNull() && !p.path("effectiveFrom").isMissingNode()) {
            System.out.println("  applies from " + p.path("effectiveFrom").asText());
        }
        if (!p.path("reviewSummary").asText().isEmpty()) {
            System.out.println("  review      " + p.path("reviewSummary").asText());
        }
        JsonNode figures = p.path("review").path("figures");
        if (figures.size() > 0) {
            System.out.printf("  %-26s %-22s %-12s %14s %14s %14s%n", "bucket", "node", "key", "stored", "replayed", "difference");
            int shown = 0;
            for (JsonNode f : figures) {
                if (shown++ == 40) {
                    System.out.println("  … " + (figures.size() - 40) + " more (tanhe config log --format json shows all)");
                    break;
                }
                System.out.printf("  %-26s %-22s %-12s %14s %14s %14.4f%n", f.path("bucket").asText(), f.path("node").asText(),
                        f.path("key").asText(), num(f.path("stored")), num(f.path("replayed")), f.path("difference").asDouble());
            }
        }
        if (p.path("state").asText().equals("refused")) {
            System.out.println("  (refused: the terminal is unchanged; `tanhe config log` shows the reason)");
        }
    }

    private static String num(JsonNode n) {
        return n.isNull() || n.isMissingNode() ? "-" : String.format(java.util.Locale.ROOT, "%.4f", n.asDouble());
    }

    private static void printLog(JsonNode v) {
        System.out.println("packages:");
        for (JsonNode p : v.path("packages")) {
            System.out.printf("  #%-4s %-13s %-22s %-10s %-12s from %-20s sha256 %s…%n", p.path("id").asText(), p.path("kind").asText(),
                    p.path("name").asText(), p.path("version").asText(), p.path("state").asText(),
                    p.path("effectiveFrom").isNull() ? "-" : p.path("effectiveFrom").asText(), p.path("sha256").asText().substring(0, 12));
            if (!p.path("signatures").asText().isEmpty()) {
                System.out.println("         signed by " + p.path("signatures").asText());
            }
            if (!p.path("reviewSummary").asText().isEmpty()) {
                System.out.println("         review: " + p.path("reviewSummary").asText());
            }
        }
        System.out.println("activation log:");
        for (JsonNode s : v.path("log")) {
            System.out.printf("  %s  #%-4s %-12s → %-12s by %-12s %s%n", s.path("at").asText(), s.path("package").asText(),
                    s.path("from").asText().isEmpty() ? "(new)" : s.path("from").asText(), s.path("to").asText(), s.path("actor").asText(),
                    s.path("detail").asText());
        }
    }
}
