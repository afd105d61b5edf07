package io.tanhe.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.read.ListAppender;
import io.tanhe.server.api.LogTail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogConfiguratorTest {
    /** The file layout's line: ISO time with offset, thread, level padded to 5, full logger name, message. */
    private static final String FILE_LINE =
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) \\[[^]]+] %s %s - %s";

    @TempDir
    Path dir;
    private final LoggerContext context = new LoggerContext();

    @BeforeEach
    void mdc() {
        context.setMDCAdapter(new LogbackMDCAdapter()); // as SLF4J's provider does for its context
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private LogSettings settings(Map<String, String> properties) {
        return LogSettings.from(properties::get);
    }

    private List<String> lines() throws IOException {
        context.stop(); // closes the file
        return Files.readAllLines(dir.resolve("tanhe.log"));
    }

    @Test
    void aTerminalLogsToTanheLogInTheFileLayoutAndKeepsWarningsInMemory() throws IOException {
        assertTrue(LogConfigurator.apply(context, dir, settings(Map.of())));
        context.getLogger("io.tanhe.x.Thing").info("started {}", 1);
        context.getLogger("io.tanhe.x.Thing").warn("disk low");
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        LogTail recent = assertInstanceOf(RecentLog.class, root.getAppender(RecentLog.NAME));
        assertEquals("disk low", recent.last(10, LogTail.Level.WARN).getFirst().message());
        List<String> lines = lines();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches(FILE_LINE.formatted("INFO ", "io.tanhe.x.Thing", "started 1")), lines.get(0));
        assertTrue(lines.get(1).matches(FILE_LINE.formatted("WARN ", "io.tanhe.x.Thing", "disk low")), lines.get(1));
    }

    @Test
    void theLogIsAppendedNotTruncated() throws IOException {
        Files.writeString(dir.resolve("tanhe.log"), "before the restart\n");
        LogConfigurator.apply(context, dir, settings(Map.of()));
        context.getLogger("a").info("after");
        List<String> lines = lines();
        assertEquals("before the restart", lines.getFirst());
        assertTrue(lines.get(1).endsWith(" - after"), lines.toString());
    }

    @Test
    void theLogIsRolledAtItsSizeIntoTheGivenNumberOfCompressedFiles() throws IOException {
        LogConfigurator.apply(context, dir, settings(Map.of("tanhe.log.size", "10KB", "tanhe.log.files", "2")));
        Logger log = context.getLogger("a");
        String filler = "x".repeat(200);
        for (int i = 0; i < 500; i++) { // ~125 KB: rolled ~12 times, two rolled files kept
            log.info("line {} {}", i, filler);
        }
        long size = Files.size(dir.resolve("tanhe.log"));
        context.stop();
        List<String> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("tanhe.1.log.gz", "tanhe.2.log.gz", "tanhe.log"), files);
        assertTrue(size <= 10 * 1024 + 300, "the size is checked at every line; tanhe.log is " + size);
        assertTrue(Files.readString(dir.resolve("tanhe.log")).contains("line 499 "));
    }

    @Test
    void chattyLibrariesLogWarningsOnlyAndTheLevelPropertySetsTheRest() throws IOException {
        LogConfigurator.apply(context, dir, settings(Map.of("tanhe.log.level", "DEBUG")));
        for (String library : List.of("org.eclipse.jetty.server.Server", "io.javalin.Javalin", "org.drools.x", "org.kie.y")) {
            context.getLogger(library).info("noise");
            context.getLogger(library).warn("{} warns", library);
        }
        context.getLogger("io.tanhe.z").debug("detail");
        context.getLogger("io.tanhe.z").trace("finer");
        List<String> lines = lines();
        assertEquals(5, lines.size(), lines.toString());
        assertFalse(lines.stream().anyMatch(l -> l.contains("noise") || l.contains("finer")), lines.toString());
        assertTrue(lines.getLast().matches(FILE_LINE.formatted("DEBUG", "io.tanhe.z", "detail")), lines.getLast());
    }

    @Test
    void anUnusableValueIsWarnedAboutInTheLog() throws IOException {
        LogConfigurator.apply(context, dir, settings(Map.of("tanhe.log.size", "abc")));
        List<String> lines = lines();
        assertTrue(lines.getFirst().matches(FILE_LINE.formatted("WARN ", LogConfigurator.class.getName(),
                "tanhe.log.size=abc is not a size .*")), lines.toString());
    }

    @Test
    void aLogThatCannotBeOpenedFallsBackToStandardError() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("file"), "");
        ListAppender<ILoggingEvent> problems = new ListAppender<>();
        problems.start();
        context.getLogger(LogConfigurator.class).addAppender(problems);
        assertFalse(LogConfigurator.apply(context, notADirectory, settings(Map.of())));
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertInstanceOf(ConsoleAppender.class, root.getAppender("STDERR"));
        assertEquals(null, root.getAppender("FILE"));
        assertEquals(1, problems.list.size());
        assertTrue(problems.list.getFirst().getFormattedMessage().matches("cannot write the log .*/file/tanhe.log \\(.*Not a directory.*\\);"
                + " logging to standard error"), problems.list.getFirst().getFormattedMessage());
    }

    @Test
    void otherCommandsLogToStandardErrorAtTheLevelProperty() {
        assertFalse(LogConfigurator.apply(context, null, settings(Map.of("tanhe.log.level", "WARN"))));
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ConsoleAppender<?> console = assertInstanceOf(ConsoleAppender.class, root.getAppender("STDERR"));
        assertEquals("System.err", console.getTarget());
        assertEquals(Level.WARN, root.getLevel());
        assertEquals(Level.WARN, context.getLogger("org.eclipse.jetty").getLevel());
    }

    @Test
    void aConfigurationFileOfTheUsersOwnIsLeftToLogback() {
        String before = System.getProperty("logback.configurationFile");
        System.setProperty("logback.configurationFile", "mine.xml");
        try {
            assertEquals(Configurator.ExecutionStatus.NEUTRAL, new LogConfigurator().configure(context));
            assertFalse(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext());
        } finally {
            if (before == null) {
                System.clearProperty("logback.configurationFile");
            } else {
                System.setProperty("logback.configurationFile", before);
            }
        }
    }
}
