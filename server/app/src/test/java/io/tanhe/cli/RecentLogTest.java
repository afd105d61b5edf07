package io.tanhe.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.tanhe.server.api.LogTail;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecentLogTest {
    private final LoggerContext context = new LoggerContext();

    private LoggingEvent event(Level level, String message, Throwable t) {
        return new LoggingEvent("x", context.getLogger("io.tanhe.Test"), level, message, t, null);
    }

    @Test
    void keepsWarningsAndErrorsOnlyAndFiltersByLevelOldestFirst() {
        RecentLog log = new RecentLog();
        log.setContext(context);
        log.start();
        log.doAppend(event(Level.INFO, "started", null));
        log.doAppend(event(Level.WARN, "slow disk", null));
        log.doAppend(event(Level.ERROR, "store failed", new IllegalStateException("disk full")));
        log.doAppend(event(Level.WARN, "retrying", null));
        List<LogTail.Line> all = log.last(10, LogTail.Level.WARN);
        assertEquals(List.of("slow disk", "store failed [java.lang.IllegalStateException: disk full]", "retrying"),
                all.stream().map(LogTail.Line::message).toList());
        assertEquals(List.of("ERROR"), log.last(10, LogTail.Level.ERROR).stream().map(LogTail.Line::level).toList());
        assertEquals(List.of("retrying"), log.last(1, LogTail.Level.WARN).stream().map(LogTail.Line::message).toList());
    }

    @Test
    void holdsTheLatestFiveHundredLines() {
        RecentLog log = new RecentLog();
        log.setContext(context);
        log.start();
        for (int i = 0; i < RecentLog.CAPACITY + 20; i++) {
            log.doAppend(event(Level.WARN, "line " + i, null));
        }
        List<LogTail.Line> kept = log.last(10_000, LogTail.Level.WARN);
        assertEquals(RecentLog.CAPACITY, kept.size());
        assertEquals("line 20", kept.getFirst().message());
        assertTrue(kept.getLast().message().endsWith(String.valueOf(RecentLog.CAPACITY + 19)));
    }
}
