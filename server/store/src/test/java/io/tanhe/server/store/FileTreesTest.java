package io.tanhe.server.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class FileTreesTest {
    @TempDir
    Path tmp;

    @Test
    void deletesAFolderWithNestedFoldersAndFiles() throws IOException {
        Path root = tmp.resolve("scratch");
        Files.createDirectories(root.resolve("a/b/c"));
        Files.writeString(root.resolve("top.txt"), "x");
        Files.writeString(root.resolve("a/b/c/deep.txt"), "y");
        Files.createDirectories(root.resolve("empty"));

        FileTrees.delete(root);

        assertFalse(Files.exists(root));
        assertTrue(Files.isDirectory(tmp), "the folder holding the tree stays");
    }

    @Test
    void aMissingFolderIsNothingToDo() throws IOException {
        Path absent = tmp.resolve("never-made");
        FileTrees.delete(absent);
        assertTrue(FileTrees.deleteQuietly(absent));
        assertFalse(Files.exists(absent));
    }

    @Test
    void aSingleFileIsDeletedAlone() throws IOException {
        Path file = Files.writeString(tmp.resolve("one.txt"), "x");
        Path sibling = Files.writeString(tmp.resolve("two.txt"), "y");

        FileTrees.delete(file);

        assertFalse(Files.exists(file));
        assertEquals("y", Files.readString(sibling));
    }

    @Test
    void aLinkInsideTheTreeIsRemovedButWhatItPointsAtIsKept() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path kept = Files.writeString(outside.resolve("keep.txt"), "precious");
        Path root = Files.createDirectories(tmp.resolve("scratch"));
        Files.createSymbolicLink(root.resolve("link-to-outside"), outside);
        Files.createSymbolicLink(root.resolve("link-to-file"), kept);

        FileTrees.delete(root);

        assertFalse(Files.exists(root));
        assertEquals("precious", Files.readString(kept));
    }

    @Test
    void aLinkGivenAsTheRootIsRemovedWithoutFollowingIt() throws IOException {
        Path target = Files.createDirectories(tmp.resolve("target"));
        Path kept = Files.writeString(target.resolve("keep.txt"), "precious");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), target);

        FileTrees.delete(link);

        assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals("precious", Files.readString(kept));
    }

    @Test
    void aFailureIsReportedAfterEverythingElseIsDeleted() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root may delete from a read-only folder");
        Path root = Files.createDirectories(tmp.resolve("scratch"));
        Path locked = Files.createDirectories(root.resolve("locked"));
        Files.writeString(locked.resolve("stuck.txt"), "x");
        Path free = Files.writeString(root.resolve("free.txt"), "y");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-x------"));
        try {
            IOException e = assertThrows(IOException.class, () -> FileTrees.delete(root));
            assertTrue(e.getMessage().contains("stuck.txt"), e.getMessage());
            assertFalse(Files.exists(free), "the entries that could go are gone");
            assertFalse(FileTrees.deleteQuietly(root));
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
