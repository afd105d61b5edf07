package io.tanhe.server.packages.diff;

import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.compile.Compiler;
import io.tanhe.engine.factors.FactorTableLoad;
import io.tanhe.engine.factors.FactorTableLoader;
import io.tanhe.engine.factors.FactorValue;
import io.tanhe.engine.rules.MethodologyRulesets;
import io.tanhe.engine.rules.threshold.Threshold;
import io.tanhe.engine.rules.threshold.ThresholdFile;
import io.tanhe.engine.rules.threshold.ThresholdLoader;
import io.tanhe.grammar.ast.Decl;
import io.tanhe.grammar.ast.Header;
import io.tanhe.grammar.ast.SourceFile;
import io.tanhe.grammar.diagnostics.Diagnostic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One side of a diff: a methodology version (or factor tables, or thresholds) read and compiled into what
 * {@link MethodologyDiff} compares. Made from a folder or file on disk, or from a package's files.
 *
 * @param name         how the report names this side
 * @param header       the methodology's header, or null when there is no methodology
 * @param decls        every declaration of the methodology and the files it imports, with the file it is in
 * @param factorValues every factor value: in-file values and factor tables
 * @param thresholds   every threshold of the folder's thresholds files
 * @param rules        every DRL rule of the folder and its included rulesets, by name
 * @param files        the raw bytes of each file of the folder, by path relative to it
 * @param problems     compile or load errors (the diff still compares what could be read)
 */
public record Snapshot(String name, Header header, List<PlacedDecl> decls, List<FactorValue> factorValues,
                       List<Threshold> thresholds, Map<String, Rule> rules, Map<String, byte[]> files, List<String> problems) {
    private static final List<String> SUFFIXES = List.of(".tanhe", ".factors.yaml", ".factors.yml", ".factors.json",
            ".drl", ".thresholds.yaml", ".rulesets.yaml");
    private static final Pattern RULE = Pattern.compile("(?m)^\\s*rule\\s+(\"[^\"]+\"|'[^']+'|\\S+)(.*?)^\\s*end\\s*$", Pattern.DOTALL);

    /** A declaration and the file it is in (as the report shows it). */
    public record PlacedDecl(Decl decl, String file) {
    }

    /**
     * A DRL rule.
     *
     * @param name       the rule's name
     * @param normalized its text without comments, whitespace collapsed: equal means a layout-only change
     * @param at         file and line
     */
    public record Rule(String name, String normalized, String at) {
    }

    public Snapshot {
        decls = List.copyOf(decls);
        factorValues = List.copyOf(factorValues);
        thresholds = List.copyOf(thresholds);
        rules = Map.copyOf(rules);
        files = Map.copyOf(files);
        problems = List.copyOf(problems);
    }

    /**
     * The version at {@code fileOrDir}: a methodology file, or a folder holding methodology files, factor tables
     * or thresholds. Imports are looked up in {@code libraries} when not found beside the importing file.
     * {@code root} is what positions are shown relative to (null: as the compiler shows them).
     */
    public static Snapshot of(String name, Path fileOrDir, List<Path> libraries, Path root) {
        Path dir = Files.isDirectory(fileOrDir) ? fileOrDir : fileOrDir.toAbsolutePath().getParent();
        List<Path> own = ownFiles(dir);
        List<Path> methodologies = Files.isDirectory(fileOrDir)
                ? own.stream().filter(p -> p.toString().endsWith(".tanhe")).filter(Snapshot::isMethodology).toList()
                : List.of(fileOrDir);
        String prefix = root == null ? "" : root.toAbsolutePath().normalize() + "/";
        List<String> problems = new ArrayList<>();
        Header header = null;
        List<PlacedDecl> decls = new ArrayList<>();
        Set<String> seenFiles = new LinkedHashSet<>();
        Map<String, FactorValue> values = new LinkedHashMap<>();
        for (Path m : methodologies) {
            Compilation c = Compiler.compile(m, libraries);
            c.diagnostics().stream().filter(Diagnostic::isError).map(d -> d.headline().replace(prefix, "")).forEach(problems::add);
            if (header == null && c.loaded().main().header() != null) {
                header = c.loaded().main().header();
            }
            for (SourceFile f : c.loaded().files()) {
                if (seenFiles.add(f.path())) {
                    for (Decl d : f.decls()) {
                        decls.add(new PlacedDecl(d, f.path().replace(prefix, "")));
                    }
                }
            }
            c.defaults().library().values().forEach(v -> values.putIfAbsent(valueKey(v), v));
        }
        if (methodologies.isEmpty()) {
            List<Path> tables = own.stream().filter(FactorTableLoader::isTableFile).toList();
            for (Path t : tables) {
                FactorTableLoad load = FactorTableLoader.load(t);
                load.problems().forEach(p -> problems.add(p.toString().replace(prefix, "")));
                load.library().ifPresent(lib -> lib.values().forEach(v -> values.putIfAbsent(valueKey(v), v)));
            }
        }
        List<Threshold> thresholds = new ArrayList<>();
        for (Path t : own.stream().filter(p -> p.toString().endsWith(".thresholds.yaml")).toList()) {
            ThresholdFile file = new ThresholdLoader().load(t);
            file.problems().forEach(p -> problems.add(p.toString().replace(prefix, "")));
            thresholds.addAll(file.values());
        }
        Map<String, Rule> rules = new TreeMap<>();
        for (Path drl : MethodologyRulesets.of(dir).files()) {
            readRules(drl, display(drl, prefix), rules);
        }
        Map<String, byte[]> files = new TreeMap<>();
        for (Path p : own) {
            files.put(dir.relativize(p).toString().replace('\\', '/'), read(p));
        }
        return new Snapshot(name, header, decls, new ArrayList<>(values.values()), thresholds, rules, files, problems);
    }

    /** The factor value's identity across versions: factor, key and the first day it applies. */
    static String valueKey(FactorValue v) {
        return v.factor() + (v.key().isEmpty() ? "" : "[" + v.key() + "]") + (v.validFrom() == null ? "" : " from " + v.validFrom());
    }

    private static void readRules(Path drl, String display, Map<String, Rule> into) {
        String text = new String(read(drl), StandardCharsets.UTF_8);
        Matcher m = RULE.matcher(text);
        while (m.find()) {
            String name = m.group(1).replaceAll("^[\"']|[\"']$", "");
            int line = (int) text.substring(0, m.start(1)).chars().filter(ch -> ch == '\n').count() + 1;
            into.put(name, new Rule(name, normalize(m.group(2)), display + ":" + line));
        }
    }

    /** DRL text without {@code //} and {@code /* *}{@code /} comments, whitespace collapsed. */
    static String normalize(String drl) {
        return drl.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)//.*$", " ")
                .replaceAll("\\s+", " ").strip();
    }

    private static String display(Path p, String prefix) {
        String abs = p.toAbsolutePath().normalize().toString();
        if (!prefix.isEmpty() && abs.startsWith(prefix)) {
            return abs.substring(prefix.length());
        }
        Path cwd = Path.of("").toAbsolutePath();
        return p.toAbsolutePath().normalize().startsWith(cwd) ? cwd.relativize(p.toAbsolutePath().normalize()).toString() : abs;
    }

    static boolean isMethodology(Path p) {
        for (String line : new String(read(p), StandardCharsets.UTF_8).lines().toList()) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("//")) {
                continue;
            }
            return l.startsWith("methodology ");
        }
        return false;
    }

    private static List<Path> ownFiles(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> SUFFIXES.stream().anyMatch(s -> p.getFileName().toString().endsWith(s)))
                    .filter(p -> !dir.relativize(p).toString().startsWith("target"))
                    .sorted(Comparator.naturalOrder()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
