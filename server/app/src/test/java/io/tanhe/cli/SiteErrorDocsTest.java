package io.tanhe.cli;

import io.tanhe.sim.demo.DemoSite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The site file errors docs/site.md and the README quote are what {@code tanhe run --site site.yaml --check} prints for
 * the shipped demo site with those mistakes, line and column included: the demo site changes, and the quoted
 * positions went stale before.
 */
class SiteErrorDocsTest {
    /** Maven runs tests in the module directory. */
    private static final Path ROOT = Path.of("..", "..");
    /** The four mistakes of docs/site.md's example, in file order. */
    private static final UnaryOperator<String> FOUR_MISTAKES = text -> replaced(replaced(replaced(replaced(text,
            "input: coal_burned", "input: coal_burnd"),
            "key: gt1,natural_gas", "key: gt1,natural_gaz"),
            "grain: hour\n", "grain: hourly\n"),
            "raw_readings: P13M", "raw_readings: P3M");

    @TempDir
    Path dir;

    @Test
    void theFourMistakesOfTheSiteDocumentAreReportedAsItQuotesThem() throws IOException {
        String printed = check(FOUR_MISTAKES);
        String doc = Files.readString(ROOT.resolve("docs/site.md"));
        String example = doc.substring(doc.indexOf("```\n", doc.indexOf("The demo site with four")) + 4);
        example = example.substring(0, example.indexOf("```"));
        assertEquals(example, printed, "docs/site.md's example is what the check prints now");
        String readme = Files.readString(ROOT.resolve("README.md"));
        String quoted = readme.substring(readme.indexOf("(`` site.yaml:") + 4, readme.indexOf(" ``;", readme.indexOf("(`` site.yaml:")));
        assertTrue(printed.contains("  " + quoted + "\n"), "the README's quoted error is printed: " + quoted + "\n" + printed);
    }

    @Test
    void theDriversBlocksMistakeIsReportedAtTheSiteFilesLineAsQuoted() throws IOException {
        String printed = check(text -> text.replaceFirst("(id: coal-scale-1[^\n]*\n\\s*)type: simulated", "$1type: simulatd"));
        String doc = Files.readString(ROOT.resolve("docs/site.md"));
        int at = doc.indexOf("(`` site.yaml:");
        String quoted = doc.substring(at + 4, doc.indexOf(" ``)", at));
        assertTrue(quoted.contains("drivers.devices[0].type"), quoted);
        assertTrue(printed.contains("  " + quoted + "\n"), "docs/site.md's quoted drivers error is printed: " + quoted + "\n" + printed);
    }

    @Test
    void aPointsFilesMistakeIsReportedAtItsOwnLinesAsQuoted() throws IOException {
        String printed = check(text -> {
            int from = text.indexOf("drivers:\n");
            int to = text.indexOf("\n# Which point feeds");
            String block = text.substring(from + "drivers:\n".length(), to + 1).replaceAll("(?m)^  ", "");
            try {
                Files.writeString(dir.resolve("demo-site/points.yaml"), replaced(block, "swing: 0.15", "swng: 0.15"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return text.substring(0, from) + "drivers_file: points.yaml\n" + text.substring(to);
        }).replace(dir.resolve("demo-site/points.yaml").toString(), "points.yaml");
        String doc = Files.readString(ROOT.resolve("docs/site.md"));
        int at = doc.indexOf("`` points.yaml:");
        String quoted = doc.substring(at + 3, doc.indexOf(" ``)", at));
        assertTrue(printed.contains("  " + quoted + "\n"), "docs/site.md's quoted points file error is printed: " + quoted + "\n" + printed);
    }

    /** What {@code tanhe run --site site.yaml --check} prints for the demo site with {@code edit}, run beside the file. */
    private String check(UnaryOperator<String> edit) throws IOException {
        Path site = DemoSite.writeTo(dir);
        Files.writeString(site, edit.apply(Files.readString(site)));
        CliRun r = CliRun.of("run", "--site", site.toString(), "--check");
        assertEquals(2, r.exit(), r.out() + r.err());
        return (r.out() + r.err()).replace(site.toString(), "site.yaml");
    }

    private static String replaced(String text, String what, String with) {
        assertTrue(text.contains(what), "the demo site has `" + what + "`");
        return text.replaceFirst(java.util.regex.Pattern.quote(what), java.util.regex.Matcher.quoteReplacement(with));
    }
}
