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
}
