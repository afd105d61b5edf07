package io.tanhe.server.packages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.compile.Compiler;
import io.tanhe.engine.factors.FactorTableLoader;
import io.tanhe.engine.rules.MethodologyRulesets;
import io.tanhe.grammar.ast.Decl;
import io.tanhe.grammar.ast.SourceFile;
import io.tanhe.grammar.diagnostics.Diagnostic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Builds a package from a folder. The kind is the folder's {@code package.yaml} {@code kind:} when it has one,
 * else a methodology when the folder holds a methodology file, else a factor update when it holds factor
 * tables, else a threshold package. A methodology package also takes every file the methodology uses from
 * outside the folder (shared imports, their factor tables, included rulesets), laid out as in the library, so
 * that the package compiles on its own; it is compiled and its in-file tests run, and a compile error or a
 * failing test refuses the build.
 */
public final class PackageBuilder {
    /** The optional build description in the folder: {@code kind}, {@code id}, {@code version}, {@code description}. */
    public static final String DESCRIPTION_FILE = "package.yaml";
    private static final List<String> SUFFIXES = List.of(".tanhe", ".factors.yaml", ".factors.yml", ".factors.json",
            ".drl", ".thresholds.yaml", ".rulesets.yaml", "README.md");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * What to build.
     *
     * @param dir       the folder
     * @param libraries library folders imports are looked up in (as {@code tanhe check} does)
     * @param kind      the kind, or null to take it from {@code package.yaml} or the files
     * @param id        the id, or null for the methodology's id, the factor table's id or {@code package.yaml}'s
     * @param version   the version, or null likewise
     * @param compiler  the compiler's name and version, e.g. {@code tanhe 0.1.0}
     * @param built     the build time
     */
    public record Request(Path dir, List<Path> libraries, PackageKind kind, String id, String version, String compiler,
                          Instant built) {
        public Request {
            libraries = List.copyOf(libraries);
        }
    }

    private PackageBuilder() {
    }

    /**
     * Builds the package.
     *
     * @throws BuildException naming every reason the folder cannot be built
     */
    public static ConfigPackage build(Request r) {
        Path dir = r.dir().toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new BuildException(List.of(r.dir() + " is not a folder; give the folder holding the methodology, factor tables or thresholds"));
        }
        JsonNode described = description(dir);
        List<Path> own = ownFiles(dir);
        List<Path> methodologies = own.stream().filter(p -> p.toString().endsWith(".tanhe"))
                .filter(p -> ContentCheck.isMethodology(read(p))).toList();
        List<Path> tables = own.stream().filter(FactorTableLoader::isTableFile).toList();
        PackageKind kind = r.kind() != null ? r.kind()
                : described.hasNonNull("kind") ? PackageKind.of(described.get("kind").asText())
                : !methodologies.isEmpty() ? PackageKind.METHODOLOGY
                : !tables.isEmpty() ? PackageKind.FACTOR_UPDATE : PackageKind.THRESHOLD;
        List<String> problems = new ArrayList<>();
        if (own.isEmpty()) {
            problems.add(dir + " holds no methodology, factor table or thresholds file");
        }
        Set<Path> used = new LinkedHashSet<>(own);
        String id = first(r.id(), described.path("id").asText(null));
        String version = first(r.version(), described.path("version").asText(null));
        switch (kind) {
            case METHODOLOGY -> {
                if (methodologies.isEmpty()) {
                    problems.add(dir + " holds no methodology file (a .tanhe file starting with `methodology`)");
                }
                for (Path m : methodologies) {
                    Compilation c = Compiler.compile(m, r.libraries());
                    c.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::headline).forEach(problems::add);
                    used.addAll(closure(c));
                    if (c.loaded().main().header() != null && c.loaded().main().header().id() != null) {
                        id = first(id, c.loaded().main().header().id().text());
                        version = first(version, c.loaded().main().header().version());
                    }
                }
                used.addAll(MethodologyRulesets.of(dir).files());
            }
            case FACTOR_UPDATE -> {
                if (tables.isEmpty()) {
                    problems.add(dir + " holds no factor table (*.factors.yaml)");
                }
                for (Path t : tables) {
                    JsonNode table = readYaml(t);
                    id = first(id, table.path("table").asText(null));
                    version = first(version, table.path("version").asText(null));
                }
            }
            case THRESHOLD -> {
                if (own.stream().noneMatch(p -> p.toString().endsWith(".thresholds.yaml"))) {
                    problems.add(dir + " holds no thresholds file (*.thresholds.yaml)");
                }
            }
        }
        if (id == null || id.isBlank()) {
            problems.add("no package id: give --id or write `id:` in " + dir.resolve(DESCRIPTION_FILE));
        }
        if (version == null || version.isBlank()) {
            problems.add("no package version: give --version or write `version:` in " + dir.resolve(DESCRIPTION_FILE));
        }
        Path base = base(dir, r.libraries());
        Map<String, byte[]> files = new TreeMap<>();
        for (Path p : used) {
            Optional<String> path = packagePath(p, base, r.libraries());
            if (path.isEmpty()) {
                problems.add(p + " is used by the package but lies outside " + base + " and the library; move it next to the methodology");
                continue;
            }
            byte[] bytes = read(p);
            byte[] before = files.put(path.get(), bytes);
            if (before != null && !java.util.Arrays.equals(before, bytes)) {
                problems.add(path.get() + " exists both in " + base + " and in the library with different contents; keep one");
            }
        }
        if (!problems.isEmpty()) {
            throw new BuildException(problems);
        }
        String entry = dir.equals(base) ? "" : base.relativize(dir).toString().replace('\\', '/');
        ContentCheck.Result content = ContentCheck.run(files);
        List<String> refused = content.problems().stream().map(Problem::toString).toList();
        if (!refused.isEmpty()) {
            throw new BuildException(refused);
        }
        List<RecordedTest> tests = content.tests().stream().map(t -> new RecordedTest(t.file(), t.title(), t.passed())).toList();
        return ConfigPackage.of(kind, id, version, described.path("description").asText(""), r.compiler(), r.built(), entry, files, tests);
    }

    /** The files of a compilation: every source it loaded and every factor table those name. */
    private static Set<Path> closure(Compilation c) {
        Set<Path> out = new LinkedHashSet<>();
        for (SourceFile f : c.loaded().files()) {
            Path p = c.loaded().paths().get(f.path());
            if (p == null) {
                continue;
            }
            out.add(p.normalize());
            for (Decl d : f.decls()) {
                if (d instanceof Decl.FactorTable t) {
                    Path table = p.resolveSibling(t.path()).normalize();
                    if (Files.isRegularFile(table)) {
                        out.add(table);
                    }
                }
            }
        }
        return out;
    }

    /** The library folder the folder lives in, else the folder's parent: package paths are relative to it. */
    private static Path base(Path dir, List<Path> libraries) {
        for (Path lib : libraries) {
            if (lib.getFileSystem().equals(dir.getFileSystem()) && dir.startsWith(lib.toAbsolutePath().normalize())) {
                return lib.toAbsolutePath().normalize();
            }
        }
        return dir.getParent() == null ? dir : dir.getParent();
    }

    private static Optional<String> packagePath(Path p, Path base, List<Path> libraries) {
        if (p.getFileSystem().equals(base.getFileSystem()) && p.toAbsolutePath().normalize().startsWith(base)) {
            return Optional.of(base.relativize(p.toAbsolutePath().normalize()).toString().replace('\\', '/'));
        }
        for (Path lib : libraries) {
            if (lib.getFileSystem().equals(p.getFileSystem()) && p.toAbsolutePath().normalize().startsWith(lib.toAbsolutePath().normalize())) {
                return Optional.of(lib.toAbsolutePath().normalize().relativize(p.toAbsolutePath().normalize()).toString()
                        .replace('\\', '/'));
            }
        }
        return Optional.empty();
    }

    private static List<Path> ownFiles(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> SUFFIXES.stream().anyMatch(s -> p.getFileName().toString().endsWith(s)))
                    .filter(p -> !dir.relativize(p).toString().startsWith("target"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode description(Path dir) {
        Path file = dir.resolve(DESCRIPTION_FILE);
        if (!Files.isRegularFile(file)) {
            return YAML.createObjectNode();
        }
        JsonNode n = readYaml(file);
        for (var it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!List.of("kind", "id", "version", "description").contains(f)) {
                throw new BuildException(List.of(file + ": unknown field '" + f + "' (package.yaml has kind, id, version, description)"));
            }
        }
        return n;
    }

    private static JsonNode readYaml(Path file) {
        try {
            JsonNode n = YAML.readTree(file.toFile());
            return n == null || !n.isObject() ? YAML.createObjectNode() : n;
        } catch (IOException e) {
            throw new BuildException(List.of(file + ": not YAML: " + e.getMessage()));
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
