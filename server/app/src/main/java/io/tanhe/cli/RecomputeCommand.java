package io.tanhe.cli;

import io.tanhe.server.recompute.ClosedDays;
import io.tanhe.server.recompute.DayOutcome;
import io.tanhe.grammar.config.InvalidConfigException;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.StoreException;
import io.tanhe.server.store.jdbc.Engine;
import io.tanhe.server.store.jdbc.StoreSettings;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.terminal.OpenWindow;
import io.tanhe.server.terminal.TerminalFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code tanhe recompute}: recomputes closed days of a stopped terminal's store from its raw readings. */
@Command(name = "recompute", mixinStandardHelpOptions = true,
        description = {"Recompute the stored results of closed days (every grain: minute, 15min, hour, day) from the",
                "raw readings in the store, as a terminal that had all the data on time would have computed them,",
                "and write the results that changed as revisions. Pending late-data requests of those days are",
                "answered and marked done. A running terminal does this by itself; this command is for a stopped one",
                "(its store must not be open elsewhere). Days in the open window are rebuilt when the terminal starts."})
public final class RecomputeCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "DAY", description = "first day, e.g. 2026-10-01 (site zone)")
    String from;

    @Option(names = "--to", paramLabel = "DAY", description = "last day, included (default: --from)")
    String to;

    @Option(names = "--site", paramLabel = "FILE", description = "the site file (default: the version the terminal saved in the store)")
    Path siteFile;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data", description = "store directory (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Override
    public Integer call() {
        System.setProperty("tanhe.log.level", "WARN");
        LocalDate first;
        LocalDate last;
        try {
            first = day("--from", from);
            last = to == null ? first : day("--to", to);
        } catch (IllegalArgumentException e) {
            System.err.println("recompute: " + e.getMessage());
            return 2;
        }
        if (last.isBefore(first)) {
            System.err.println("recompute: --to " + last + " is before --from " + first + "; give the earlier day first");
            return 2;
        }
        if (!Engine.holdsStore(dataDir)) {
            System.err.println("recompute: no store in " + dataDir.toAbsolutePath() + " (give the terminal's --data-dir)");
            return 2;
        }
        Optional<TerminalFile> running = TerminalFile.read(dataDir).filter(TerminalFile::processAlive);
        if (running.isPresent()) {
            System.err.println("recompute: a terminal (pid " + running.get().pid() + ", started " + running.get().startedAt()
                    + ") runs on " + dataDir.toAbsolutePath() + " and recomputes late data by itself; stop it first to"
                    + " recompute on demand");
            return 1;
        }
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(dataDir))) {
            try (Site site = StoredSite.load(siteFile, store, dataDir)) {
                return recompute(site, store, first, last);
            }
        } catch (InvalidConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            System.err.println("recompute: " + e.getMessage());
            return 2;
        } catch (StoreException e) {
            boolean locked = e.getMessage().contains("another Tanhe process");
            System.err.println("recompute: " + (locked ? "the store in " + dataDir.toAbsolutePath() + " is open in a running"
                    + " terminal; stop it first (a running terminal recomputes late data by itself)" : e.getMessage()));
            return 1;
        }
    }

    private static int recompute(Site site, JdbcStore store, LocalDate first, LocalDate last) {
        Optional<Instant> latest = store.readings().latestMeasuredAt();
        if (latest.isEmpty()) {
            System.out.println("recompute: the store holds no readings; nothing to recompute");
            return 0;
        }
        LocalDate open = new OpenWindow(site.zone(), site.lateWindow()).startFor(latest.get()).atZone(site.zone()).toLocalDate();
        ClosedDays closed = new ClosedDays(site, store, Clock.systemUTC());
        int days = 0;
        long revised = 0;
        long added = 0;
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            if (!d.isBefore(open)) {
                System.out.println(d + ": in the open window (from " + open + "), rebuilt from the raw store when the terminal starts; skipped");
                continue;
            }
            DayOutcome o = closed.recompute(d, "on demand (tanhe recompute)");
            System.out.println(d + ": " + count(o.readings(), "reading") + " replayed; " + count(o.revised(), "result")
                    + " revised, " + o.added() + " new, " + o.unchanged() + " unchanged" + (o.requests().isEmpty() ? ""
                    : "; " + count(o.requests().size(), "late-data request") + " done"));
            days++;
            revised += o.revised();
            added += o.added();
        }
        System.out.println("recompute: " + count(days, "day") + " recomputed, " + count(revised, "result") + " revised, " + added + " new");
        return 0;
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static LocalDate day(String option, String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(option + ": `" + text + "` is not a day; write it as 2026-10-03");
        }
    }
}
