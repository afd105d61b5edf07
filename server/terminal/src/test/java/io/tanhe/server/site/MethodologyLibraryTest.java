package io.tanhe.server.site;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MethodologyLibraryTest {

    @Test
    void aLibraryInAJarIsCopiedOutAndTheJarIsNotLeftOpen(@TempDir Path dir) throws Exception {
        Path jar = jar(dir.resolve("bundle.jar"), Map.of(
                "methodologies/shared/combustion.tanhe", "library shared\n",
                "methodologies/cement-2013/cement.tanhe", "methodology cn.cement version \"2013.1\"\n",
                "methodologies/cement-2013/factors.yaml", "factors: {}\n",
                "io/tanhe/Other.class", "not a methodology"));
        try (URLClassLoader loader = new URLClassLoader(new java.net.URL[]{jar.toUri().toURL()}, null)) {
            MethodologyLibrary library = MethodologyLibrary.bundledIn(loader);

            assertSame(FileSystems.getDefault(), library.root().getFileSystem(), "a copy on disk, not a path into the jar");
            assertEquals(java.util.Set.of("cn.cement"), library.ids());
            Path file = library.fileOf("cn.cement", "2013.1").orElseThrow();
            assertEquals("methodology cn.cement version \"2013.1\"\n", Files.readString(file));
            assertTrue(Files.isRegularFile(file.resolveSibling("factors.yaml")), "the files beside a methodology come along");
            assertTrue(Files.notExists(library.root().resolve("io")), "only the library is copied");
            URI inJar = URI.create("jar:" + jar.toUri());
            assertThrows(FileSystemNotFoundException.class, () -> FileSystems.getFileSystem(inJar),
                    "the zip file system over the jar (an index of all its entries) is closed");
            assertEquals(library.root(), MethodologyLibrary.bundledIn(loader).root(), "copied once per JVM");
        }
    }

    @Test
    void aJarInAFolderWithSpacesAndChineseIsCopiedOut(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("程序 files"));
        Path jar = jar(folder.resolve("tanhe 1.jar"), Map.of(
                "methodologies/shared/combustion.tanhe", "library shared\n",
                "methodologies/cement-2013/cement.tanhe", "methodology cn.cement version \"2013.1\"\n"));
        try (URLClassLoader loader = new URLClassLoader(new java.net.URL[]{jar.toUri().toURL()}, null)) {
            assertEquals(java.util.Set.of("cn.cement"), MethodologyLibrary.bundledIn(loader).ids());
        }
    }

    @Test
    void anEntryPointingOutOfTheLibraryIsRefusedNotWritten(@TempDir Path dir) throws Exception {
        Path jar = jar(dir.resolve("bad.jar"), Map.of(
                "methodologies/shared/combustion.tanhe", "library shared\n",
                "methodologies/../../escaped.tanhe", "methodology cn.evil version \"1\"\n"));
        try (URLClassLoader loader = new URLClassLoader(new java.net.URL[]{jar.toUri().toURL()}, null)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> MethodologyLibrary.bundledIn(loader));
            assertTrue(e.getMessage().contains("points outside the library"), e.getMessage());
        }
        Path escaped = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().getParent().resolve("escaped.tanhe");
        assertTrue(Files.notExists(escaped), "nothing written outside the copy: " + escaped);
    }

    @Test
    void aClasspathWithoutTheLibrarySaysWhatIsMissing() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new java.net.URL[0], null)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> MethodologyLibrary.bundledIn(empty));
            assertTrue(e.getMessage().contains("methodologies/shared/combustion.tanhe"), e.getMessage());
        }
    }

    private static Path jar(Path file, Map<String, String> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
            for (var e : new java.util.TreeMap<>(entries).entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
        return file;
    }
}
