package io.tanhe.cli;

import picocli.CommandLine;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.UsageMessageSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How {@code tanhe}'s help is laid out. The commands write their descriptions as source lines of about
 * 100 characters; picocli prints each as a line of its own, wrapped at 80 columns, which left a word or
 * two alone on every other line, and listed each subcommand with its first source line, often cut
 * mid-sentence ({@code graph … (nodes}). Here a description's lines are joined into paragraphs (a line
 * that ends a sentence, or a list item, still starts a new one) and a command list shows each
 * subcommand's first sentence, whole.
 */
final class HelpLayout {
    /** The end of a sentence: a full stop, then a space and a capital, an opening bracket or a backquote. */
    private static final Pattern SENTENCE_END = Pattern.compile("[.。](?=\\s+[A-Z(`\"]|$)");

    private HelpLayout() {
    }

    /** Lays out the help of {@code cl} and of its subcommands, at every depth. */
    static void apply(CommandLine cl) {
        UsageMessageSpec usage = cl.getCommandSpec().usageMessage();
        usage.description(paragraphs(usage.description()).toArray(String[]::new));
        if (!cl.getSubcommands().isEmpty()) {
            cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commandList);
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getParent() == cl) {
                apply(sub);
            }
        }
    }

    /**
     * Joins each line to the one before unless that one ends a sentence, is indented (a table row), or ends with
     * {@code :} before a list (not before a lower-case continuation), or this one is a list item or indented;
     * blank lines and {@code %n} breaks stay.
     */
    static List<String> paragraphs(String[] lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            boolean startsNew = out.isEmpty() || line.isBlank() || line.startsWith(" ") || line.startsWith("-")
                    || line.startsWith("*") || line.startsWith("%n");
            String last = out.isEmpty() ? "" : out.getLast();
            boolean continues = !line.isEmpty() && Character.isLowerCase(line.charAt(0));
            boolean lastEnds = last.isBlank() || last.startsWith(" ") || last.endsWith(".") || last.endsWith("%n")
                    || last.endsWith("。") || last.endsWith(":") && !continues;
            if (startsNew || lastEnds) {
                out.add(line);
            } else {
                out.set(out.size() - 1, last + (last.endsWith(" ") || line.startsWith(" ") ? "" : " ") + line);
            }
        }
        return out;
    }

    /**
     * The first sentence of {@code text} (its first paragraph, the whole of it when it has no sentence end); one
     * that introduces a list ({@code …:}) ends with a full stop instead.
     */
    static String firstSentence(String text) {
        Matcher m = SENTENCE_END.matcher(text);
        String first = m.find() ? text.substring(0, m.end()) : text;
        return first.endsWith(":") ? first.substring(0, first.length() - 1) + "." : first;
    }

    /** The {@code Commands:} list: each subcommand's name and the first sentence of its header or description. */
    private static String commandList(CommandLine.Help help) {
        Map<String, CommandLine.Help> subcommands = help.subcommands();
        if (subcommands.isEmpty()) {
            return "";
        }
        int names = 0;
        for (Map.Entry<String, CommandLine.Help> e : subcommands.entrySet()) {
            if (!e.getValue().commandSpec().usageMessage().hidden()) {
                names = Math.max(names, e.getKey().length());
            }
        }
        int width = help.commandSpec().usageMessage().width();
        int left = Math.min(names + 4, width / 3);
        TextTable table = TextTable.forColumns(help.colorScheme(),
                new Column(left, 2, Column.Overflow.SPAN), new Column(width - left, 1, Column.Overflow.WRAP));
        for (Map.Entry<String, CommandLine.Help> e : subcommands.entrySet()) {
            UsageMessageSpec usage = e.getValue().commandSpec().usageMessage();
            if (!usage.hidden()) {
                String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
                table.addRowValues(e.getKey(), lines.length == 0 ? "" : firstSentence(lines[0]));
            }
        }
        return table.toString();
    }
}
