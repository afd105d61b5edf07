package io.tanhe.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TanheCliTest {

    @Test
    void aNamedSubcommandIsBuiltAlone() {
        CommandLine cli = TanheCli.commandLineFor(new String[] {"check", "x.tanhe"});
        assertEquals(List.of("check"), List.copyOf(cli.getSubcommands().keySet()));
    }

    @Test
    void withoutASubcommandNameEverySubcommandIsBuilt() {
        int all = TanheCli.newCommandLine().getSubcommands().size();
        assertTrue(all > 30, "every subcommand: " + all);
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"help", "check"},
                new String[] {"no-such-command"})) {
            assertEquals(all, TanheCli.commandLineFor(args).getSubcommands().size(), String.join(" ", args));
        }
    }

    @Test
    void aSubcommandBuiltAloneBehavesAsInTheFullCommandLine() {
        StringWriter alone = new StringWriter();
        StringWriter full = new StringWriter();
        CommandLine one = TanheCli.commandLineFor(new String[] {"bench"});
        one.setOut(new PrintWriter(alone));
        one.execute("bench", "--help");
        CommandLine every = TanheCli.newCommandLine();
        every.setOut(new PrintWriter(full));
        every.execute("bench", "--help");
        assertEquals(full.toString(), alone.toString());
        assertTrue(alone.toString().contains("catchup"), alone.toString());
    }

    @Test
    void everyCommandAtEveryDepthPrintsItsHelpWithHelp() {
        List<String> refused = new java.util.ArrayList<>();
        helpOfEvery(TanheCli.newCommandLine(), List.of(), refused);
        assertEquals(List.of(), refused, "commands whose --help is not their help");
    }

    private static void helpOfEvery(CommandLine cl, List<String> path, List<String> refused) {
        List<String> args = new java.util.ArrayList<>(path);
        args.add("--help");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine root = TanheCli.commandLineFor(args.toArray(String[]::new));
        root.setOut(new PrintWriter(out));
        root.setErr(new PrintWriter(err));
        int code = root.execute(args.toArray(String[]::new));
        if (code != 0 || !out.toString().startsWith("Usage: tanhe")) {
            refused.add(String.join(" ", args) + " -> exit " + code + ": " + err.toString().lines().findFirst().orElse(""));
        }
        for (java.util.Map.Entry<String, CommandLine> sub : cl.getSubcommands().entrySet()) {
            if (sub.getValue().getParent() == cl && !sub.getKey().equals("help")) {
                List<String> next = new java.util.ArrayList<>(path);
                next.add(sub.getKey());
                helpOfEvery(sub.getValue(), next, refused);
            }
        }
    }
}
