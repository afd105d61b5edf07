package io.tanhe.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.Duration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tanhe's Logback configuration, built in code (registered in META-INF/services, which Logback asks before its own
 * configurators): reading the same two configurations from XML loaded ~450 more classes (Joran, its model, the JDK's
 * XML parser), ~3 MB of a running terminal's memory (docs/performance.md, session 8, branch log8). Two configurations:
 * <ul>
 *   <li>a running terminal ({@link #logToFiles}, by {@code tanhe run} and {@code tanhe demo}): {@code DIR/tanhe.log},
 *       appended across restarts (the log of a crash survives the next start), rolled when it reaches
 *       {@code tanhe.log.size} into tanhe.1.log.gz … tanhe.N.log.gz, N = {@code tanhe.log.files}, older ones deleted;
 *       and the latest warnings in memory for {@code /api/system} ({@link RecentLog});</li>
 *   <li>every other command: standard error.</li>
 * </ul>
 * Both at {@code tanhe.log.level} (INFO), with Jetty, Javalin, Drools and KIE at WARN. A configuration of the user's own
 * ({@code -Dlogback.configurationFile=…}) wins: it is then read by Logback's XML configurator, as before.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    static final String FILE_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} [%thread] %-5level %logger - %msg%n";
    static final String CONSOLE_PATTERN = "%d{HH:mm:ss.SSS} [%thread] %-5level %logger{36} - %msg%n";
    /** Chatty libraries: their INFO lines say nothing an operator acts on. */
    static final List<String> QUIET = List.of("org.eclipse.jetty", "io.javalin", "org.drools", "org.kie");

    /** The directory of tanhe.log when this JVM runs a terminal; null: standard error. */
    private static volatile Path fileDir;

    /** Logback makes the instance it calls (ServiceLoader). */
    public LogConfigurator() {
    }

    /** Makes the configuration, when Logback starts after this call, the terminal's log files in {@code dir}. */
    static void logToFiles(Path dir) {
        fileDir = dir;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty(ContextInitializer.CONFIG_FILE_PROPERTY) != null) {
            return ExecutionStatus.NEUTRAL; // the user's own file, read by Logback's XML configurator after this one
        }
        apply(context, fileDir, LogSettings.fromSystemProperties());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * Configures {@code context}: the terminal's log files in {@code dir}, or standard error when {@code dir} is null or
     * the log file cannot be opened. Each of the settings' problems is logged as a warning, and also printed to
     * standard error when the log goes to a file.
     *
     * @return whether the log goes to the files in {@code dir}
     */
    static boolean apply(LoggerContext context, Path dir, LogSettings settings) {
        List<String> problems = new ArrayList<>(settings.problems());
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        boolean toFiles = false;
        if (dir != null) {
            RollingFileAppender<ILoggingEvent> file = file(context, dir, settings);
            toFiles = file.isStarted();
            if (toFiles) {
                appenders.add(file);
                appenders.add(started(context, new RecentLog(), RecentLog.NAME));
            } else {
                problems.add("cannot write the log " + file.getFile() + " (" + lastError(context)
                        + "); logging to standard error");
            }
        }
        if (!toFiles) {
            appenders.add(console(context));
        }
        for (String quiet : QUIET) {
            context.getLogger(quiet).setLevel(Level.WARN);
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(settings.level());
        appenders.forEach(root::addAppender);
        Logger log = context.getLogger(LogConfigurator.class);
        for (String problem : problems) {
            if (toFiles) {
                System.err.println("tanhe: " + problem); // the console of `tanhe run`: nobody reads the log file yet
            }
            log.warn(problem);
        }
        return toFiles;
    }

    /** Why an appender did not start: Logback reports it as a status, not as an exception. */
    private static String lastError(LoggerContext context) {
        return context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() == Status.ERROR)
                .reduce((first, last) -> last)
                .map(s -> s.getMessage() + (s.getThrowable() == null ? "" : " " + s.getThrowable().getMessage()))
                .orElse("no reason given");
    }

    private static RollingFileAppender<ILoggingEvent> file(LoggerContext context, Path dir, LogSettings settings) {
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(dir.resolve("tanhe.log").toString());
        file.setAppend(true);
        file.setEncoder(encoder(context, FILE_PATTERN));
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(dir.resolve("tanhe.%i.log.gz").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(settings.files());
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(settings.size());
        // the size at every line (Logback's default: once a minute, which lets a burst overshoot the limit)
        trigger.setCheckIncrement(Duration.buildByMilliseconds(0));
        trigger.start();
        file.setRollingPolicy(rolling);
        file.setTriggeringPolicy(trigger);
        file.start();
        return file;
    }

    private static ConsoleAppender<ILoggingEvent> console(LoggerContext context) {
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setTarget("System.err");
        console.setEncoder(encoder(context, CONSOLE_PATTERN));
        return started(context, console, "STDERR");
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }

    private static <A extends Appender<ILoggingEvent>> A started(LoggerContext context, A appender, String name) {
        appender.setContext(context);
        appender.setName(name);
        appender.start();
        return appender;
    }
}
