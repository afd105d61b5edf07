package io.tanhe.server.api;

import java.util.List;
import java.util.Locale;

/** The latest warning and error lines of the terminal's log, kept in memory by the logging backend. */
public interface LogTail {

    /** Levels a log line can be filtered by, least severe first. */
    enum Level {
        WARN, ERROR;

        /**
         * @throws BadRequest for anything but {@code warn} or {@code error}
         */
        static Level parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadRequest("level", "`" + TimeText.shown(text) + "` is not a log level; use warn (warnings and errors)"
                        + " or error");
            }
        }
    }

    /** One log line: when (an ISO instant), level, logger, thread, the message (with the exception's first line, if any). */
    record Line(String at, String level, String logger, String thread, String message) {
    }

    /** At most {@code n} of the latest lines at {@code min} or above, oldest first. */
    List<Line> last(int n, Level min);

    /** No log kept (a test, or a backend other than Logback). */
    LogTail NONE = (n, min) -> List.of();
}
