package io.tanhe.cli;

import io.tanhe.server.uplink.UplinkEnvironment;
import io.tanhe.server.uplink.status.CentreStatus;
import io.tanhe.server.uplink.status.StatusFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tanhe uplink …}: the data-centre uplink. */
@Command(name = "uplink", mixinStandardHelpOptions = true,
        description = "The uplink to the data centres (HJ 212 over TCP, HTTPS JSON).",
        subcommands = {UplinkCommand.Status.class})
public final class UplinkCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code tanhe uplink status [--data-dir DIR]}. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Per centre: connected, last acknowledgement, backlog size, oldest pending period.",
                    "Reads the status files the running terminal writes in DIR/uplink/ (the store itself is",
                    "held by the terminal). Exit code 1 when no uplink has written a status there."})
    static final class Status implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--data-dir", defaultValue = "data", description = "the terminal's data directory (default ${DEFAULT-VALUE})")
        Path dataDir;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            Path dir = dataDir.resolve(UplinkEnvironment.DIR);
            List<CentreStatus> centres = StatusFiles.read(dir);
            if (centres.isEmpty()) {
                spec.commandLine().getErr().println("no uplink status in " + dir + ": the terminal has not run with centres"
                        + " configured in this data directory (see docs/uplink.md)");
                spec.commandLine().getErr().flush();
                return 1;
            }
            out.printf("%-16s %-9s %-26s %-9s %-22s %8s  %-22s %s%n", "centre", "protocol", "address", "connected",
                    "last ack", "backlog", "oldest pending", "as of");
            for (CentreStatus c : centres) {
                out.printf("%-16s %-9s %-26s %-9s %-22s %8d  %-22s %s%n", c.centreId(), c.protocol(), c.address(),
                        c.connected() ? "yes" : "no", c.lastAck().map(Instant::toString).orElse("never"), c.backlog(),
                        c.oldestPending().map(Instant::toString).orElse("-"), age(c.updatedAt()));
                c.lastError().ifPresent(e -> out.println("    failing (" + c.failures() + " attempts): " + e));
            }
            out.flush();
            return 0;
        }

        private static String age(Instant t) {
            Duration d = Duration.between(t, Instant.now());
            return t + (d.toSeconds() > 60 ? " (" + d.toMinutes() + " min ago: is the terminal running?)" : "");
        }
    }
}
