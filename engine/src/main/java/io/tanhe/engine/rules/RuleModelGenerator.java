package io.tanhe.engine.rules;

import org.drools.codegen.common.GeneratedFile;
import org.drools.compiler.builder.impl.KnowledgeBuilderConfigurationImpl;
import org.drools.model.codegen.execmodel.ModelBuilderImpl;
import org.drools.model.codegen.execmodel.PackageSources;
import org.kie.api.KieServices;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.KnowledgeBuilderResult;
import org.kie.internal.io.ResourceFactory;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Build-time tool: turns each shipped DRL file into Drools' executable model (Java sources compiled to classes), so
 * that a terminal running the shipped rules builds its rules base without the DRL parser, MVEL and the Java compiler
 * (see {@link PrecompiledModels}). Run by Maven after a module's classes are compiled:
 * <pre>RuleModelGenerator &lt;work dir&gt; &lt;classes dir&gt; &lt;DRL folder&gt;...</pre>
 * Every {@code .drl} under the folders (not under {@code target/} or {@code src/} below them) is compiled on its own:
 * the sources go to {@code <work dir>/sources}, the classes to {@code <work dir>/classes} and then into the classes
 * dir, with one {@code io/tanhe/engine/rules/precompiled/<SHA-256 of the DRL text>.model} resource naming the file's
 * model classes. The previous run's outputs are removed first, so a deleted or edited DRL leaves nothing behind.
 * A file the executable model rejects, or that fails the unit-guard check, is left out with a warning: the terminal
 * then compiles that rule set from DRL, which reports the problem.
 */
public final class RuleModelGenerator {
    private RuleModelGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: RuleModelGenerator <work dir> <classes dir> <DRL folder>...");
        }
        Path work = Path.of(args[0]);
        Path classes = Path.of(args[1]);
        List<Path> drls = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            drls.addAll(drlFiles(Path.of(args[i])));
        }
        removePrevious(work, classes);
        Path sources = work.resolve("sources");
        Path staged = work.resolve("classes");
        Map<Path, String> written = new HashMap<>();
        List<Path> javaFiles = new ArrayList<>();
        int models = 0;
        for (Path drl : drls) {
            String text = Files.readString(drl, StandardCharsets.UTF_8);
            List<String> names = generate(drl, text, sources, written, javaFiles);
            if (!names.isEmpty()) {
                Path index = staged.resolve(PrecompiledModels.indexPath(text));
                Files.createDirectories(index.getParent());
                Files.writeString(index, String.join("\n", names) + "\n", StandardCharsets.UTF_8);
                models++;
            }
        }
        compile(javaFiles, staged);
        copyTree(staged, classes);
        System.out.println("rule models: " + models + " of " + drls.size() + " DRL files precompiled into " + classes);
    }

    /** The model classes of one DRL file, its sources written under {@code sources}; empty when it is left out. */
    private static List<String> generate(Path drl, String text, Path sources, Map<Path, String> written, List<Path> javaFiles)
            throws IOException {
        List<String> guards = UnitGuards.check(new RuleSource(drl.toString(), text)).stream().map(p -> p.headline()).toList();
        if (!guards.isEmpty()) {
            System.out.println("WARNING rule models: " + drl + " left out (compiled from DRL at run time): " + guards);
            return List.of();
        }
        var conf = KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration().as(KnowledgeBuilderConfigurationImpl.KEY);
        var builder = new ModelBuilderImpl<>(PackageSources::dumpSources, conf,
                KieServices.get().newReleaseId("io.tanhe", "rules", "1"), false);
        var resource = ResourceFactory.newByteArrayResource(text.getBytes(StandardCharsets.UTF_8));
        resource.setSourcePath(drl.toString());
        builder.batch().add(resource, ResourceType.DRL).build();
        if (builder.hasErrors()) {
            System.out.println("WARNING rule models: " + drl + " left out (compiled from DRL at run time): "
                    + builder.getErrors().stream().map(KnowledgeBuilderResult::getMessage).toList());
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (PackageSources pkg : builder.getPackageSources()) {
            List<GeneratedFile> files = new ArrayList<>();
            pkg.collectGeneratedFiles(files);
            for (GeneratedFile f : files) {
                Path target = sources.resolve(f.relativePath());
                String content = new String(f.contents(), StandardCharsets.UTF_8);
                String before = written.putIfAbsent(target, content);
                if (before == null) {
                    Files.createDirectories(target.getParent());
                    Files.writeString(target, content, StandardCharsets.UTF_8);
                    javaFiles.add(target);
                } else if (!before.equals(content)) {
                    throw new IllegalStateException(drl + " generates " + f.relativePath() + " that another DRL file generated "
                            + "differently; give each DRL file a package of its own");
                }
            }
            names.addAll(pkg.getModelNames());
        }
        return names;
    }

    private static void compile(List<Path> javaFiles, Path staged) throws IOException {
        if (javaFiles.isEmpty()) {
            return;
        }
        Files.createDirectories(staged);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> options = new ArrayList<>(List.of("-d", staged.toString(), "-classpath", System.getProperty("java.class.path"),
                "--release", String.valueOf(Runtime.version().feature()), "-proc:none", "-nowarn", "-encoding", "UTF-8"));
        javaFiles.forEach(f -> options.add(f.toString()));
        int status = javac.run(null, null, null, options.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("the generated rule models do not compile (javac exit " + status + "); see above");
        }
    }

    /** Deletes what the last run put into {@code classes} (the files of its staged classes tree) and the work dir. */
    private static void removePrevious(Path work, Path classes) throws IOException {
        Path staged = work.resolve("classes");
        if (Files.isDirectory(staged)) {
            for (Path f : tree(staged)) {
                Files.deleteIfExists(classes.resolve(staged.relativize(f).toString()));
            }
        }
        if (Files.exists(work)) {
            try (Stream<Path> all = Files.walk(work)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        for (Path f : tree(from)) {
            Path target = to.resolve(from.relativize(f).toString());
            Files.createDirectories(target.getParent());
            Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static List<Path> tree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** The DRL files under {@code root}, in name order, leaving out build output and test folders below it. */
    private static List<Path> drlFiles(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> p.toString().endsWith(".drl") && Files.isRegularFile(p))
                    .filter(p -> {
                        Path rel = root.relativize(p);
                        return !rel.startsWith("target") && !rel.startsWith("src");
                    })
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the DRL files under " + root + ": " + e.getMessage(), e);
        }
    }
}
