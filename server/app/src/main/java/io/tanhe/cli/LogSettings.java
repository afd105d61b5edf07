package io.tanhe.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.core.util.FileSize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * What the system properties {@code tanhe.log.level}, {@code tanhe.log.size} and {@code tanhe.log.files} ask of the log
 * (docs/site.md, "The log"). A value that cannot be used is replaced by its default and described in {@link #problems},
 * so that a typo in a service file costs a warning, not the terminal's start.
 *
 * @param level    the root logger's level (default INFO)
 * @param size     the size at which tanhe.log is rolled (default 10MB)
 * @param files    how many rolled files are kept, tanhe.1.log.gz … tanhe.N.log.gz (default 5)
 * @param problems one sentence per unusable value: what was given, what is expected, what is used instead
 */
record LogSettings(Level level, FileSize size, int files, List<String> problems) {
    static final String LEVEL = "tanhe.log.level";
    static final String SIZE = "tanhe.log.size";
    static final String FILES = "tanhe.log.files";
    /** Logback's fixed window spans at most 20 indexes above the first (FixedWindowRollingPolicy.MAX_WINDOW_SIZE). */
    static final int MAX_FILES = 21;
    private static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF", "ALL");
    private static final String DEFAULT_SIZE = "10MB";
    private static final int DEFAULT_FILES = 5;

    LogSettings {
        problems = List.copyOf(problems);
    }

    /** The settings of this JVM's system properties. */
    static LogSettings fromSystemProperties() {
        return from(System::getProperty);
    }

    /** @param property a property's value by name, null when it is not set */
    static LogSettings from(UnaryOperator<String> property) {
        List<String> problems = new ArrayList<>();
        return new LogSettings(level(property.apply(LEVEL), problems), size(property.apply(SIZE), problems),
                files(property.apply(FILES), problems), problems);
    }

    private static Level level(String given, List<String> problems) {
        if (given == null) {
            return Level.INFO;
        }
        String name = given.strip().toUpperCase(Locale.ROOT);
        if (LEVELS.contains(name)) {
            return Level.toLevel(name);
        }
        problems.add(LEVEL + "=" + given + " is not a level (TRACE, DEBUG, INFO, WARN, ERROR or OFF); logging at INFO");
        return Level.INFO;
    }

    private static FileSize size(String given, List<String> problems) {
        if (given != null) {
            try {
                FileSize size = FileSize.valueOf(given.strip());
                if (size.getSize() > 0) {
                    return size;
                }
            } catch (IllegalArgumentException e) {
                // described below, with the default
            }
            problems.add(SIZE + "=" + given + " is not a size above zero (a number with KB, MB or GB, e.g. 50MB); rolling at "
                    + DEFAULT_SIZE);
        }
        return FileSize.valueOf(DEFAULT_SIZE);
    }

    private static int files(String given, List<String> problems) {
        if (given != null) {
            try {
                int files = Integer.parseInt(given.strip());
                if (files >= 1 && files <= MAX_FILES) {
                    return files;
                }
            } catch (NumberFormatException e) {
                // described below, with the default
            }
            problems.add(FILES + "=" + given + " is not a number of rolled files from 1 to " + MAX_FILES + "; keeping "
                    + DEFAULT_FILES);
        }
        return DEFAULT_FILES;
    }
}
