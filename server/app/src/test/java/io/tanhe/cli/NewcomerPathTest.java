package io.tanhe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What a newcomer meets first: the README's five-minute tutorial works as written in any folder
 * (its library import resolves from the installed library), its example is in canonical layout,
 * and every document a command's help points to exists.
 */
class NewcomerPathTest {
    /** Maven runs tests in server/app. */
    private static final Path ROOT = Path.of("..", "..");

    @TempDir
    Path elsewhere;

    /** The {@code boiler.tanhe} of the README: the first code block after "Write `boiler.tanhe`". */
    static String tutorial() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        int at = readme.indexOf("Write `boiler.tanhe`");
        assertTrue(at >= 0, "README.md has no tutorial");
        int open = readme.indexOf("```\n", at) + 4;
        int close = readme.indexOf("\n```", open);
        return readme.substring(open, close + 1);
    }

    @Test
    void theReadmeTutorialChecksAndPassesItsTestInAFolderOutsideTheRepository() throws IOException {
        Path boiler = elsewhere.resolve("boiler.tanhe");
        Files.writeString(boiler, tutorial(), StandardCharsets.UTF_8);
        CliRun check = CliRun.of("check", boiler.toString());
        assertEquals(0, check.exit(), check.out());
        assertTrue(check.out().endsWith("0 errors, 0 warnings\n"), check.out());
        CliRun test = CliRun.of("test", boiler.toString());
        assertEquals(0, test.exit(), test.out());
        assertTrue(test.out().contains("1 passed, 0 failed"), test.out());
    }

    @Test
    void theReadmeTutorialIsInCanonicalLayout() throws IOException {
        Path boiler = elsewhere.resolve("boiler.tanhe");
        Files.writeString(boiler, tutorial(), StandardCharsets.UTF_8);
        CliRun fmt = CliRun.of("fmt", "--check", boiler.toString());
        assertEquals(0, fmt.exit(), "README's boiler.tanhe is not in canonical layout; `tanhe fmt` prints:\n"
                + CliRun.of("fmt", boiler.toString()).out());
    }

    @Test
    void theErrorTheReadmeShowsIsTheOneTheTutorialWithATypoGives() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        Matcher shown = Pattern.compile("boiler\\.tanhe:(\\d+):(\\d+): error\\[E300\\]: unknown name `burnd`").matcher(readme);
        assertTrue(shown.find(), "the README shows the E300 of `burnd`");
        Path boiler = elsewhere.resolve("boiler.tanhe");
        Files.writeString(boiler, tutorial().replace("fossil_co2(burned[f]", "fossil_co2(burnd[f]"), StandardCharsets.UTF_8);
        CliRun check = CliRun.of("check", boiler.toString());
        assertTrue(check.out().contains("boiler.tanhe:" + shown.group(1) + ":" + shown.group(2) + ": error[E300]: unknown name `burnd`"),
                check.out());
    }

    @Test
    void everyDocumentACommandsHelpNamesExists() {
        List<String> missing = new ArrayList<>();
        List<String> named = new ArrayList<>();
        collect(TanheCli.newCommandLine(), named);
        for (String doc : named) {
            if (!Files.isRegularFile(ROOT.resolve(doc))) {
                missing.add(doc);
            }
        }
        assertTrue(named.contains("docs/provenance.md"), "explain --help names docs/provenance.md: " + named);
        assertEquals(List.of(), missing, "documents named in --help that do not exist");
    }

    private static void collect(CommandLine cl, List<String> out) {
        Matcher m = Pattern.compile("docs/[\\w./-]+\\.md").matcher(cl.getUsageMessage(CommandLine.Help.Ansi.OFF));
        while (m.find()) {
            out.add(m.group());
        }
        cl.getSubcommands().values().forEach(sub -> collect(sub, out));
    }

    @Test
    void graphsHelpSaysThatDrawingNeedsGraphvizDot() {
        String help = TanheCli.newCommandLine().getSubcommands().get("graph").getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertTrue(help.contains("Graphviz") && help.contains("apt-get install graphviz"), help);
    }
}
