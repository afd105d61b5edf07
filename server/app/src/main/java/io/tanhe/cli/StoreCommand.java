package io.tanhe.cli;

import io.tanhe.server.store.ReadingFilter;
import io.tanhe.server.store.ResultFilter;
import io.tanhe.server.store.StoreException;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.jdbc.Engine;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.store.jdbc.StoreSettings;
import io.tanhe.server.store.jdbc.TableCopy;
import io.tanhe.server.store.transfer.ImportException;
import io.tanhe.server.store.transfer.ImportReport;
import io.tanhe.server.store.transfer.StoreExport;
import io.tanhe.server.store.transfer.StoreImport;
import io.tanhe.server.store.transfer.TransferFormat;
import io.tanhe.server.terminal.TerminalFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code tanhe store …}: moving, exporting, importing, backing up and restoring the terminal's store. */
@Command(name = "store", mixinStandardHelpOptions = true,
        description = {"The terminal's store: SQLite (default for a new data directory), Derby (existing directories),",
                "PostgreSQL (postgresql://host:port/db?user=NAME&sslmode=require; password from $"
                        + StoreLocation.PASSWORD_VARIABLE + " or $PGPASSWORD).",
                "Stop the terminal before using these on its store."},
        subcommands = {StoreCommand.Migrate.class, StoreCommand.Export.class, StoreCommand.Import.class,
                StoreCommand.Backup.class, StoreCommand.Restore.class, StoreCommand.Checksum.class})
public final class StoreCommand implements Runnable {
    private static final TimeRange ALL = TimeRange.of(Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z"));

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Settings for {@code location}, refusing a data directory a running terminal holds. */
    static StoreSettings settings(String location, String what) {
        StoreSettings settings = StoreLocation.parse(location, System.getenv());
        if (settings.engine() != Engine.POSTGRESQL) {
            Optional<TerminalFile> running = TerminalFile.read(settings.directory()).filter(TerminalFile::processAlive);
            if (running.isPresent()) {
                throw new IllegalArgumentException("a terminal (pid " + running.get().pid() + ") runs on " + settings.directory()
                        + "; stop it before " + what);
            }
        }
        return settings;
    }

    /** Runs {@code work}, turning the store's and the arguments' errors into a message and an exit code. */
    static int guarded(CommandLine.Model.CommandSpec spec, String name, Callable<Integer> work) {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return work.call();
        } catch (IllegalArgumentException | ImportException e) {
            err.println("store " + name + ": " + e.getMessage());
            return 2;
        } catch (StoreException | IOException e) {
            err.println("store " + name + ": " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("store " + name + ": " + e);
            return 1;
        } finally {
            err.flush();
            spec.commandLine().getOut().flush();
        }
    }

    /** {@code tanhe store migrate --from A --to B}. */
    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = {"Copies everything from one store to another of any engine (not into Derby), table by table,",
                    "then verifies row counts and checksums per table. Run it again after an interruption: it",
                    "continues where it stopped and stores nothing twice. Exit code 1 when the copy does not verify."})
    static final class Migrate implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--from", required = true, paramLabel = "DIR|URL", description = "the store to copy")
        String from;

        @Option(names = "--to", required = true, paramLabel = "DIR|URL", description = "the store to copy into (created when absent)")
        String to;

        @Override
        public Integer call() {
            return guarded(spec, "migrate", () -> {
                StoreSettings source = settings(from, "migrating it");
                StoreSettings target = settings(to, "migrating into it");
                if (target.engine() != Engine.POSTGRESQL && !Engine.holdsStore(target.directory())) {
                    target = target.withEngine(Engine.SQLITE);
                }
                PrintWriter err = spec.commandLine().getErr();
                TableCopy.Report report = TableCopy.migrate(source, target, (table, rows) -> {
                    err.printf(Locale.ROOT, "migrate: %s: %d rows copied%n", table, rows);
                    err.flush();
                });
                PrintWriter out = spec.commandLine().getOut();
                printSums(out, report.target());
                out.printf(Locale.ROOT, "migrate: %s (%s) -> %s (%s): %d tables, counts and checksums identical%n",
                        source.where(), source.engine(), target.where(), target.engine(), report.target().size());
                return 0;
            });
        }
    }

    static void printSums(PrintWriter out, Map<String, TableCopy.TableSum> sums) {
        sums.forEach((table, sum) -> out.printf(Locale.ROOT, "%-18s %10d  %s%n", table, sum.rows(), sum.checksum()));
    }

    /** {@code tanhe store checksum STORE}. */
    @Command(name = "checksum", mixinStandardHelpOptions = true,
            description = "Row count and checksum of every table (independent of the engine: compare stores with it).")
    static final class Checksum implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "DIR|URL", description = "the store")
        String store;

        @Override
        public Integer call() {
            return guarded(spec, "checksum", () -> {
                printSums(spec.commandLine().getOut(), TableCopy.checksums(settings(store, "reading it")));
                return 0;
            });
        }
    }

    /** {@code tanhe store export --store S readings|results FILE}. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Writes all raw readings or all current results to a .csv or .json file (streamed).")
    static final class Export implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--store", defaultValue = "data", paramLabel = "DIR|URL", description = "the store (default ${DEFAULT-VALUE})")
        String store;

        @Parameters(index = "0", paramLabel = "readings|results", description = "what to export")
        String what;

        @Parameters(index = "1", paramLabel = "FILE", description = "the file to write (.csv or .json); never overwritten")
        Path file;

        @Override
        public Integer call() {
            return guarded(spec, "export", () -> {
                boolean readings = kind(what);
                TransferFormat format = TransferFormat.of(file);
                if (Files.exists(file)) {
                    throw new IllegalArgumentException(file + " exists; give a new file");
                }
                StoreSettings settings = existing(store);
                try (JdbcStore s = JdbcStore.open(settings);
                     OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
                    StoreExport export = new StoreExport(s);
                    long n = readings ? export.readings(ReadingFilter.of(ALL), format, out)
                            : export.results(ResultFilter.of(ALL), format, out);
                    spec.commandLine().getOut().printf(Locale.ROOT, "export: %d %s -> %s%n", n, what, file);
                }
                return 0;
            });
        }
    }

    /** {@code tanhe store import --store S readings|results FILE}. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Reads raw readings or results from a .csv or .json file as export writes them. The file is",
                    "checked whole first (a bad row stores nothing); importing a file twice stores it once."})
    static final class Import implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--store", defaultValue = "data", paramLabel = "DIR|URL", description = "the store (default ${DEFAULT-VALUE})")
        String store;

        @Parameters(index = "0", paramLabel = "readings|results", description = "what the file holds")
        String what;

        @Parameters(index = "1", paramLabel = "FILE", description = "the file to read (.csv or .json)")
        Path file;

        @Override
        public Integer call() {
            return guarded(spec, "import", () -> {
                boolean readings = kind(what);
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException("no file " + file);
                }
                try (JdbcStore s = JdbcStore.open(settings(store, "importing into it"))) {
                    StoreImport in = new StoreImport(s);
                    ImportReport report = readings ? in.readings(file) : in.results(file);
                    spec.commandLine().getOut().printf(Locale.ROOT, "import: %s: %d rows, %d stored, %d revised, %d unchanged%n",
                            file, report.rows(), report.stored(), report.revised(), report.unchanged());
                }
                return 0;
            });
        }
    }

    /** {@code tanhe store backup --store S DIR}. */
    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = {"A consistent copy of the store in a new directory (Derby: its online backup; SQLite and",
                    "PostgreSQL: a SQLite file). Prints the path restore takes."})
    static final class Backup implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--store", defaultValue = "data", paramLabel = "DIR|URL", description = "the store (default ${DEFAULT-VALUE})")
        String store;

        @Parameters(paramLabel = "DIR", description = "an empty or absent directory for the backup")
        Path target;

        @Override
        public Integer call() {
            return guarded(spec, "backup", () -> {
                try (JdbcStore s = JdbcStore.open(existing(store))) {
                    spec.commandLine().getOut().println("backup: " + s.backup(target));
                }
                return 0;
            });
        }
    }

    /** {@code tanhe store restore --store S BACKUP}. */
    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = {"Replaces the store with a backup made by `tanhe store backup` (of the same engine; a",
                    "PostgreSQL store takes its SQLite backup). Everything stored after the backup is lost."})
    static final class Restore implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--store", defaultValue = "data", paramLabel = "DIR|URL", description = "the store (default ${DEFAULT-VALUE})")
        String store;

        @Parameters(paramLabel = "BACKUP", description = "what backup printed")
        Path backup;

        @Override
        public Integer call() {
            return guarded(spec, "restore", () -> {
                StoreSettings settings = settings(store, "restoring it");
                if (settings.engine() != Engine.POSTGRESQL) {
                    Engine kind = Files.isRegularFile(backup.resolve("service.properties")) ? Engine.DERBY : Engine.SQLITE;
                    if (Engine.holdsStore(settings.directory()) && settings.engine() != kind) {
                        throw new IllegalArgumentException(backup + " is a " + kind + " backup but " + settings.directory()
                                + " holds a " + settings.engine() + " store; restore into an empty directory");
                    }
                    settings = settings.withEngine(kind);
                }
                try (JdbcStore s = JdbcStore.restore(backup, settings)) {
                    spec.commandLine().getOut().printf(Locale.ROOT, "restore: %s (%s) from %s: %d readings, %d results%n",
                            settings.where(), s.engine(), backup, s.readings().count(), s.results().count());
                }
                return 0;
            });
        }
    }

    private static boolean kind(String what) {
        return switch (what) {
            case "readings" -> true;
            case "results" -> false;
            default -> throw new IllegalArgumentException("`" + what + "`: give readings or results");
        };
    }

    /** Settings of a store that must exist already (an export or a backup of nothing is a mistake). */
    private static StoreSettings existing(String location) {
        StoreSettings settings = settings(location, "using it");
        if (settings.engine() != Engine.POSTGRESQL && !Engine.holdsStore(settings.directory())) {
            throw new IllegalArgumentException("no store in " + settings.directory() + " (give the terminal's data directory)");
        }
        return settings;
    }
}
