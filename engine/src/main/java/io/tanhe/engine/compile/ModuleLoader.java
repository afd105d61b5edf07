package io.tanhe.engine.compile;

import io.tanhe.grammar.ast.Decl;
import io.tanhe.grammar.ast.Header;
import io.tanhe.grammar.ast.SourceFile;
import io.tanhe.grammar.ast.SourceSpan;
import io.tanhe.grammar.diagnostics.Diagnostics;
import io.tanhe.grammar.diagnostics.ErrorCode;
import io.tanhe.grammar.TanheLexer;
import io.tanhe.grammar.parse.Limits;
import io.tanhe.grammar.parse.MethodologyParser;
import io.tanhe.grammar.parse.ParseResult;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
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
 *
 * <p>A relative import is looked up next to the importing file, then in each library folder given
 * (the methodology library: {@code import "shared/combustion.tanhe"} names its shared pieces from
 * any folder; a path that starts with the library folder's own name, such as
 * {@code methodologies/shared/…}, names the same file). Files larger than
 * {@link Limits#MAX_FILE_BYTES}, not valid UTF-8, or imported more than
 * {@link Limits#MAX_IMPORT_DEPTH} deep are refused with a diagnostic; an imported file that is not a
 * methodology or library file is refused without showing its content (E316).
 */
public final class ModuleLoader {
    private final Diagnostics diagnostics = new Diagnostics();
    private final Map<Path, SourceFile> parsed = new LinkedHashMap<>();
    private final Map<String, Path> paths = new HashMap<>();
    private final Map<String, List<String>> sources = new HashMap<>();
    private final Deque<Path> importing = new ArrayDeque<>();
    private final Path base;
    private final List<Path> libraries;

    private ModuleLoader(Path base, List<Path> libraries) {
        this.base = base;
        this.libraries = List.copyOf(libraries);
    }

    /** Loads {@code file}; never throws for bad content, only diagnostics. Imports resolve next to the importing file. */
    public static LoadedProgram load(Path file) {
        return load(file, List.of());
    }

    /**
     * Loads {@code file}; a relative import that is not found next to the importing file is looked up
     * in {@code libraries}, in order (folders, possibly inside a jar's file system).
     */
    public static LoadedProgram load(Path file, List<Path> libraries) {
        ModuleLoader loader = new ModuleLoader(Path.of("").toAbsolutePath(), libraries);
        Path main = file.toAbsolutePath().normalize();
        SourceFile root = loader.loadFile(main, null);
        if (root == null) { // unreadable: an empty file stands for it, the diagnostic says why
            root = new SourceFile(loader.display(main), null, List.of(), List.of());
        }
        if (root.header() != null && root.header().testFile()) {
            return loader.testFile(root, main);
        }
        List<SourceFile> files = new ArrayList<>(loader.parsed.values());
        if (!files.contains(root)) {
            files.add(root);
        }
        return new LoadedProgram(root, files, loader.paths, loader.sources, loader.diagnostics.sorted());
    }

    /** Loads source text that is not on disk (tests, the fuzzer); imports resolve against the working directory. */
    public static LoadedProgram loadText(String displayPath, String text) {
        return loadText(displayPath, text, List.of());
    }

    /** As {@link #loadText(String, String)}, with library folders for imports (see {@link #load(Path, List)}). */
    public static LoadedProgram loadText(String displayPath, String text, List<Path> libraries) {
        ModuleLoader loader = new ModuleLoader(Path.of("").toAbsolutePath(), libraries);
        SourceFile root = loader.parseText(Path.of(displayPath).toAbsolutePath().normalize(), displayPath, text);
        if (root.header() != null && root.header().testFile()) {
            return loader.testFile(root, Path.of(displayPath).toAbsolutePath().normalize());
        }
        List<SourceFile> files = new ArrayList<>(loader.parsed.values());
        return new LoadedProgram(root, files, loader.paths, loader.sources, loader.diagnostics.sorted());
    }

    /**
     * A test file: the methodology it names is loaded as the program, with its own tests replaced by the test
     * file's (which keep their positions in the test file, so diagnostics and outcomes name it). Anything but
     * {@code test} blocks in a test file is E315; a target that cannot be found is E309.
     */
    private LoadedProgram testFile(SourceFile tests, Path testPath) {
        Header.TestTarget target = tests.header().tests();
        for (Decl d : tests.decls()) {
            if (!(d instanceof Decl.TestDecl)) {
                diagnostics.report(ErrorCode.E315, d.span(), "a test file holds only `test` blocks, not `" + d.displayName() + "`",
                        "declare it in the methodology, or test a methodology that has it; a test may set `factor` values");
            }
        }
        Path targetPath = target.path() != null ? resolve(testPath, target.path()) : find(target, testPath);
        SourceFile methodology = targetPath == null ? null : loadFile(targetPath, target.span());
        if (targetPath != null && methodology != null && (methodology.header() == null || methodology.header().library()
                || methodology.header().testFile())) {
            diagnostics.report(ErrorCode.E315, target.span(), "`" + display(targetPath) + "` is not a methodology",
                    "a test file names a file that starts with `methodology`");
            methodology = null;
        }
        if (methodology == null) { // nothing to test against: an empty program, so only the reason above is reported
            SourceFile alone = new SourceFile(tests.path(), null, List.of(), tests.trailingComments());
            return new LoadedProgram(alone, List.of(alone), paths, sources, diagnostics.sorted());
        }
        List<Decl> decls = new ArrayList<>(methodology.decls().stream().filter(d -> !(d instanceof Decl.TestDecl)).toList());
        decls.addAll(tests.declsOf(Decl.TestDecl.class));
        SourceFile merged = new SourceFile(methodology.path(), methodology.header(), decls, methodology.trailingComments());
        List<SourceFile> files = new ArrayList<>();
        for (SourceFile f : parsed.values()) {
            if (f == methodology) {
                files.add(merged);
            } else if (f != tests) {
                files.add(f);
            }
        }
        return new LoadedProgram(merged, files, paths, sources, diagnostics.sorted());
    }

    /** The methodology with the target's id and version: beside the test file, then in each library folder. */
    private Path find(Header.TestTarget target, Path testPath) {
        List<Path> roots = new ArrayList<>();
        if (testPath.getParent() != null) {
            roots.add(testPath.getParent());
        }
        roots.addAll(libraries);
        for (Path root : roots) {
            try (java.util.stream.Stream<Path> walk = Files.walk(root, 3)) {
                for (Path p : walk.filter(f -> f.toString().endsWith(".tanhe") && Files.isRegularFile(f)).sorted().toList()) {
                    if (p.toAbsolutePath().normalize().equals(testPath) || Files.size(p) > Limits.MAX_FILE_BYTES) {
                        continue;
                    }
                    ParseResult r = MethodologyParser.parse(p.toString(), Files.readString(p));
                    if (r.file().header() != null && !r.file().header().library() && !r.file().header().testFile()
                            && r.file().header().id() != null && r.file().header().id().text().equals(target.id().text())
                            && target.version().equals(r.file().header().version())) {
                        return p.toAbsolutePath().normalize();
                    }
                }
            } catch (IOException | RuntimeException e) {
                // an unreadable folder or file is not the one sought; the next root may have it
            }
        }
        diagnostics.report(ErrorCode.E309, target.span(), "methodology `" + target.id().text() + "` version " + target.version()
                + " not found beside this file or in the library", "check the id and version (`tanhe list` shows the library),"
                + " or name the file: `tests \"../folder/file.tanhe\"`");
        return null;
    }

    private SourceFile loadFile(Path file, SourceSpan importedAt) {
        if (parsed.containsKey(file)) {
            return parsed.get(file);
        }
        String display = display(file);
        SourceSpan at = importedAt != null ? importedAt : new SourceSpan(display, 1, 1, 1, 1);
        byte[] bytes;
        try {
            bytes = readAtMost(file, Limits.MAX_FILE_BYTES + 1);
        } catch (IOException e) {
            diagnostics.report(ErrorCode.E309, importedAt != null ? importedAt : new SourceSpan(display, 0, 0, 0, 0),
                    "cannot read `" + display + "`: " + reason(e), readHint());
            return null;
        }
        if (bytes.length > Limits.MAX_FILE_BYTES) {
            diagnostics.report(ErrorCode.E107, at, "`" + display + "` is larger than " + (Limits.MAX_FILE_BYTES >> 20) + " MiB",
                    "a methodology file is a few kilobytes; check that this is the file you meant");
            return null;
        }
        String text = decode(bytes, display);
        if (text == null) {
            return null;
        }
        if (importedAt != null && !startsLikeAMethodology(text)) {
            diagnostics.report(ErrorCode.E316, importedAt, "`" + display + "` is not a methodology or library file",
                    "import `.tanhe` files that start with `library <id>`; the file's content is not shown");
            return null;
        }
        return parseText(file, display, text);
    }

    /** The file's first {@code limit} bytes at most: a device such as /dev/zero never ends. */
    private static byte[] readAtMost(Path file, int limit) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(limit);
        }
    }

    /** The text, or null after reporting the position of the first byte that is not UTF-8. */
    private String decode(byte[] bytes, String display) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            decoder.flush(out);
            return out.flip().toString();
        }
        String before = out.flip().toString();
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < before.length(); i++) {
            if (before.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = before.codePointCount(lineStart, before.length()) + 1;
        sources.put(display, before.lines().toList()); // the text before the bad byte, for the excerpt
        diagnostics.report(ErrorCode.E106, new SourceSpan(display, line, column, line, column),
                String.format("`%s` is not valid UTF-8: byte 0x%02X at line %d, column %d", display,
                        bytes[in.position()] & 0xFF, line, column),
                "save the file as UTF-8 (it may be GBK or UTF-16; e.g. `iconv -f GBK -t UTF-8`)");
        return null;
    }

    /** True when the first word of the text, after comments and blanks, is {@code methodology} or {@code library}. */
    private static boolean startsLikeAMethodology(String text) {
        TanheLexer lexer = new TanheLexer(org.antlr.v4.runtime.CharStreams.fromString(text));
        lexer.removeErrorListeners();
        for (org.antlr.v4.runtime.Token t = lexer.nextToken(); t.getType() != org.antlr.v4.runtime.Token.EOF; t = lexer.nextToken()) {
            if (t.getChannel() == org.antlr.v4.runtime.Token.DEFAULT_CHANNEL) {
                return t.getType() == TanheLexer.METHODOLOGY || t.getType() == TanheLexer.LIBRARY;
            }
        }
        return false;
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
                target = resolve(file, imp.path());
            } catch (InvalidPathException e) {
                diagnostics.report(ErrorCode.E309, imp.span(), "`" + imp.path() + "` is not a valid path: " + e.getReason(),
                        "write a path relative to this file, e.g. `../shared/x.tanhe`");
                continue;
            }
            if (importing.contains(target)) {
                String cycle = cycleText(target);
                diagnostics.report(ErrorCode.E310, imp.span(), "import cycle: " + cycle,
                        "move the shared definitions into a file that imports neither");
            } else if (importing.size() >= Limits.MAX_IMPORT_DEPTH) {
                diagnostics.report(ErrorCode.E104, imp.span(), "imports nested more than " + Limits.MAX_IMPORT_DEPTH
                        + " files deep", "import the shared pieces from the methodology directly instead of through a chain");
            } else {
                loadFile(target, imp.span());
            }
        }
        importing.pop();
        parsed.put(file, result.file());
        return result.file();
    }

    /** Next to the importing file; if not there, in the first library that has it; else (not found) next to the file. */
    private Path resolve(Path importer, String imported) {
        Path sibling = importer.resolveSibling(imported).normalize();
        if (libraries.isEmpty() || Files.exists(sibling) || Path.of(imported).isAbsolute()) {
            return sibling;
        }
        for (Path library : libraries) {
            for (Path candidate : candidates(library, imported)) {
                if (Files.exists(candidate)) {
                    return candidate;
                }
            }
        }
        return sibling;
    }

    private static List<Path> candidates(Path library, String imported) {
        List<Path> out = new ArrayList<>();
        try {
            out.add(library.resolve(imported).normalize());
            Path name = library.getFileName();
            String prefix = name == null ? null : name.toString() + "/";
            if (prefix != null && imported.replace('\\', '/').startsWith(prefix)) {
                out.add(library.resolve(imported.replace('\\', '/').substring(prefix.length())).normalize());
            }
        } catch (InvalidPathException e) {
            // not a path in that library's file system: not there
        }
        return out;
    }

    private static String readHint() {
        return "check the path; imports are relative to the importing file";
    }

    private String cycleText(Path target) {
        List<Path> chain = new ArrayList<>(importing);
        java.util.Collections.reverse(chain);
        int from = chain.indexOf(target);
        List<Path> loop = new ArrayList<>(chain.subList(from, chain.size()));
        loop.add(target);
        return loop.stream().map(this::display).collect(Collectors.joining(" -> "));
    }

    /** Relative to the working directory when below it; a file inside a jar (the built-in library) as {@code built-in:/…}. */
    private String display(Path file) {
        if (file.getFileSystem() != FileSystems.getDefault()) {
            return "built-in:" + file;
        }
        Path rel = file.startsWith(base) ? base.relativize(file) : file;
        return rel.toString().replace('\\', '/');
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getClass().getSimpleName() + " " + e.getMessage();
    }
}
