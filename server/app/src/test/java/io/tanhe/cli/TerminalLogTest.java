package io.tanhe.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 12, defect 3: the log was truncated at every start, so the log of a crash was lost. */
class TerminalLogTest {
    @TempDir
    Path dir;

    @Test
    void theLogIsAppendedAcrossRestarts() throws Exception {
        child("first", 3);
        child("second", 3);
        String log = Files.readString(dir.resolve("tanhe.log"));
        assertTrue(log.contains("first done"), "the first start's log is kept:\n" + log);
        assertTrue(log.contains("second done"), log);
    }

    @Test
    void theLogIsRolledBySizeIntoABoundedNumberOfFiles() throws Exception {
        for (int start = 0; start < 4; start++) {
            child("start" + start, 30_000, "-Dtanhe.log.size=1MB", "-Dtanhe.log.files=2"); // ~7 MB per start
        }
        List<String> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("tanhe")).sorted().toList();
        }
        assertEquals(List.of("tanhe.1.log.gz", "tanhe.2.log.gz", "tanhe.log"), files);
        assertTrue(Files.size(dir.resolve("tanhe.log")) < 3L * 1024 * 1024, "tanhe.log is " + Files.size(dir.resolve("tanhe.log")));
        assertTrue(Files.readString(dir.resolve("tanhe.log")).contains("start3 done"));
    }

    @Test
    void aConfigurationFileOfTheUsersOwnWins() throws Exception {
        String mine = TerminalLogTest.class.getResource("user-logback.xml").toString();
        child("user", 3, "-Dlogback.configurationFile=" + mine);
        assertTrue(Files.readString(dir.resolve("user.log")).contains("USER INFO user done"), "the user's file is used");
        assertEquals("", Files.readString(dir.resolve("tanhe.log")), "Tanhe's configuration is not");
    }

    @Test
    void anUnusableSettingIsSaidOnTheConsoleAndInTheLog() throws Exception {
        child("bad", 3, "-Dtanhe.log.size=abc");
        String console = Files.readString(dir.resolve("child.out"));
        assertTrue(console.contains("tanhe: tanhe.log.size=abc is not a size above zero"), console);
        String log = Files.readString(dir.resolve("tanhe.log"));
        assertTrue(log.contains("WARN  io.tanhe.cli.LogConfigurator - tanhe.log.size=abc is not a size"), log);
        assertTrue(log.contains("bad done"), log);
    }

    private void child(String tag, int lines, String... options) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx64m"));
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LogChild.class.getName(), dir.toString(), tag,
                String.valueOf(lines)));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("child.out").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child did not end");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("child.out")));
    }
}
