package io.tanhe.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The methodology library the CLI uses: {@code ./methodologies} when the working directory has one
 * (the repository's), else the copy built into tanhe. {@code tanhe list} lists it, and relative
 * imports that are not found next to the importing file are looked up in it, so that
 * {@code import "shared/combustion.tanhe"} works in any folder.
 */
final class InstalledLibrary {
    static final String DEFAULT_DIR = "methodologies";
    private static final String RESOURCE = "/methodologies";

    private InstalledLibrary() {
    }

    /** {@code ./methodologies} if it is a folder, else the built-in library, else empty. */
    static Optional<Path> root() {
        Path local = Path.of(DEFAULT_DIR);
        if (Files.isDirectory(local)) {
            return Optional.of(local.toAbsolutePath().normalize());
        }
        try {
            return builtIn();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The library folders imports are looked up in, for {@code Compiler.compile(file, libraries)}. */
    static List<Path> importPath() {
        return root().map(List::of).orElse(List.of());
    }

    /**
     * The library built into tanhe: a folder inside the jar (its file system stays open for the life
     * of the process), or the build's resource folder when run from classes; empty if there is none.
     */
    static Optional<Path> builtIn() throws IOException {
        URL url = InstalledLibrary.class.getResource(RESOURCE);
        if (url == null) {
            return Optional.empty();
        }
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return Optional.of(Path.of(uri));
            }
            return Optional.of(jar(uri).getPath(RESOURCE));
        } catch (URISyntaxException e) {
            throw new IOException("cannot read the built-in library at " + url + ": " + e.getMessage(), e);
        }
    }

    private static synchronized FileSystem jar(URI uri) throws IOException {
        try {
            return FileSystems.getFileSystem(uri);
        } catch (FileSystemNotFoundException notYet) {
            try {
                return FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException e) {
                return FileSystems.getFileSystem(uri);
            }
        }
    }
}
