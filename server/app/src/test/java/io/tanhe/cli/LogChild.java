package io.tanhe.cli;

import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/** A child JVM that logs as `tanhe run` does: {@code LogChild DIR TAG LINES}. */
public final class LogChild {
    private LogChild() {
    }

    public static void main(String[] args) {
        TerminalConsole.logTo(Path.of(args[0]));
        var log = LoggerFactory.getLogger(LogChild.class);
        int lines = Integer.parseInt(args[2]);
        String filler = "x".repeat(200);
        for (int i = 0; i < lines; i++) {
            log.info("{} line {} {}", args[1], i, filler);
        }
        log.info("{} done", args[1]);
    }
}
