package io.tanhe.cli;

import io.tanhe.engine.compile.Compilation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code tanhe list [DIR]}: the methodology library, one line per methodology. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List the methodology library: one line per methodology with its id and version, title,",
                "industry, number of formulas and tests, how many of the defaults it reads are confirmed (confidence A),",
                "second-hand (B) and unverified (C or U), and the factors it reads that ship no default.",
                "Without DIR: ./methodologies when it exists, else the library built into tanhe."})
public final class ListCommand implements Callable<Integer> {
    static final String DEFAULT_DIR = InstalledLibrary.DEFAULT_DIR;

    @Parameters(arity = "0..1", paramLabel = "DIR", description = "a directory searched for *.tanhe (default: ./methodologies when it exists, else the library built into tanhe)")
    Path dir;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        if (dir != null && !Files.isDirectory(dir)) {
            out.println("error: " + dir + " is not a directory; give the folder that holds the methodologies");
            return 2;
        }
        if (dir != null || Files.isDirectory(Path.of(DEFAULT_DIR))) {
            return list(dir != null ? dir : Path.of(DEFAULT_DIR), dir != null ? dir.toString() : DEFAULT_DIR, out);
        }
        return listBuiltIn(out);
    }

    private int listBuiltIn(PrintStream out) {
        try {
            Optional<Path> builtIn = InstalledLibrary.builtIn();
            if (builtIn.isEmpty()) {
                out.println("error: no ./methodologies folder here and no library built into this tanhe; give DIR");
                return 2;
            }
            return list(builtIn.get(), "built-in library", out);
        } catch (IOException e) {
            out.println("error: " + e.getMessage());
            return 2;
        }
    }

    private static int list(Path root, String label, PrintStream out) {
        List<LibraryEntry> entries = new ArrayList<>();
        List<Compilation> broken = new ArrayList<>();
        for (Path file : tanheFiles(root)) {
            LibraryEntry.of(file, broken::add).ifPresent(entries::add);
        }
        entries.sort(Comparator.comparing((LibraryEntry e) -> e.info().id()).thenComparing(e -> e.info().version()));
        entries.forEach(e -> out.println(e.line()));
        for (Compilation c : broken) {
            out.println("error: " + c.loaded().main().path() + " does not compile (" + c.errors()
                    + " errors); run `tanhe check` on it");
        }
        LibraryEntry.DefaultCounts defaults = entries.stream().map(LibraryEntry::defaults)
                .reduce(LibraryEntry.DefaultCounts.NONE, LibraryEntry.DefaultCounts::plus);
        long withoutDefault = entries.stream().filter(e -> !e.noDefault().isEmpty()).count();
        out.println(entries.size() + " methodologies in " + label + ": "
                + entries.stream().mapToInt(LibraryEntry::formulas).sum() + " formulas, "
                + entries.stream().mapToInt(LibraryEntry::tests).sum() + " tests, "
                + defaults + " (each methodology counts the values it reads; shared tables count once per reader), "
                + withoutDefault + " with factors that ship no default");
        return broken.isEmpty() ? 0 : 1;
    }

    private static List<Path> tanheFiles(Path root) {
        try (var walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".tanhe") && Files.isRegularFile(p))
                    .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/src/test/"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }
}
