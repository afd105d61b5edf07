package io.tanhe.cli;

import io.tanhe.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;

/** The {@code tanhe} command line: one subcommand per job, each with {@code --help}. */
@Command(name = "tanhe", mixinStandardHelpOptions = true, version = "tanhe 0.1.0",
        description = "Tanhe (碳核) carbon-emission monitoring terminal.")
public final class TanheCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The subcommands, in the order the help lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(CommandLine.HelpCommand.class, CheckCommand.class,
            TestCommand.class, GraphCommand.class, FmtCommand.class, io.tanhe.drivers.cli.ReadCommand.class,
            BenchCommand.class, Hj212Command.class, EvalCommand.class, ExplainCommand.class, RulesCommand.class,
            ListCommand.class, DemoCommand.class, RunCommand.class, ReportCommand.class, UplinkCommand.class,
            RecomputeCommand.class, LspCommand.class, UsersCommand.class, AuditCommand.class, KeysCommand.class,
            IdentityCommand.class, CompareCommand.class, StoreCommand.class, DoctorCommand.class, CutoffCommand.class,
            AlertsCommand.class, FindingsCommand.class, ManualCommand.class, QaCommand.class, DevicesCommand.class, PollCommand.class, BackfillCommand.class,
            JobsCommand.class, PackageCommand.class, TrustCommand.class, DiffCommand.class, ConfigCommand.class, SiteCommand.class,
            ReplayCommand.class, RemoteCommand.class, UpgradeCommand.class, EvidenceCommand.class);

    public static void main(String[] args) {
        System.exit(commandLineFor(args).execute(args));
    }

    /** The configured command line with every subcommand, shared by {@link #main} and tests. */
    public static CommandLine newCommandLine() {
        return withSubcommands(SUBCOMMANDS);
    }

    /**
     * The command line for {@code args}: when the first argument names a subcommand, only that one is
     * built. Picocli builds the model of every subcommand it is given (reflection over each class, its
     * options and its own subcommands): a sixth of the CPU time of {@code tanhe check} went there; the root's
     * help and {@code tanhe help X} still get them all.
     */
    static CommandLine commandLineFor(String[] args) {
        if (args.length > 0) {
            for (Class<?> c : SUBCOMMANDS) {
                Command command = c.getAnnotation(Command.class);
                if (c != CommandLine.HelpCommand.class && command != null && command.name().equals(args[0])) {
                    return withSubcommands(List.of(c));
                }
            }
        }
        return newCommandLine();
    }

    private static CommandLine withSubcommands(List<Class<?>> subcommands) {
        CommandLine cli = new CommandLine(new TanheCli());
        for (Class<?> c : subcommands) {
            cli.addSubcommand(c);
        }
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        HelpLayout.apply(cli);
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
