package io.tanhe.server.api;

import io.tanhe.server.store.StoreHealth;
import io.tanhe.server.terminal.Terminal;
import io.tanhe.server.uplink.status.CentreStatus;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.RuntimeMXBean;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The system state of §8.2 as {@code /api/system} answers it: hardware (CPU, memory, disk of the data directory),
 * the operating system, the JVM, the application's version and build, uptime, each worker's health, the store,
 * each centre, the cut-off, and the latest warning or error lines of the log. Taken fresh at every request.
 */
final class SystemState {
    /** The build's version and time, written by the app module's build (absent in a module's own tests). */
    static final String BUILD_INFO = "io/tanhe/build.properties";

    private final Terminal terminal;
    private final LogTail log;
    private final Properties build;

    SystemState(Terminal terminal, LogTail log) {
        this.terminal = terminal;
        this.log = log;
        this.build = buildInfo();
    }

    Map<String, Object> take(int lines, LogTail.Level level) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("takenAt", Instant.now().toString());
        out.put("cpu", cpu());
        out.put("memory", memory());
        out.put("disk", disk(terminal.dataDir()));
        out.put("os", os());
        out.put("jvm", jvm());
        out.put("application", application());
        out.put("workers", terminal.workerHealth());
        StoreHealth h = terminal.store().health();
        out.put("store", Map.of("state", h.state().name(), "detail", h.detail(), "since", h.since().toString(),
                "queued", h.queued()));
        List<Map<String, Object>> centres = new ArrayList<>();
        for (CentreStatus c : terminal.uplinkStatus()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("centre", c.centreId());
            m.put("protocol", c.protocol());
            m.put("connected", c.connected());
            m.put("backlog", c.backlog());
            m.put("failures", c.failures());
            m.put("lastError", c.lastErrorOrNull());
            centres.add(m);
        }
        out.put("centres", centres);
        out.put("cutOff", terminal.cutOff().map(c -> Map.of("at", c.at().toString(), "by", c.by(), "from", c.from(),
                "reason", c.reason())).orElse(null));
        out.put("log", Map.of("level", level.name().toLowerCase(java.util.Locale.ROOT), "lines", log.last(lines, level)));
        return out;
    }

    private static Map<String, Object> cpu() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("processors", os.getAvailableProcessors());
        m.put("loadAverage1m", os.getSystemLoadAverage());
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            m.put("systemLoad", sun.getCpuLoad());
            m.put("processLoad", sun.getProcessCpuLoad());
        }
        return m;
    }

    private static Map<String, Object> memory() {
        Map<String, Object> m = new LinkedHashMap<>();
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            m.put("totalBytes", sun.getTotalMemorySize());
            m.put("freeBytes", sun.getFreeMemorySize());
        }
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        m.put("heapUsedBytes", mem.getHeapMemoryUsage().getUsed());
        m.put("heapMaxBytes", mem.getHeapMemoryUsage().getMax());
        m.put("nonHeapUsedBytes", mem.getNonHeapMemoryUsage().getUsed());
        return m;
    }

    static Map<String, Object> disk(Path dir) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", dir.toAbsolutePath().normalize().toString());
        try {
            FileStore fs = Files.getFileStore(dir);
            m.put("totalBytes", fs.getTotalSpace());
            m.put("usableBytes", fs.getUsableSpace());
        } catch (IOException e) {
            m.put("error", e.toString());
        }
        return m;
    }

    private static Map<String, Object> os() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", System.getProperty("os.name"));
        m.put("version", System.getProperty("os.version"));
        m.put("arch", System.getProperty("os.arch"));
        m.put("distribution", distribution());
        return m;
    }

    /** PRETTY_NAME of /etc/os-release (e.g. "Debian GNU/Linux 12 (bookworm)"), or null elsewhere. */
    private static String distribution() {
        Path release = Path.of("/etc/os-release");
        try {
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring("PRETTY_NAME=".length()).replace("\"", "");
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    private static Map<String, Object> jvm() {
        RuntimeMXBean rt = ManagementFactory.getRuntimeMXBean();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vendor", System.getProperty("java.vendor"));
        m.put("version", Runtime.version().toString());
        m.put("vm", rt.getVmName());
        m.put("home", System.getProperty("java.home"));
        m.put("startedAt", Instant.ofEpochMilli(rt.getStartTime()).toString());
        m.put("uptimeSeconds", Duration.ofMillis(rt.getUptime()).toSeconds());
        return m;
    }

    private Map<String, Object> application() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "tanhe");
        m.put("version", build.getProperty("version", "unknown (not a packaged build)"));
        m.put("build", build.getProperty("built", "unknown"));
        // the release folder the launcher started (remote upgrade, §8.4); "base" for the packaged build or the source tree
        m.put("release", System.getProperty("tanhe.release", "base"));
        m.put("site", terminal.site().identity().siteId());
        m.put("methodology", terminal.site().methodology().id() + " " + terminal.site().methodology().version());
        m.put("startedAt", terminal.startedAt().toString());
        m.put("uptimeSeconds", Duration.between(terminal.startedAt(), Instant.now()).toSeconds());
        m.put("api", terminal.apiAddress().orElse(null));
        return m;
    }

    /** The application's version and build time from {@link #BUILD_INFO}; empty when absent. */
    static Properties buildInfo() {
        Properties p = new Properties();
        try (InputStream in = SystemState.class.getClassLoader().getResourceAsStream(BUILD_INFO)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // no build information: shown as unknown
        }
        return p;
    }
}
