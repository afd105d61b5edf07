package io.tanhe.cli;

import io.tanhe.server.packages.ConfigPackage;
import io.tanhe.server.packages.PackageDiff;
import io.tanhe.server.packages.PackageFormatException;
import io.tanhe.server.packages.diff.DiffReport;
import io.tanhe.server.packages.diff.MethodologyDiff;
import io.tanhe.server.packages.diff.Snapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tanhe diff OLD NEW}: the semantic differences between two methodology versions or packages. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"The semantic differences between two methodology versions, factor tables, thresholds or packages:",
                "header; sets and members; factors (value, unit, validity, source, confidence); inputs; formulas (the",
                "changed expression with its position in both files); emission classes; tests; rules; thresholds.",
                "Files that changed only in layout or comments are listed as such. Exit code 0 when there are no",
                "differences, 1 when there are."})
public final class DiffCommand implements Callable<Integer> {
    enum Format { TEXT, JSON }

    @Parameters(index = "0", paramLabel = "OLD", description = "a methodology file or folder, or a package (*.tpkg)")
    Path old;
    @Parameters(index = "1", paramLabel = "NEW", description = "likewise")
    Path neu;
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    Format format;

    @Override
    public Integer call() {
        try {
            DiffReport r = MethodologyDiff.between(snapshot(old), snapshot(neu));
            System.out.print(format == Format.JSON ? r.json() : r.text());
            return r.identical() ? 0 : 1;
        } catch (PackageFormatException | IllegalArgumentException | IOException e) {
            System.err.println("diff: " + e.getMessage());
            return 2;
        }
    }

    /** The side at {@code path}: a package file, or a methodology file or folder (imports looked up in the library). */
    static Snapshot snapshot(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(path + ": no such file or folder");
        }
        if (Files.isRegularFile(path) && !path.toString().endsWith(".tanhe")) {
            return PackageDiff.snapshot(ConfigPackage.read(path), path.toString());
        }
        return Snapshot.of(path.toString(), path, InstalledLibrary.importPath(), null);
    }
}
