package io.tanhe.cli;

import io.tanhe.server.terminal.TerminalFile;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The options of a command that acts on the terminal running on this machine, through its API: the data
 * directory it left its address in, and the token to act with (the viewer token the terminal keeps in
 * {@code DATA/cli.token} reads; actions need an administrator's token: {@code --token-file} or
 * {@value #TOKEN_VARIABLE}).
 */
final class LocalTerminal {
    /** The environment variable that may hold the token. */
    static final String TOKEN_VARIABLE = "TANHE_TOKEN";

    @Option(names = "--data-dir", defaultValue = "data", paramLabel = "DIR",
            description = "the running terminal's data directory (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--token-file", paramLabel = "FILE", description = "a file holding the API token to act with (default: $"
            + TOKEN_VARIABLE + ", else DIR/cli.token, a viewer token: reads only; the demo keeps an administrator's in DIR/operator.token)")
    Path tokenFile;

    /** A refusal to connect, with what to do; the command prints it and exits 1. */
    static final class Unreachable extends Exception {
        Unreachable(String message) {
            super(message);
        }
    }

    /** The client of the terminal running on {@link #dataDir}. */
    ApiClient client(Duration timeout) throws Unreachable {
        Optional<TerminalFile> note = TerminalFile.read(dataDir).filter(TerminalFile::processAlive);
        if (note.isEmpty()) {
            throw new Unreachable("no terminal runs on " + dataDir.toAbsolutePath() + " (it leaves " + TerminalFile.NAME
                    + " there while it runs): start it with `tanhe run` or `tanhe demo`, or give --data-dir");
        }
        String api = note.get().apiAddress().orElseThrow(() -> new Unreachable("the terminal (pid " + note.get().pid()
                + ") runs without its API; restart it with the API on (--port 8017)"));
        String token;
        try {
            token = token();
        } catch (IOException e) {
            throw new Unreachable("cannot read the token: " + e.getMessage());
        }
        try {
            Optional<javax.net.ssl.SSLContext> ssl = api.startsWith("https://")
                    ? Optional.of(PinnedCertificate.context(dataDir)) : Optional.empty();
            // bound to every address: reach it on this machine's loopback
            String target = api.replace("://0.0.0.0:", "://127.0.0.1:").replace("://[::]:", "://[::1]:");
            return ApiClient.of(URI.create(target), token, ssl, timeout);
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new Unreachable("cannot trust the terminal's certificate " + dataDir.resolve(PinnedCertificate.FILE) + ": " + e.getMessage());
        }
    }

    private String token() throws IOException {
        if (tokenFile != null) {
            return Files.readString(tokenFile).strip();
        }
        String env = System.getenv(TOKEN_VARIABLE);
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        return Files.readString(dataDir.resolve(TerminalSecurity.CLI_TOKEN)).strip();
    }
}
