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
        private static final java.time.format.DateTimeFormatter LOCAL = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
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
            out.printf("%-16s %-9s %-26s %-9s %-19s %8s  %-19s %s%n", "centre", "protocol", "address", "connected",
                    "last ack", "backlog", "oldest pending", "as of (terminal time)");
            for (CentreStatus c : centres) {
                out.printf("%-16s %-9s %-26s %-9s %-19s %8d  %-19s %s%n", c.centreId(), c.protocol(), c.address(),
                        c.connected() ? "yes" : "no", c.lastAck().map(t -> local(t, c)).orElse("never"), c.backlog(),
                        c.oldestPending().map(t -> local(t, c)).orElse("-"), asOf(c, Instant.now()));
                c.lastError().ifPresent(e -> out.println("    failing (" + c.failures() + " attempts): " + e));
            }
            out.flush();
            return 0;
        }

        /** {@code t} in the terminal's zone, to the second. */
        static String local(Instant t, CentreStatus c) {
            return LOCAL.format(t.atZone(c.zone()));
        }

        /**
         * The terminal's time of the status, with its zone, and a warning when the status file is old by
         * the machine's wall clock (the terminal rewrites it every 5 s). The terminal's own clock is not
         * compared with the wall clock: under a demo it is simulated time, months away from now.
         */
        static String asOf(CentreStatus c, Instant wallNow) {
            Duration d = Duration.between(c.writtenAt(), wallNow);
            String zone = c.zone().getId() + " " + c.updatedAt().atZone(c.zone()).getOffset();
            return local(c.updatedAt(), c) + " " + zone + (d.toSeconds() > 60 ? " (written " + d.toMinutes()
                    + " min ago: is the terminal running?)" : "");
        }
    }
}
