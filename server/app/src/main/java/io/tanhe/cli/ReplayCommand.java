package io.tanhe.cli;

import io.tanhe.engine.time.Grain;
import io.tanhe.grammar.config.InvalidConfigException;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.StoreException;
import io.tanhe.server.store.jdbc.Engine;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.store.jdbc.StoreSettings;
import io.tanhe.server.terminal.TerminalFile;
import io.tanhe.server.terminal.lifecycle.Candidate;
import io.tanhe.server.terminal.lifecycle.ConfigLifecycle;
import io.tanhe.server.terminal.lifecycle.DryRun;
import io.tanhe.server.terminal.lifecycle.PackageRefusedException;
import io.tanhe.server.terminal.lifecycle.Review;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code tanhe replay}: what a configuration package would change, replayed from a stopped terminal's raw store. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay days from a stopped terminal's raw readings under a package (signed .tpkg, or a folder of",
                "factor tables) applied from --from, without writing anything, and show per node and bucket the stored",
                "value, the replayed value and the difference, and totals by emission class. What the terminal stores",
                "as a package's review (GET /api/config/versions/{id}). The signatures are not checked here."})
public final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--store", paramLabel = "DIR", defaultValue = "data", description = "the terminal's data directory (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--from", required = true, paramLabel = "DAY", description = "first day, e.g. 2026-12-01 (site zone); the package applies from it")
    String from;

    @Option(names = "--to", paramLabel = "DAY", description = "last day, included (default: --from)")
    String to;

    @Option(names = "--under", required = true, paramLabel = "PACKAGE", description = "the package: a .tpkg file or a folder of *.factors.yaml")
    Path under;

    @Option(names = "--site", paramLabel = "FILE", description = "the site file (default: the version the terminal saved in the store)")
    Path siteFile;

    @Option(names = "--grain", defaultValue = "day", description = "day or hour (default: ${DEFAULT-VALUE})")
    String grain;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE})")
    String format;

    @Override
    public Integer call() {
        System.setProperty("tanhe.log.level", "WARN");
        LocalDate first;
        LocalDate last;
        Grain g;
        Candidate candidate;
        try {
            first = day("--from", from);
            last = to == null ? first : day("--to", to);
            if (last.isBefore(first)) {
                throw new IllegalArgumentException("--to " + last + " is before --from " + first);
            }
            g = switch (grain) {
                case "day" -> Grain.DAY;
                case "hour" -> Grain.HOUR;
                default -> throw new IllegalArgumentException("--grain: `" + grain + "`; give day or hour");
            };
            if (!format.equals("table") && !format.equals("csv") && !format.equals("json")) {
                throw new IllegalArgumentException("--format: `" + format + "`; give table, csv or json");
            }
            candidate = Files.isDirectory(under) ? Candidate.fromDirectory(under)
                    : Candidate.fromPackage(Files.readAllBytes(under), under.toString());
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("replay: " + e.getMessage());
            return 2;
        }
        if (!Engine.holdsStore(dataDir)) {
            System.err.println("replay: no store in " + dataDir.toAbsolutePath() + " (give the terminal's data directory with --store)");
            return 2;
        }
        Optional<TerminalFile> running = TerminalFile.read(dataDir).filter(TerminalFile::processAlive);
        if (running.isPresent()) {
            System.err.println("replay: a terminal (pid " + running.get().pid() + ") runs on " + dataDir.toAbsolutePath()
                    + "; it serves a pushed package's review (tanhe config push, GET /api/config/versions/{id}), or stop it to replay here");
            return 1;
        }
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(dataDir)); Site base = StoredSite.load(siteFile, store, dataDir)) {
            Site now = ConfigLifecycle.configured(base, store);
            Review review = DryRun.review(DryRun.under(now, candidate, first), store, first, last.plusDays(1), g, false, Clock.systemUTC());
            print(review);
            return 0;
        } catch (PackageRefusedException e) {
            System.err.println("replay: " + candidate.label() + " does not apply to this site: " + e.getMessage());
            return 1;
        } catch (InvalidConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        } catch (StoreException e) {
            System.err.println("replay: " + e.getMessage());
            return 1;
        }
    }

    private void print(Review r) {
        switch (format) {
            case "json" -> System.out.println(r.toJson());
            case "csv" -> {
                System.out.println("bucket,node,key,unit,stored,replayed,difference");
                for (Review.Figure f : r.figures()) {
                    System.out.println(String.join(",", f.bucket().toString(), csv(f.node()), csv(f.key()), csv(f.unit()), num(f.stored()),
                            num(f.replayed()), num(f.difference())));
                }
                System.out.println();
                System.out.println("class,unit,stored,replayed,difference");
                for (Review.ClassTotal t : r.totals()) {
                    System.out.println(String.join(",", csv(t.emissionClass()), csv(t.unit()), num(t.stored()), num(t.replayed()),
                            num(t.difference())));
                }
                if (r.measuredLeftOut() > 0) {
                    System.out.println();
                    System.out.println("measured_left_out");
                    System.out.println(r.measuredLeftOut());
                }
            }
            default -> {
                System.out.printf("%-22s %-24s %-14s %-8s %14s %14s %14s%n", "bucket", "node", "key", "unit", "stored", "replayed", "difference");
                for (Review.Figure f : r.figures()) {
                    System.out.printf("%-22s %-24s %-14s %-8s %14s %14s %14s%n", f.bucket(), f.node(), f.key(), f.unit(), num(f.stored()),
                            num(f.replayed()), num(f.difference()));
                }
                System.out.println();
                System.out.println("totals by class:");
                for (Review.ClassTotal t : r.totals()) {
                    System.out.printf("  %-20s %14s → %14s %-8s (%s)%n", t.emissionClass(), num(t.stored()), num(t.replayed()), t.unit(),
                            t.stored() == 0 ? "-" : String.format(Locale.ROOT, "%+.3f %%", 100 * t.difference() / t.stored()));
                }
                System.out.println(r.summary());
            }
        }
    }

    /** A CSV field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break, its quotes doubled. */
    static String csv(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    private static String num(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.6f", v);
    }

    private static LocalDate day(String option, String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(option + ": `" + text + "` is not a day; write it as 2026-12-05");
        }
    }
}
