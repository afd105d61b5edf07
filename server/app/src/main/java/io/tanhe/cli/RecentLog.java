package io.tanhe.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import io.tanhe.server.api.LogTail;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A Logback appender that keeps the latest {@value #CAPACITY} warning and error lines of a running terminal in
 * memory, for {@code /api/system} (§8.2: error logs over the remote monitoring interface). Declared as
 * {@code RECENT} by {@link LogConfigurator} for a running terminal; lines below WARN are not kept, so a chatty INFO log costs nothing here.
 */
public final class RecentLog extends AppenderBase<ILoggingEvent> implements LogTail {
    /** How many lines are kept. */
    static final int CAPACITY = 500;
    /** The appender's name in the Logback configuration. */
    static final String NAME = "RECENT";

    private final Line[] ring = new Line[CAPACITY];
    private long written;

    @Override
    protected void append(ILoggingEvent e) {
        if (!e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN)) {
            return;
        }
        String message = e.getFormattedMessage();
        IThrowableProxy t = e.getThrowableProxy();
        if (t != null) {
            message = message + " [" + t.getClassName() + ": " + t.getMessage() + "]";
        }
        Line line = new Line(Instant.ofEpochMilli(e.getTimeStamp()).toString(), e.getLevel().toString(), e.getLoggerName(),
                e.getThreadName(), message);
        synchronized (ring) {
            ring[(int) (written % CAPACITY)] = line;
            written++;
        }
    }

    @Override
    public List<Line> last(int n, LogTail.Level min) {
        List<Line> out = new ArrayList<>();
        synchronized (ring) {
            long first = Math.max(0, written - CAPACITY);
            for (long i = written - 1; i >= first && out.size() < n; i--) {
                Line l = ring[(int) (i % CAPACITY)];
                if (min == LogTail.Level.WARN || l.level().equals("ERROR")) {
                    out.add(l);
                }
            }
        }
        return out.reversed();
    }

    /** The running configuration's {@code RECENT} appender, or {@link LogTail#NONE} when logging is configured without it. */
    static LogTail tail() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                && context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender(NAME) instanceof RecentLog recent) {
            return recent;
        }
        return LogTail.NONE;
    }
}
