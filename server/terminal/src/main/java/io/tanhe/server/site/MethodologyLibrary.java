package io.tanhe.server.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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

    /** The library bundled on the classpath (inside the jar, or target/classes in a build). */
    public static MethodologyLibrary bundled() {
        URL url = MethodologyLibrary.class.getClassLoader().getResource(MARKER);
        if (url == null) {
            throw new IllegalStateException("the methodology library is neither in the working directory nor on the "
                    + "classpath (" + MARKER + "); run from the source tree or use the shaded jar");
        }
        try {
            URI uri = url.toURI();
            Path marker;
            if (uri.getScheme().equals("jar")) {
                try {
                    marker = FileSystems.newFileSystem(uri, Map.of()).provider().getPath(uri);
                } catch (FileSystemAlreadyExistsException e) {
                    marker = FileSystems.getFileSystem(uri).provider().getPath(uri);
                }
            } else {
                marker = Path.of(uri);
            }
            return new MethodologyLibrary(marker.getParent().getParent());
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot open the bundled methodology library at " + url + ": " + e, e);
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
