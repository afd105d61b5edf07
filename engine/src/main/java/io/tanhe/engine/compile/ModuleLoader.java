package io.tanhe.engine.compile;

import io.tanhe.grammar.ast.Decl;
import io.tanhe.grammar.ast.SourceFile;
import io.tanhe.grammar.ast.SourceSpan;
import io.tanhe.grammar.diagnostics.Diagnostics;
import io.tanhe.grammar.diagnostics.ErrorCode;
import io.tanhe.grammar.parse.MethodologyParser;
import io.tanhe.grammar.parse.ParseResult;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Stage 1: reads a methodology file and, depth first, every file it imports. Each file is parsed
 * once even if imported several times; import cycles and unreadable files are diagnostics.
 */
public final class ModuleLoader {
    private final Diagnostics diagnostics = new Diagnostics();
    private final Map<Path, SourceFile> parsed = new LinkedHashMap<>();
    private final Map<String, Path> paths = new HashMap<>();
    private final Map<String, List<String>> sources = new HashMap<>();
    private final Deque<Path> importing = new ArrayDeque<>();
    private final Path base;

    private ModuleLoader(Path base) {
        this.base = base;
    }

    /** Loads {@code file}; never throws for bad content, only diagnostics. */
    public static LoadedProgram load(Path file) {
        ModuleLoader loader = new ModuleLoader(Path.of("").toAbsolutePath());
        Path main = file.toAbsolutePath().normalize();
        SourceFile root = loader.loadFile(main, null);
        List<SourceFile> files = new ArrayList<>(loader.parsed.values());
        return new LoadedProgram(root, files, loader.paths, loader.sources, loader.diagnostics.sorted());
    }

    /** Loads source text that is not on disk (tests, the fuzzer); imports resolve against the working directory. */
    public static LoadedProgram loadText(String displayPath, String text) {
        ModuleLoader loader = new ModuleLoader(Path.of("").toAbsolutePath());
        SourceFile root = loader.parseText(Path.of(displayPath).toAbsolutePath().normalize(), displayPath, text);
        List<SourceFile> files = new ArrayList<>(loader.parsed.values());
        return new LoadedProgram(root, files, loader.paths, loader.sources, loader.diagnostics.sorted());
    }

    private SourceFile loadFile(Path file, SourceSpan importedAt) {
        if (parsed.containsKey(file)) {
            return parsed.get(file);
        }
        String display = display(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            diagnostics.report(ErrorCode.E309, importedAt != null ? importedAt : new SourceSpan(display, 1, 1, 1, 1),
                    "`" + display + "` is not valid UTF-8", "save the file as UTF-8");
            return null;
        } catch (IOException e) {
            diagnostics.report(ErrorCode.E309, importedAt != null ? importedAt : new SourceSpan(display, 0, 0, 0, 0),
                    "cannot read `" + display + "`: " + reason(e), "check the path; imports are relative to the importing file");
            return null;
        }
        return parseText(file, display, text);
    }

    private SourceFile parseText(Path file, String display, String text) {
        ParseResult result = MethodologyParser.parse(display, text);
        diagnostics.addAll(result.diagnostics());
        paths.put(display, file);
        sources.put(display, text.lines().toList());
        importing.push(file);
        for (Decl.Import imp : result.file().declsOf(Decl.Import.class)) {
            Path target;
            try {
                target = file.resolveSibling(imp.path()).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                diagnostics.report(ErrorCode.E309, imp.span(), "`" + imp.path() + "` is not a valid path: " + e.getReason(),
                        "write a path relative to this file, e.g. `../shared/x.tanhe`");
                continue;
            }
            if (importing.contains(target)) {
                String cycle = cycleText(target);
                diagnostics.report(ErrorCode.E310, imp.span(), "import cycle: " + cycle,
                        "move the shared definitions into a file that imports neither");
            } else {
                loadFile(target, imp.span());
            }
        }
        importing.pop();
        parsed.put(file, result.file());
        return result.file();
    }

    private String cycleText(Path target) {
        List<Path> chain = new ArrayList<>(importing);
        java.util.Collections.reverse(chain);
        int from = chain.indexOf(target);
        List<Path> loop = new ArrayList<>(chain.subList(from, chain.size()));
        loop.add(target);
        return loop.stream().map(this::display).collect(Collectors.joining(" -> "));
    }

    private String display(Path file) {
        Path rel = file.startsWith(base) ? base.relativize(file) : file;
        return rel.toString().replace('\\', '/');
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getClass().getSimpleName() + " " + e.getMessage();
    }
}
