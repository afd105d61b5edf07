package io.tanhe.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tanhe rules …}: work with alert and validation rules and thresholds. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "Rules (DRL) and thresholds: static checks.",
        subcommands = {RulesCheckCommand.class})
public final class RulesCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
