package io.tanhe.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The help of every command, as {@code tanhe … --help} prints it. */
class HelpLayoutTest {
    @Test
    void theCommandListGivesEachCommandAWholeSentence() {
        List<String> cut = new ArrayList<>();
        every(TanheCli.newCommandLine(), cl -> {
            for (String row : commandRows(cl.getUsageMessage(CommandLine.Help.Ansi.OFF))) {
                if (!row.endsWith(".") && !row.endsWith("。")) {
                    cut.add(cl.getCommandName() + ": " + row);
                }
            }
        });
        assertEquals(List.of(), cut, "command list rows that stop mid-sentence");
    }

    @Test
    void noDescriptionLeavesAFewWordsAloneOnALine() {
        List<String> ragged = new ArrayList<>();
        every(TanheCli.newCommandLine(), cl -> {
            String[] lines = description(cl.getUsageMessage(CommandLine.Help.Ansi.OFF));
            for (int i = 0; i + 1 < lines.length; i++) {
                String next = lines[i + 1];
                if (lines[i].length() < 40 && !next.isEmpty() && Character.isLowerCase(next.charAt(0))) {
                    ragged.add(cl.getCommandSpec().qualifiedName() + ": `" + lines[i] + "` / `" + next + "`");
                }
            }
        });
        assertEquals(List.of(), ragged, "a short line whose sentence goes on below");
    }

    @Test
    void everyOptionAndParameterSaysWhatItIsAndNoneDefaultsToNull() {
        List<String> bad = new ArrayList<>();
        every(TanheCli.newCommandLine(), cl -> {
            for (ArgSpec arg : cl.getCommandSpec().args()) {
                String text = String.join(" ", arg.description());
                String name = cl.getCommandSpec().qualifiedName() + " " + arg.paramLabel();
                if (text.isBlank()) {
                    bad.add(name + ": no description");
                }
                if (arg.renderedDescription().length > 0 && String.join(" ", arg.renderedDescription()).contains("default: null")) {
                    bad.add(name + ": (default: null)");
                }
            }
        });
        assertEquals(List.of(), bad);
    }

    @Test
    void everyHelpFitsAnEightyColumnTerminalWithItsTablesWhole() {
        List<String> wide = new ArrayList<>();
        every(TanheCli.newCommandLine(), cl -> {
            String name = cl.getCommandSpec().qualifiedName();
            for (String line : cl.getUsageMessage(CommandLine.Help.Ansi.OFF).split("\n")) {
                if (line.length() > 80) {
                    wide.add(name + " (" + line.length() + "): " + line);
                }
            }
            // picocli wraps a longer table row at 80 columns and starts its rest at the left margin, out of the table
            for (String row : cl.getCommandSpec().usageMessage().description()) {
                if (row.startsWith(" ") && row.length() > 80) {
                    wide.add(name + " (" + row.length() + "): " + row);
                }
            }
        });
        assertEquals(List.of(), wide, "help lines and description table rows wider than 80 columns");
    }

    @Test
    void noOptionValueIsShownAsADescriptionPlaceholder() {
        List<String> placeholders = new ArrayList<>();
        every(TanheCli.newCommandLine(), cl -> {
            String usage = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
            if (usage.contains("<description>")) {
                placeholders.add(cl.getCommandSpec().qualifiedName());
            }
        });
        assertEquals(List.of(), placeholders, "help that shows an option's value as <description> (a paramLabel such as TEXT is missing)");
    }

    @Test
    void linesJoinIntoParagraphsThatEndWhereASentenceOrAListDoes() {
        assertEquals(List.of("a b, c d.", "E f", "- item", "  indented", "Then:", "  0 ok", "Each file:", "- one goes on: here"),
                HelpLayout.paragraphs(new String[] {"a b,", "c d.", "E f", "- item", "  indented", "Then:", "  0 ok",
                        "Each file:", "- one", "goes on:", "here"}));
        assertEquals("Start a job.", HelpLayout.firstSentence("Start a job:"), "a list's introduction ends as a sentence");
        assertEquals("Compare two versions.", HelpLayout.firstSentence("Compare two versions. Prints every change, e.g. a factor."));
        assertEquals("Poll now (§9.1): one device, e.g. boiler-1", HelpLayout.firstSentence("Poll now (§9.1): one device, e.g. boiler-1"),
                "no sentence end: the whole paragraph");
    }

    /** The rows of the {@code Commands:} section, each with its wrapped lines joined. */
    private static List<String> commandRows(String usage) {
        List<String> rows = new ArrayList<>();
        boolean in = false;
        for (String line : usage.split("\n")) {
            if (line.startsWith("Commands:")) {
                in = true;
            } else if (in && line.matches("  \\S.*")) {
                rows.add(line.strip().replaceFirst("^\\S+\\s+", ""));
            } else if (in && line.startsWith("   ") && !rows.isEmpty()) {
                rows.set(rows.size() - 1, rows.getLast() + " " + line.strip());
            } else if (in) {
                in = false;
            }
        }
        return rows;
    }

    /** The description: the lines after the usage synopsis and before the first option, parameter or section. */
    private static String[] description(String usage) {
        List<String> out = new ArrayList<>();
        boolean synopsis = true;
        for (String line : usage.split("\n")) {
            if (synopsis) {
                synopsis = line.startsWith("Usage:") || line.startsWith(" ");
                if (synopsis) {
                    continue;
                }
            }
            if (line.startsWith(" ") || line.endsWith(":") && !line.contains(" ")) {
                break;
            }
            out.add(line);
        }
        return out.toArray(String[]::new);
    }

    private static void every(CommandLine cl, java.util.function.Consumer<CommandLine> check) {
        check.accept(cl);
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getParent() == cl) {
                every(sub, check);
            }
        }
    }
}
