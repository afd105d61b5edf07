package io.tanhe.cli;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The data directory of a stopped terminal that a command acts on from the machine itself (its identity, keys, trust
 * policy), and the frame such a command runs in: logs quiet, the terminal's security opened and closed, and a failure
 * to open it (or to read what the command needs) printed as {@code COMMAND: why}, exit 2.
 */
final class StoppedTerminal {
    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data", description = "the terminal's data directory (default: ${DEFAULT-VALUE})")
    Path dataDir;

    /** What a command does with the opened security; its exit code. */
    @FunctionalInterface
    interface Work {
        int run(LocalSecurity local) throws IOException;
    }

    /** Runs {@code work} on the terminal's security; {@code command} names it in a failure. */
    int run(String command, Work work) {
        System.setProperty("tanhe.log.level", "WARN");
        try (LocalSecurity local = LocalSecurity.open(dataDir)) {
            return work.run(local);
        } catch (IllegalStateException | IOException e) {
            System.err.println(command + ": " + e.getMessage());
            return 2;
        }
    }
}
