package io.tanhe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tanhe.server.security.audit.AuditOutcome;
import io.tanhe.server.terminal.CutOff;
import io.tanhe.server.terminal.TerminalFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code tanhe cutoff status|lift}: the remote cut-off (§8.4) seen and lifted on the machine itself. A remote
 * administrator orders it ({@code POST /api/cutoff}); only someone at the machine lifts it: through the running
 * terminal's API on loopback with an administrator's token, or, with the terminal stopped, in its data directory.
 */
@Command(name = "cutoff", mixinStandardHelpOptions = true,
        description = {"The remote cut-off (§8.4): while it stands nothing is uploaded and the API answers this machine only.",
                "A system administrator orders it remotely (POST /api/cutoff); it is lifted here. See docs/operations.md."},
        subcommands = {CutoffCommand.Status.class, CutoffCommand.Lift.class})
public final class CutoffCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code tanhe cutoff status}. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Say whether a cut-off stands (exit 0: none, 1: it stands).")
    static final class Status implements Callable<Integer> {
        @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data", description = "the terminal's data directory (default: ${DEFAULT-VALUE})")
        Path dataDir;

        @Override
        public Integer call() {
            Optional<CutOff> cut = CutOff.read(dataDir);
            if (cut.isEmpty()) {
                System.out.println("no cut-off: uploads and remote access as configured");
                return 0;
            }
            CutOff c = cut.get();
            System.out.println("cut off since " + c.at() + " by " + c.by() + " from " + c.from() + ": " + c.reason());
            System.out.println("nothing is uploaded and the API answers this machine only; lift it with `tanhe cutoff lift`");
            return 1;
        }
    }

    /** {@code tanhe cutoff lift}. */
    @Command(name = "lift", mixinStandardHelpOptions = true,
            description = {"Lift the cut-off: uploads resume where they stopped and remote access is back. Audited (remote.restore).",
                    "With the terminal running this goes through its API on loopback and needs a system administrator's token",
                    "(--token-file); with it stopped, the data directory is changed directly and the OS user is recorded."})
    static final class Lift implements Callable<Integer> {
        @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data", description = "the terminal's data directory (default: ${DEFAULT-VALUE})")
        Path dataDir;

        @Option(names = "--token-file", paramLabel = "FILE", description = "a system administrator's API token (when the terminal runs)")
        Path tokenFile;

        @Override
        public Integer call() {
            Optional<TerminalFile> running = TerminalFile.read(dataDir).filter(TerminalFile::processAlive);
            if (running.isPresent()) {
                return throughApi(running.get());
            }
            if (CutOff.read(dataDir).isEmpty()) {
                System.out.println("no cut-off stands in " + dataDir);
                return 0;
            }
            try (LocalSecurity local = LocalSecurity.open(dataDir)) {
                CutOff.lift(dataDir);
                local.record("sysadmin", "remote.restore", "cut-off", AuditOutcome.SUCCESS,
                        "cut-off lifted on the machine with the terminal stopped; uploads and remote access resume at its next start");
            } catch (IllegalStateException e) {
                System.err.println("cutoff lift: " + e.getMessage());
                return 2;
            }
            System.out.println("cut-off lifted: uploads and remote access resume when the terminal starts");
            return 0;
        }

        private int throughApi(TerminalFile terminal) {
            if (tokenFile == null) {
                System.err.println("cutoff lift: a terminal (pid " + terminal.pid() + ") runs on " + dataDir + "; give a system"
                        + " administrator's token with --token-file FILE (tanhe users token add … --role sysadmin), or stop it first");
                return 2;
            }
            String api = terminal.apiAddress().orElse(null);
            if (api == null) {
                System.err.println("cutoff lift: the running terminal serves no API; stop it and run this again");
                return 2;
            }
            try {
                String token = Files.readString(tokenFile).strip();
                HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
                if (api.startsWith("https://")) {
                    client.sslContext(PinnedCertificate.context(dataDir));
                }
                String target = api.replace("://0.0.0.0:", "://127.0.0.1:").replace("://[::]:", "://[::1]:");
                HttpRequest request = HttpRequest.newBuilder(URI.create(target + "/api/cutoff/lift")).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
                HttpResponse<String> r = client.build().send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    System.err.println("cutoff lift: the terminal answered " + r.statusCode() + ": "
                            + new ObjectMapper().readTree(r.body()).path("error").asText(r.body()));
                    return 1;
                }
                boolean lifted = new ObjectMapper().readTree(r.body()).path("lifted").asBoolean();
                System.out.println(lifted ? "cut-off lifted: uploads and remote access resume now" : "no cut-off stood");
                return 0;
            } catch (IOException | java.security.GeneralSecurityException e) {
                System.err.println("cutoff lift: cannot reach the terminal at " + api + ": " + e.getMessage());
                return 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
    }
}
