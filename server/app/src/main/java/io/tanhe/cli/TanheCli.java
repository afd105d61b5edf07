package io.tanhe.cli;

import io.tanhe.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tanhe} command line: one subcommand per job, each with {@code --help}. */
@Command(name = "tanhe", mixinStandardHelpOptions = true, version = "tanhe 0.1.0",
        description = "Tanhe (碳核) carbon-emission monitoring terminal.",
        subcommands = {CommandLine.HelpCommand.class, CheckCommand.class, TestCommand.class, GraphCommand.class,
                FmtCommand.class, io.tanhe.drivers.cli.ReadCommand.class, BenchCommand.class, Hj212Command.class,
                EvalCommand.class, ExplainCommand.class, RulesCommand.class, ListCommand.class,
                DemoCommand.class, RunCommand.class, ReportCommand.class, UplinkCommand.class, RecomputeCommand.class,
                LspCommand.class, UsersCommand.class, AuditCommand.class, KeysCommand.class, IdentityCommand.class,
                CompareCommand.class, StoreCommand.class, DoctorCommand.class, CutoffCommand.class, AlertsCommand.class,
                ManualCommand.class, QaCommand.class, DevicesCommand.class, PollCommand.class, BackfillCommand.class, JobsCommand.class,
                PackageCommand.class, TrustCommand.class, DiffCommand.class, ConfigCommand.class, ReplayCommand.class,
                RemoteCommand.class})
public final class TanheCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and tests. */
    public static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new TanheCli());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
