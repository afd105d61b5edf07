package io.tanhe.cli;

import io.tanhe.grammar.config.InvalidConfigException;
import io.tanhe.server.report.AnnualDocument;
import io.tanhe.server.report.ReportFormat;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.StoreException;
import io.tanhe.server.store.jdbc.Engine;
import io.tanhe.server.store.jdbc.StoreSettings;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.terminal.TerminalFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Year;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code tanhe report annual}: the GB/T 32150 enterprise report of a year as PDF or Excel. */
@Command(name = "annual", mixinStandardHelpOptions = true,
        description = {"Write the enterprise greenhouse-gas report of a year (section 7.2.7) in the structure GB/T 32150-2015",
                "gives: reporting entity, boundary and sources, emissions by class and total, activity data and their",
                "sources, factors with source and confidence, data-quality management (plan and meter registry),",
                "missing data, provenance. Entity details, plan and meters come from the site file (docs/reports.md).",
                "While a terminal runs on the store, the report comes from its API (/api/report/annual)."})
public final class AnnualReportCommand implements Callable<Integer> {

    @Option(names = "--year", required = true, description = "the report's year, e.g. 2026 (local calendar of the site)")
    int year;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "the file to write: .pdf or .xlsx")
    Path output;

    @Option(names = "--format", description = "pdf or xlsx (default: from the file's extension)")
    ReportFormat format;

    @Option(names = "--site", paramLabel = "FILE", description = "the site file (default: the version the terminal saved in the store)")
    Path siteFile;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data", description = "store directory (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Override
    public Integer call() {
        System.setProperty("tanhe.log.level", "WARN");
        ReportFormat f = format != null ? format : ReportFormat.forFile(output.getFileName().toString());
        if (!f.binary()) {
            System.err.println("report annual: write a .pdf or .xlsx file (or give --format pdf|xlsx); " + output + " is neither");
            return 2;
        }
        if (year < 2000 || year > 2100) {
            System.err.println("report annual: --year " + year + " is outside 2000–2100");
            return 2;
        }
        Optional<TerminalFile> running = TerminalFile.read(dataDir).filter(TerminalFile::processAlive);
        if (running.isPresent() && running.get().apiAddress().isPresent()) {
            try {
                TerminalReport.Answer answer = TerminalReport.annual(running.get().apiAddress().get(), dataDir, year, f);
                if (!answer.ok()) {
                    System.err.println("report annual: " + answer.text());
                    return answer.status() >= 500 ? 1 : 2;
                }
                return write(answer.body());
            } catch (IOException e) {
                // the note is stale: fall back to the store
            }
        }
        if (!Engine.holdsStore(dataDir)) {
            System.err.println("report annual: no store in " + dataDir.toAbsolutePath() + " (run `tanhe demo` or `tanhe run` first, or give --data-dir)");
            return 2;
        }
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(dataDir)); Site site = StoredSite.load(siteFile, store, dataDir)) {
            return write(f.write(AnnualDocument.of(site, store.results(), store.findings(), Year.of(year), Instant.now())));
        } catch (InvalidConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            System.err.println("report annual: " + e.getMessage());
            return 2;
        } catch (IllegalStateException e) {
            System.err.println("report annual: " + e.getMessage());
            return 1;
        } catch (StoreException e) {
            System.err.println("report annual: " + e.getMessage() + (running.isPresent() ? "; the terminal (pid " + running.get().pid()
                    + ") holds the store and runs without its API: stop it, or restart it with --port, then run again" : ""));
            return 1;
        }
    }

    private int write(byte[] body) {
        try {
            Files.write(output, body);
        } catch (IOException e) {
            System.err.println("report annual: cannot write " + output.toAbsolutePath() + ": " + e.getMessage());
            return 1;
        }
        System.err.println("report annual: wrote " + output + " (" + format(body.length) + ")");
        return 0;
    }

    private static String format(int bytes) {
        return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
}
