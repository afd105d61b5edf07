package io.tanhe.cli;

import io.tanhe.server.api.TimeText;
import io.tanhe.server.report.Report;
import io.tanhe.server.report.ReportFormat;
import io.tanhe.server.report.ReportGrain;
import io.tanhe.server.report.ReportPeriod;
import io.tanhe.grammar.config.InvalidConfigException;
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
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code tanhe report}: emissions per class and source with quality, from the store or from the terminal that holds it. */
@Command(name = "report", mixinStandardHelpOptions = true, subcommands = AnnualReportCommand.class,
        description = {"Print the emissions of each bucket in a range (section 7.2.3 (3)): every emission source with its",
                "class and scope, then the totals, production and intensity, each with its quality and completeness, read",
                "from the store; as a table, CSV or JSON, or as a printable A4 PDF or an Excel workbook with -o FILE.",
                "While a terminal runs on the store (it leaves DIR/" + TerminalFile.NAME + "), the report comes from its API",
                "(/api/report): same figures, the terminal's site. `tanhe report annual --year Y -o FILE` writes the",
                "GB/T 32150 enterprise report."})
public final class ReportCommand implements Callable<Integer> {

    @Option(names = "--grain", description = "hour, day, week, month or quarter (also minute, 15min, year); required")
    String grain;

    @Option(names = "--from", paramLabel = "TIME", description = "first bucket, e.g. 2026-06-01 or 2026-06-01T08:00 (site zone); a month 2026-11, quarter 2026-Q4 or year 2026 for coarse grains; required")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "end (exclusive); default: one day after --from for minute…hour, a month for day, a year for month and longer")
    String to;

    @Option(names = "--site", paramLabel = "FILE", description = "the site file (default: the version the terminal saved in the store)")
    Path siteFile;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data", description = "store directory (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--format", description = "table, csv, json, pdf or xlsx (default: from the -o file's extension, else table)")
    ReportFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the report to FILE instead of printing it (needed for pdf and xlsx)")
    Path output;

    @Override
    public Integer call() {
        System.setProperty("tanhe.log.level", "WARN");
        if (grain == null || from == null) {
            System.err.println("report: give --grain and --from (e.g. --grain day --from 2026-06-01), or `report annual --year Y`");
            return 2;
        }
        ReportGrain g;
        try {
            g = ReportGrain.fromLabel(grain);
        } catch (IllegalArgumentException e) {
            System.err.println("report: --grain: " + e.getMessage());
            return 2;
        }
        if (format == null) {
            format = output == null ? ReportFormat.TABLE : ReportFormat.forFile(output.getFileName().toString());
        }
        if (format.binary() && output == null) {
            System.err.println("report: a " + format.name().toLowerCase(java.util.Locale.ROOT) + " report is a file: give -o FILE");
            return 2;
        }
        Optional<TerminalFile> running = TerminalFile.read(dataDir).filter(TerminalFile::processAlive);
        if (running.isPresent()) {
            Optional<Integer> answered = fromTerminal(running.get());
            if (answered.isPresent()) {
                return answered.get();
            }
        }
        if (!Engine.holdsStore(dataDir)) {
            System.err.println("report: no store in " + dataDir.toAbsolutePath() + " (run `tanhe demo` or `tanhe run` first, or give --data-dir)");
            return 2;
        }
        return fromStore(g, running);
    }

    /**
     * Asks the running terminal's API. Empty when it cannot, and the store should be tried: the note
     * names no API, or one that does not answer (a stale note whose pid another process took).
     */
    private Optional<Integer> fromTerminal(TerminalFile terminal) {
        if (terminal.apiAddress().isEmpty()) {
            if (terminal.inThisProcess()) {
                System.err.println("report: " + apiOff(terminal));
                return Optional.of(1);
            }
            return Optional.empty();
        }
        String api = terminal.apiAddress().get();
        TerminalReport.Answer answer;
        try {
            answer = TerminalReport.fetch(api, dataDir, grain, from, to, format);
        } catch (IOException e) {
            if (terminal.inThisProcess()) {
                System.err.println("report: the terminal running in this process does not answer at " + api + ": " + e.getMessage());
                return Optional.of(1);
            }
            return Optional.empty();
        }
        if (siteFile != null) {
            System.err.println("report: a terminal runs on " + dataDir + " (pid " + terminal.pid() + "): the report comes from its"
                    + " API with the site it runs; --site is not used");
        }
        if (answer.ok()) {
            return Optional.of(emit(answer.body()));
        }
        System.err.println("report: " + answer.text() + (answer.status() >= 500 ? " (the terminal's API at " + api
                + " answered " + answer.status() + ")" : ""));
        return Optional.of(answer.status() >= 500 ? 1 : 2);
    }

    /** Prints the report, or writes it to the output file. */
    private int emit(byte[] report) {
        if (output == null) {
            System.out.print(new String(report, java.nio.charset.StandardCharsets.UTF_8));
            return 0;
        }
        try {
            Files.write(output, report);
        } catch (IOException e) {
            System.err.println("report: cannot write " + output.toAbsolutePath() + ": " + e.getMessage());
            return 1;
        }
        System.err.println("report: wrote " + output + " (" + report.length + " bytes)");
        return 0;
    }

    private Integer fromStore(ReportGrain g, Optional<TerminalFile> running) {
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(dataDir))) {
            Site site = StoredSite.load(siteFile, store, dataDir);
            try (site) {
                Instant start = TimeText.parse(from, site.zone());
                Instant end = to == null ? null : TimeText.parse(to, site.zone());
                Report report = Report.build(site.identity().siteId(), site.methodology(), site.graph(), store.results(),
                        site.zone(), g, ReportPeriod.of(g, start, end, site.zone())).withMethods(site, store).withFindings(store.findings());
                return emit(format.bytes(report, site.identity(), Instant.now()));
            }
        } catch (InvalidConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            System.err.println("report: " + e.getMessage());
            return 2;
        } catch (IllegalStateException e) {
            System.err.println("report: " + e.getMessage());
            return 1;
        } catch (StoreException e) {
            System.err.println("report: " + running.map(t -> t.apiAddress().isPresent()
                    ? "the terminal (pid " + t.pid() + ") that holds the store in " + dataDir + " does not answer at "
                    + t.apiAddress().get() + ": stop it and run report again" : apiOff(t))
                    .orElse(e.getMessage() + "; no running terminal left its API address in " + dataDir.resolve(TerminalFile.NAME)
                            + ": stop the process that holds the store and run report again"));
            return 1;
        }
    }

    private String apiOff(TerminalFile t) {
        return "the terminal (pid " + t.pid() + ", started " + t.startedAt() + ") holds the store in " + dataDir
                + " and runs without its API; stop it, or restart it with the API on (--port 8017 or --port 0),"
                + " then run report again";
    }
}
