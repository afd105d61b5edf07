package io.tanhe.server.site;

import io.tanhe.server.store.FileTrees;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The methodology library a site names by id ({@code library: cn.power-generation}): the
 * {@code methodologies/} folder of the source tree when the terminal runs from one (the working
 * directory or a parent of it), else the copy the methodologies jar carries as classpath resources.
 */
public final class MethodologyLibrary {
    private static final Pattern HEADER = Pattern.compile("(?m)^\\s*methodology\\s+(\\S+)\\s+version\\s+(\\S+)");
    private static final String MARKER = "methodologies/shared/combustion.tanhe";

    private final Path root;

    private MethodologyLibrary(Path root) {
        this.root = root;
    }

    /** The library at {@code root} (a folder holding one folder per guideline). */
    public static MethodologyLibrary at(Path root) {
        return new MethodologyLibrary(root);
    }

    /** The source tree's library if there is one above the working directory, else the bundled one. */
    public static MethodologyLibrary find() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("methodologies");
            if (Files.isRegularFile(candidate.resolve("shared/combustion.tanhe"))) {
                return new MethodologyLibrary(candidate);
            }
        }
        return bundled();
    }

    /**
     * The library bundled on the classpath: target/classes in a build; inside the jar, a copy of the jar's
     * {@code methodologies/} folder in a temporary directory, made once per JVM and deleted at exit.
     */
    public static MethodologyLibrary bundled() {
        return bundledIn(MethodologyLibrary.class.getClassLoader());
    }

    /** The library bundled on {@code loader}'s classpath (tests give their own). */
    static MethodologyLibrary bundledIn(ClassLoader loader) {
        URL url = loader.getResource(MARKER);
        if (url == null) {
            throw new IllegalStateException("the methodology library is neither in the working directory nor on the "
                    + "classpath (" + MARKER + "); run from the source tree or use the shaded jar");
        }
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                return new MethodologyLibrary(FromJar.root(uri));
            }
            return new MethodologyLibrary(Path.of(uri).getParent().getParent());
        } catch (URISyntaxException | IOException | UncheckedIOException e) {
            throw new IllegalStateException("cannot open the bundled methodology library at " + url + ": " + e, e);
        }
    }

    /**
     * The jar's library copied out. A zip file system over the jar, kept open for the paths it hands out, held an
     * index of all of the jar's 52,000 entries (about 14 MB of a terminal's heap, a third of the demo's live data)
     * for 200 methodology files; the copy is a few hundred KB on disk and nothing in the heap. It is read with
     * {@link JarFile}, which shares the central directory the JDK already holds for the class path (a zip file system
     * builds an index of its own: a fifth of a second of a start).
     */
    private static final class FromJar {
        private static final Map<URI, Path> ROOTS = new java.util.HashMap<>();

        static synchronized Path root(URI marker) throws IOException {
            Path root = ROOTS.get(marker);
            if (root == null) {
                root = extract(marker);
                ROOTS.put(marker, root);
            }
            return root;
        }

        private static Path extract(URI marker) throws IOException {
            String spec = marker.getRawSchemeSpecificPart(); // file:/…/tanhe.jar!/methodologies/shared/combustion.tanhe
            int bang = spec.indexOf("!/");
            Path jarPath = Path.of(URI.create(spec.substring(0, bang)));
            String prefix = MARKER.substring(0, MARKER.indexOf('/') + 1);
            Path target = Files.createTempDirectory("tanhe-methodologies-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> FileTrees.deleteQuietly(target), "tanhe-methodologies-cleanup"));
            try (JarFile jar = new JarFile(jarPath.toFile(), false)) {
                for (JarEntry e : (Iterable<JarEntry>) jar.stream().filter(e -> e.getName().startsWith(prefix))::iterator) {
                    Path copy = target.resolve(e.getName().substring(prefix.length())).normalize();
                    if (!copy.startsWith(target)) {
                        throw new IOException("entry " + e.getName() + " of " + jarPath + " points outside the library");
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(copy);
                    } else {
                        Files.createDirectories(copy.getParent());
                        try (InputStream in = jar.getInputStream(e)) {
                            Files.copy(in, copy);
                        }
                    }
                }
            }
            return target;
        }
    }

    public Path root() {
        return root;
    }

    /** The file declaring {@code methodology <id> version <version>}, if the library has one. */
    public Optional<Path> fileOf(String id, String version) {
        return Optional.ofNullable(versions(id).get(version));
    }

    /** The versions of methodology {@code id} in the library, each with its file. */
    public Map<String, Path> versions(String id) {
        return editions().getOrDefault(id, Map.of());
    }

    /** Every methodology id in the library (libraries of shared pieces are not methodologies). */
    public java.util.Set<String> ids() {
        return editions().keySet();
    }

    private Map<String, Map<String, Path>> editions() {
        Map<String, Map<String, Path>> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> p.toString().endsWith(".tanhe") && Files.isRegularFile(p)).sorted().forEach(p -> {
                Matcher m = HEADER.matcher(read(p));
                if (m.find()) {
                    out.computeIfAbsent(m.group(1), k -> new TreeMap<>()).putIfAbsent(m.group(2).replace("\"", ""), p);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the methodology library " + root, e);
        }
        return out;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
