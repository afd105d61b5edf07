package io.tanhe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tanhe.server.store.ConfigVersion;
import io.tanhe.server.store.Store;
import io.tanhe.server.terminal.TerminalFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code tanhe site push|log|rollback}: site file changes on a running terminal (docs/lifecycle.md "Site file changes").
 * A pushed site file is checked as at start, stored as a new signed version and applied by restarting only the devices
 * and data centres it changes; a change of anything else is refused naming the field. Push and rollback talk to the
 * running terminal's API with a system administrator's token; {@code log} also reads a stopped terminal's store.
 */
@Command(name = "site", mixinStandardHelpOptions = true,
        description = {"Change the running terminal's site file: devices (drivers:, drivers_file:) and data centres (uplink:)",
                "restart alone, the rest keeps running. push FILE [--dry-run], log, rollback --to N."},
        subcommands = {SiteCommand.Push.class, SiteCommand.Log.class, SiteCommand.Rollback.class})
public final class SiteCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("site: give a subcommand: push, log or rollback (tanhe site --help)");
        return 2;
    }

    /** Where the terminal is and who acts. */
    static final class Target {
        @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data", description = "the terminal's data directory (default: ${DEFAULT-VALUE})")
        Path dataDir;

        @Option(names = "--token-file", paramLabel = "FILE", description = "a system administrator's API token")
        Path tokenFile;

        ApiClient client() throws IOException {
            TerminalFile running = TerminalFile.read(dataDir).filter(TerminalFile::processAlive).orElseThrow(() -> new IllegalStateException(
                    "no terminal runs on " + dataDir.toAbsolutePath() + ": edit its site file instead; the next start stores and runs it"));
            String address = running.apiAddress().orElseThrow(() -> new IllegalStateException("the terminal (pid " + running.pid()
                    + ") runs without an API"));
            if (tokenFile == null) {
                throw new IllegalArgumentException("give --token-file FILE with a system administrator's API token (tanhe users token)");
            }
            return ApiClient.of(URI.create(address), Files.readString(tokenFile).strip(), Optional.empty(), Duration.ofMinutes(2));
        }
    }

    /** {@code tanhe site push FILE [--dry-run]}. */
    @Command(name = "push", mixinStandardHelpOptions = true, description = {"Push a site file to the running terminal: checked as",
            "at start, stored as a new version, applied by restarting only the devices and centres it changes."})
    static final class Push implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Target target = new Target();

        @Parameters(paramLabel = "FILE", description = "the candidate site file (whole)")
        Path file;

        @Option(names = "--dry-run", description = "only show which devices and centres would restart")
        boolean dryRun;

        @Override
        public Integer call() {
            return run("push", () -> {
                byte[] text = Files.readAllBytes(file);
                return target.client().postBytes("/api/site" + (dryRun ? "?dry_run=true" : ""), text);
            }, SiteCommand::printPushed);
        }
    }

    /** {@code tanhe site rollback --to N}. */
    @Command(name = "rollback", mixinStandardHelpOptions = true, description = "Push stored site file version N again (tanhe site log lists them).")
    static final class Rollback implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Target target = new Target();

        @Option(names = "--to", required = true, paramLabel = "N", description = "the version")
        int to;

        @Override
        public Integer call() {
            return run("rollback", () -> target.client().post("/api/site/rollback", Map.of("to", to)), SiteCommand::printPushed);
        }
    }

    /** {@code tanhe site log}. */
    @Command(name = "log", mixinStandardHelpOptions = true, description = "The stored site file versions: who, when, why; the one running marked.")
    static final class Log implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Target target = new Target();

        @Override
        public Integer call() {
            System.setProperty("tanhe.log.level", "WARN");
            if (TerminalFile.read(target.dataDir).filter(TerminalFile::processAlive).isPresent()) {
                return run("log", () -> target.client().get("/api/site/versions"), SiteCommand::printLog);
            }
            try (LocalSecurity s = LocalSecurity.open(target.dataDir)) {
                Store store = s.store;
                System.out.println("(no terminal runs on " + target.dataDir + ": the versions stored)");
                for (ConfigVersion v : store.configs().history()) {
                    System.out.printf("  %4d  %s  %-12s %s%n", v.version(), v.savedAt(), v.author(), v.note());
                }
                return 0;
            }
        }
    }

    @FunctionalInterface
    private interface Call {
        ApiClient.Answer send() throws IOException, InterruptedException;
    }

    private static int run(String name, Call call, java.util.function.Consumer<JsonNode> print) {
        try {
            ApiClient.Answer a = call.send();
            if (!a.ok()) {
                System.err.println("site " + name + ": " + a.problem());
                return a.status() == 400 ? 2 : 1;
            }
            print.accept(a.json());
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("site " + name + ": " + e.getMessage());
            return 2;
        } catch (IllegalStateException | IOException e) {
            System.err.println("site " + name + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    static void printPushed(JsonNode r) {
        if (r.path("dryRun").asBoolean()) {
            System.out.println("dry run, nothing changed: " + r.path("summary").asText());
        } else if (r.path("version").isNull()) {
            System.out.println("no differences: version " + r.path("from").asText() + " stays");
        } else if (!r.path("failure").isNull()) {
            System.out.println("ROLLED BACK: " + r.path("failure").asText());
        } else {
            System.out.println("version " + r.path("from").asText() + " -> " + r.path("version").asText() + ": " + r.path("summary").asText());
            System.out.println("restarted: " + (r.path("restarted").isEmpty() ? "nothing" : join(r.path("restarted")))
                    + "; every other device and centre kept running");
        }
    }

    private static String join(JsonNode list) {
        StringBuilder b = new StringBuilder();
        list.forEach(x -> b.append(b.isEmpty() ? "" : ", ").append(x.asText()));
        return b.toString();
    }

    private static void printLog(JsonNode r) {
        int running = r.path("running").asInt();
        for (JsonNode v : r.path("versions")) {
            System.out.printf("%s %4d  %s  %-12s %s%n", v.path("version").asInt() == running ? "*" : " ", v.path("version").asInt(),
                    v.path("savedAt").asText(), v.path("author").asText(), v.path("note").asText());
        }
        System.out.println("(* runs now)");
    }
}
