package io.tanhe.sim.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DemoSiteTest {
    @Test
    void theDemoSiteFilesInTheDataDirectoryAreTheOwnersAlone(@TempDir Path dir) throws Exception {
        // issue 12, defect 12: the data directory 0700, its files 0600
        Path data = dir.resolve("data");
        Path site = DemoSite.writeTo(data);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(site.getParent())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(site)));
    }
}
