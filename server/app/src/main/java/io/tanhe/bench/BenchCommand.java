package io.tanhe.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tanhe bench …}: the performance benchmarks, one subcommand per area. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark; the last line of each is a machine-readable summary.",
        subcommands = {io.tanhe.bench.DriversBench.class, EngineBench.class, RulesBench.class,
                IngestBench.class, UplinkBench.class, LspBench.class, CatchupBench.class, EvidenceBench.class})
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
