package io.tanhe.cli;

import io.tanhe.engine.time.Grain;
import io.tanhe.server.api.TimeText;
import io.tanhe.server.report.Report;
import io.tanhe.server.report.ReportFormat;
import io.tanhe.server.site.InvalidSiteException;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteLoader;
import io.tanhe.server.store.ConfigVersion;
import io.tanhe.server.store.StoreException;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.derby.DerbySettings;
import io.tanhe.server.store.derby.DerbyStore;
import io.tanhe.server.terminal.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code tanhe report}: emissions per class and source with quality, from the store. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Print the emissions of each bucket in a range (section 7.2.3 (3)): every emission source with its",
                "class and scope, then the totals, each with its quality and completeness, read from the store.",
                "The store must not be open in a running terminal (use its API then: /api/results)."})
public final class ReportCommand implements Callable<Integer> {

    @Option(names = "--grain", required = true, description = "hour, day, month or quarter (also minute, 15min, year)")
    String grain;

    @Option(names = "--from", required = true, paramLabel = "TIME", description = "first bucket, e.g. 2026-06-01 or 2026-06-01T08:00 (site zone)")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "end (exclusive); default: one day after --from for minute…hour, a month for day, a year for month and longer")
    String to;

    @Option(names = "--site", paramLabel = "FILE", description = "the site file (default: the version the terminal saved in the store)")
    Path siteFile;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data", description = "store directory (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE})")
    ReportFormat format;

    @Override
    public Integer call() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Grain g;
        try {
            g = Grain.fromLabel(grain);
        } catch (IllegalArgumentException e) {
            System.err.println("report: --grain: " + e.getMessage());
            return 2;
        }
        if (!Files.isDirectory(dataDir.resolve(DerbySettings.DATABASE_NAME))) {
            System.err.println("report: no store in " + dataDir.toAbsolutePath() + " (run `tanhe demo` or `tanhe run` first, or give --data-dir)");
            return 2;
        }
        try (DerbyStore store = DerbyStore.open(DerbySettings.at(dataDir))) {
            Site site = site(store);
            try (site) {
                Instant start = TimeText.parse(from, site.zone());
                Instant end = to == null ? start.atZone(site.zone()).plus(defaultSpan(g)).toInstant() : TimeText.parse(to, site.zone());
                if (!end.isAfter(start)) {
                    System.err.println("report: --to must be after --from");
                    return 2;
                }
                Report report = Report.build(site.identity().siteId(), site.methodology(), site.graph(), store.results(),
                        site.zone(), g, TimeRange.of(start, end));
                System.out.print(format.render(report));
                return 0;
            }
        } catch (InvalidSiteException e) {
            System.err.println(e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            System.err.println("report: " + e.getMessage());
            return 2;
        } catch (StoreException e) {
            System.err.println("report: " + e.getMessage() + " (a running terminal holds its store: stop it, or ask its API /api/results)");
            return 1;
        }
    }

    private Site site(DerbyStore store) {
        SiteLoader loader = new SiteLoader(Clock.systemUTC());
        if (siteFile != null) {
            return loader.load(siteFile);
        }
        ConfigVersion latest = store.configs().latest().orElseThrow(() -> new IllegalArgumentException(
                "the store in " + dataDir + " has no saved site file; give --site FILE"));
        Optional<Path> path = latest.note().startsWith(Terminal.SITE_NOTE)
                ? Optional.of(Path.of(latest.note().substring(Terminal.SITE_NOTE.length()))) : Optional.empty();
        Path dir = path.map(Path::getParent).filter(Files::isDirectory).orElse(Path.of("").toAbsolutePath());
        return loader.parse(latest.content(), path.map(Path::toString).orElse("site (version " + latest.version() + ")"), dir);
    }

    private static Period defaultSpan(Grain g) {
        return switch (g) {
            case MINUTE, FIFTEEN_MINUTES, HOUR -> Period.ofDays(1);
            case DAY -> Period.ofMonths(1);
            default -> Period.ofYears(1);
        };
    }
}
