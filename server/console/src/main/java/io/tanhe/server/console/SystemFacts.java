package io.tanhe.server.console;

import io.tanhe.server.api.ApiServer;
import io.tanhe.server.api.PipelineStatus;
import io.tanhe.server.store.StoreHealth;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the system page shows (§8.2): CPU, memory, disk, OS, application version, uptime, the pipeline's state. */
final class SystemFacts {
    private static final long MB = 1024 * 1024;
    private final ApiServer.Sources s;

    SystemFacts(ApiServer.Sources sources) {
        this.s = sources;
    }

    /** How much of the log's end is read for its recent problems. */
    private static final int LOG_TAIL = 256 * 1024;

    /**
     * The last {@code max} WARN and ERROR lines of the terminal's log ({@code tanhe.log} in the directory the app logs
     * to, system property {@code tanhe.log.dir}), newest last; empty when the terminal logs elsewhere.
     */
    static List<String> recentProblems(int max) {
        String dir = System.getProperty("tanhe.log.dir");
        if (dir == null) {
            return List.of();
        }
        Path log = Path.of(dir, "tanhe.log");
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(0, f.length() - LOG_TAIL);
            byte[] tail = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(tail);
            List<String> lines = new String(tail, StandardCharsets.UTF_8).lines()
                    .filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")).toList();
            return lines.subList(Math.max(0, lines.size() - max), lines.size());
        } catch (IOException e) {
            return List.of("the log " + log + " cannot be read: " + e.getMessage());
        }
    }

    /** Label → value, in the order shown. */
    Map<String, String> facts(Lang lang) {
        Map<String, String> out = new LinkedHashMap<>();
        var id = s.site().identity();
        out.put(Texts.t(lang, "site"), id.siteName() + " (" + id.siteId() + ")");
        var m = s.site().methodology();
        out.put(Texts.t(lang, "methodology"), m.id() + " " + m.version());
        String version = ApiServer.class.getPackage().getImplementationVersion();
        out.put(Texts.t(lang, "version"), version == null ? "0.1.0-SNAPSHOT" : version);
        out.put("Java", Runtime.version().toString());
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        out.put(Texts.t(lang, "os"), os.getName() + " " + os.getVersion() + " " + os.getArch());
        double load = os.getSystemLoadAverage();
        out.put(Texts.t(lang, "cpu"), os.getAvailableProcessors() + (lang == Lang.ZH ? " 核，1 分钟平均负载 " : " cores, load average (1 min) ")
                + (load < 0 ? "—" : String.format(Locale.ROOT, "%.2f", load)));
        Runtime rt = Runtime.getRuntime();
        out.put(Texts.t(lang, "memory"), (rt.totalMemory() - rt.freeMemory()) / MB + " MB / " + rt.maxMemory() / MB + " MB");
        File here = new File(".").getAbsoluteFile();
        out.put(Texts.t(lang, "disk"), here.getUsableSpace() / MB + " MB / " + here.getTotalSpace() / MB + " MB");
        PipelineStatus st = s.status();
        Duration up = Duration.between(st.startedAt(), Instant.now());
        out.put(Texts.t(lang, "uptime"), String.format(Locale.ROOT, "%dd %02d:%02d:%02d", up.toDays(), up.toHoursPart(),
                up.toMinutesPart(), up.toSecondsPart()));
        StoreHealth h = s.store().health();
        out.put(Texts.t(lang, "store"), h.state().name() + (h.detail() == null || h.detail().isEmpty() ? "" : " — " + h.detail()));
        PipelineStatus.Counters c = st.counters();
        out.put(Texts.t(lang, "readings"), String.format(Locale.ROOT, "%,d / %,d / %,d / %,d", c.received(), c.acknowledged(),
                c.duplicates(), c.rejected()) + (lang == Lang.ZH ? "（接收 / 确认 / 重复 / 拒收）" : " (received / acknowledged / duplicate / rejected)"));
        out.put(Texts.t(lang, "workers"), st.deadWorkers().isEmpty() ? "OK" : "FAILED " + st.deadWorkers());
        st.watermark().ifPresent(w -> out.put(Texts.t(lang, "asOf"), w.atZone(s.site().zone()).toLocalDateTime().toString()));
        return out;
    }
}
