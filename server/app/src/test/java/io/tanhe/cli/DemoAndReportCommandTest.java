package io.tanhe.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `tanhe demo` bounded by --minutes, then `tanhe report` on its store, then `tanhe run --check` on its site file, as a user runs them. */
@Timeout(180)
class DemoAndReportCommandTest {
    @TempDir
    Path dir;

    @Test
    void aBoundedDemoFillsTheStoreAndTheReportShowsIt() throws Exception {
        String data = dir.resolve("data").toString();
        CliRun demo = CliRun.of("demo", "--data-dir", data, "--port", "-1", "--minutes", "70", "--speed", "900",
                "--start", "2026-06-01T08:00", "--summary-every", "1");
        assertEquals(0, demo.exit(), demo.err());
        assertTrue(demo.out().contains("tanhe: site demo-plant"), demo.out());
        assertTrue(demo.out().contains("| alerts open "), demo.out());
        assertTrue(demo.out().contains("tanhe: stopped cleanly; "), demo.out());
        assertEquals(storedAtStop(demo.out()), storedInLastSummary(demo.out()),
                "the last summary line is printed once every reading is evaluated, so it counts what the stop counts: " + demo.out());
        assertTrue(Files.isRegularFile(dir.resolve("data/demo-site/site.yaml")));

        CliRun report = CliRun.of("report", "--data-dir", data, "--grain", "hour", "--from", "2026-06-01T08:00", "--to", "2026-06-01T10:00");
        assertEquals(0, report.exit(), report.err());
        assertTrue(report.out().contains("2026-06-01 08:00  combustion"), report.out());
        assertTrue(report.out().contains("2026-06-01 09:00  combustion"), report.out());
        CliRun csv = CliRun.of("report", "--data-dir", data, "--grain", "quarter", "--from", "2026-04-01", "--format", "csv");
        assertEquals(0, csv.exit(), csv.err());
        assertTrue(csv.out().lines().anyMatch(l -> l.startsWith("2026-03-31T16:00:00Z,2026-06-30T16:00:00Z,total,,E,")), csv.out());

        Path weekly = dir.resolve("weekly.xlsx");
        CliRun xlsx = CliRun.of("report", "--data-dir", data, "--grain", "week", "--from", "2026-06-01", "-o", weekly.toString());
        assertEquals(0, xlsx.exit(), xlsx.err());
        assertTrue(xlsx.err().contains("wrote " + weekly), xlsx.err());
        Path daily = dir.resolve("june.pdf");
        CliRun pdf = CliRun.of("report", "--data-dir", data, "--grain", "day", "--from", "2026-06", "-o", daily.toString());
        assertEquals(0, pdf.exit(), pdf.err());
        assertTrue(Files.size(daily) > 10_000, "a PDF with an embedded font and charts");
        CliRun noFile = CliRun.of("report", "--data-dir", data, "--grain", "day", "--from", "2026-06", "--format", "pdf");
        assertEquals(2, noFile.exit());
        assertTrue(noFile.err().contains("give -o FILE"), noFile.err());
        Path annual = dir.resolve("annual.pdf");
        CliRun year = CliRun.of("report", "annual", "--data-dir", data, "--year", "2026", "-o", annual.toString());
        assertEquals(0, year.exit(), year.err());
        assertTrue(Files.readString(annual, java.nio.charset.StandardCharsets.ISO_8859_1).startsWith("%PDF"));
        CliRun annualText = CliRun.of("report", "annual", "--data-dir", data, "--year", "2026", "-o", dir.resolve("a.txt").toString());
        assertEquals(2, annualText.exit());
        assertTrue(annualText.err().contains("write a .pdf or .xlsx file"), annualText.err());

        CliRun bad = CliRun.of("report", "--data-dir", data, "--grain", "fortnight", "--from", "2026-06-01");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("unknown grain `fortnight`"), bad.err());

        CliRun check = CliRun.of("run", "--check", "--site", dir.resolve("data/demo-site/site.yaml").toString());
        assertEquals(0, check.exit(), check.err());
        assertTrue(check.out().contains("valid; site demo-plant, methodology cn.power-generation 2022.1, 6 points bound"), check.out());
    }

    /** {@code N} of the last summary line's {@code | readings …/s, N stored |}. */
    private static long storedInLastSummary(String out) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\| readings [0-9.]+/s, (\\d+) stored \\|").matcher(out);
        long last = -1;
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        return last;
    }

    /** {@code N} of {@code tanhe: stopped cleanly; N readings stored}. */
    private static long storedAtStop(String out) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("stopped cleanly; (\\d+) readings stored").matcher(out);
        return m.find() ? Long.parseLong(m.group(1)) : -2;
    }

    @Test
    void runRefusesABadSiteFileListingEveryProblem() throws Exception {
        Path site = io.tanhe.sim.demo.DemoSite.writeTo(dir);
        Files.writeString(site, Files.readString(site).replace("input: coal_burned", "input: coal_burnd").replace("zone: Asia/Shanghai", "zone: Asia/Shanghia"));
        CliRun r = CliRun.of("run", "--site", site.toString(), "--data-dir", dir.resolve("data").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("2 problems"), r.err());
        assertTrue(r.err().contains("points[0].input: no input `coal_burnd` in cn.power-generation — did you mean `coal_burned`?"), r.err());
        assertTrue(r.err().contains("zone: `Asia/Shanghia` is not a time zone"), r.err());
        assertTrue(!Files.exists(dir.resolve("data/tanhe")), "nothing was started: no store was created");
    }

}
