package io.tanhe.engine.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tanhe.grammar.diagnostics.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The golden files, together, show every diagnostic the toolchain has. */
class GoldenCoverageTest {
    private static final Pattern CODE = Pattern.compile("\\b([EW]\\d{3})\\b");

    @Test
    void everyErrorCodeAppearsInAGoldenFile() throws IOException {
        TreeSet<String> seen = new TreeSet<>();
        for (Path source : allCases()) {
            Matcher m = CODE.matcher(Files.readString(GoldenFiles.expectedFile(source), StandardCharsets.UTF_8));
            while (m.find()) {
                seen.add(m.group(1));
            }
        }
        List<String> missing = Arrays.stream(ErrorCode.values()).map(Enum::name).filter(c -> !seen.contains(c)).toList();
        assertEquals(List.of(), missing, "codes that no golden .expected file shows; add a case for each");
    }

    @Test
    void thereAreAtLeastFortyFiveMalformedFiles() {
        assertTrue(GoldenFiles.cases("golden").size() >= 45, "golden cases: " + GoldenFiles.cases("golden").size());
    }

    @Test
    void everyCaseHasItsExpectedFile() {
        List<Path> lacking = allCases().stream().filter(p -> !Files.exists(GoldenFiles.expectedFile(p))).toList();
        assertEquals(List.of(), lacking);
    }

    private static List<Path> allCases() {
        List<Path> all = new ArrayList<>(GoldenFiles.cases("golden"));
        all.addAll(GoldenFiles.cases("golden-test"));
        return all;
    }
}
