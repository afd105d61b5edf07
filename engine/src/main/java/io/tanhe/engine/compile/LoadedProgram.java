package io.tanhe.engine.compile;

import io.tanhe.grammar.ast.SourceFile;
import io.tanhe.grammar.diagnostics.Diagnostic;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A methodology file and every file it imports, parsed.
 *
 * @param main    the file given to the compiler
 * @param files   every parsed file, imports before the files that import them, main last
 * @param paths   the file system path of each parsed file, by its display path
 * @param sources the text lines of each file by display path, for printing diagnostics
 */
public record LoadedProgram(SourceFile main, List<SourceFile> files, Map<String, Path> paths,
                            Map<String, List<String>> sources, List<Diagnostic> diagnostics) {
    public LoadedProgram {
        files = List.copyOf(files);
        paths = Map.copyOf(paths);
        sources = Map.copyOf(sources);
        diagnostics = List.copyOf(diagnostics);
    }
}
