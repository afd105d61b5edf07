package io.tanhe.bench;

import io.tanhe.drivers.Quality;
import io.tanhe.server.evidence.Bundle;
import io.tanhe.server.evidence.BundleVerifier;
import io.tanhe.server.evidence.BundleWriter;
import io.tanhe.server.evidence.EvidenceSigner;
import io.tanhe.server.evidence.SiteReader;
import io.tanhe.server.evidence.VerifyReport;
import io.tanhe.server.recompute.DayRecompute;
import io.tanhe.server.security.identity.DeviceIdentity;
import io.tanhe.server.site.MethodologyLibrary;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteLoader;
import io.tanhe.server.store.FileTrees;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.store.jdbc.StoreSettings;
import io.tanhe.sim.demo.SimulatedType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code tanhe bench evidence}: a simulated year of a power plant's coal belt scales (one counter reading a minute per
 * unit, the lab's monthly carbon content by hand) stored with its figures at every grain, exported as an evidence
 * bundle and verified — every figure recomputed — in the launcher's heap. Last line:
 * {@code evidence: readings=<n> export_s=<n> verify_s=<n> peak_heap_mb=<n>}.
 */
@Command(name = "evidence", mixinStandardHelpOptions = true,
        description = {"Store a simulated year (counter readings a minute per unit, monthly lab values) with its figures, export",
                "its evidence bundle and verify it (every figure recomputed); the peak heap of export and verify is measured."})
public final class EvidenceBench implements Callable<Integer> {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Option(names = "--days", defaultValue = "365", description = "days simulated (default: ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--units", defaultValue = "2", description = "coal units, each a belt scale read every minute (default: ${DEFAULT-VALUE})")
    int units;

    @Option(names = "--dir", paramLabel = "DIR", description = "work folder (default: a temporary one, removed afterwards)")
    Path dir;

    @Override
    public Integer call() throws Exception {
        System.setProperty("tanhe.log.level", "WARN");
        Path work = dir == null ? Files.createTempDirectory("tanhe-bench-evidence") : Files.createDirectories(dir);
        try {
            return run(work);
        } finally {
            if (dir == null) {
                FileTrees.delete(work);
            }
        }
    }

    private int run(Path work) throws Exception {
        Path siteDir = Files.createDirectories(work.resolve("site"));
        Path siteFile = Files.writeString(siteDir.resolve("site.yaml"), site());
        Path data = work.resolve("data");
        LocalDate first = LocalDate.of(2025, 1, 1);
        LocalDate last = first.plusDays(days - 1);
        long readings = 0;
        try (Site site = new SiteLoader(Clock.systemUTC()).with(new SimulatedType()).load(siteFile);
             JdbcStore store = JdbcStore.open(StoreSettings.at(data))) {
            long t0 = System.nanoTime();
            readings = fill(store, first, last);
            System.err.printf(Locale.ROOT, "bench evidence: %d readings stored in %.1f s; computing the figures day by day%n", readings,
                    (System.nanoTime() - t0) / 1e9);
            DayRecompute figures = new DayRecompute(site, store, Clock.systemUTC());
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                figures.run(d, List.of(), "bench");
                if (d.getDayOfMonth() == 1) {
                    System.err.println("bench evidence: figures of " + d.getMonth() + " stored");
                }
            }
            Path bundle = work.resolve("year.evidence");
            resetPeaks();
            long e0 = System.nanoTime();
            try (OutputStream out = Files.newOutputStream(bundle)) {
                BundleWriter.write(new BundleWriter.Request(store, site, MethodologyLibrary.find().root(), List.of(),
                        EvidenceSigner.device(DeviceIdentity.loadOrCreate(data), "bench-plant"), first, last, Set.of(), "tanhe bench",
                        Instant.now()), out, System.err::println);
            }
            double exportS = (System.nanoTime() - e0) / 1e9;
            long exportPeak = peakHeap();
            resetPeaks();
            long v0 = System.nanoTime();
            VerifyReport report;
            SiteReader reader = (text, origin, d, lib) -> new SiteLoader(Clock.systemUTC()).with(new SimulatedType()).withLibrary(lib)
                    .parse(text, origin, d);
            try (Bundle b = Bundle.open(bundle)) {
                report = BundleVerifier.verify(b, Optional.empty(), reader, Files.createDirectories(work.resolve("verify")), System.err::println);
            }
            double verifyS = (System.nanoTime() - v0) / 1e9;
            long verifyPeak = peakHeap();
            System.out.printf(Locale.ROOT, "bundle %.1f MB; %d figures equal, %d not; max heap %d MB%n", Files.size(bundle) / 1e6,
                    report.equal(), report.differs() + report.notRecomputed() + report.notStored(), Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf(Locale.ROOT, "evidence: readings=%d export_s=%.1f verify_s=%.1f peak_heap_mb=%d%n", readings, exportS, verifyS,
                    Math.max(exportPeak, verifyPeak) >> 20);
            return report.differs() + report.notRecomputed() + report.notStored() == 0 ? 0 : 1;
        }
    }

    /** A minute counter per unit (10 t/h) and the lab's C_ar on the first of each month. */
    private long fill(JdbcStore store, LocalDate first, LocalDate last) {
        Instant from = first.atStartOfDay(ZONE).toInstant();
        Instant to = last.plusDays(1).atStartOfDay(ZONE).toInstant();
        Instant received = to.plus(Duration.ofHours(1));
        List<StoredReading> batch = new ArrayList<>(5000);
        long n = 0;
        for (LocalDate m = first.withDayOfMonth(1); !m.isAfter(last); m = m.plusMonths(1)) {
            for (int u = 1; u <= units; u++) {
                batch.add(new StoredReading("unit" + u + ".coal.c_ar", "", m.atStartOfDay(ZONE).toInstant(), new BigDecimal("0.5" + (m.getMonthValue() % 10)),
                        "tC/t", Quality.MANUAL, "lab", "operator=lab; version 1", received));
                n++;
            }
        }
        long minute = 0;
        for (Instant t = from; !t.isAfter(to); t = t.plus(Duration.ofMinutes(1)), minute++) {
            for (int u = 1; u <= units; u++) {
                BigDecimal total = BigDecimal.valueOf(1000 + minute * (10 + u) / 60.0).setScale(2, java.math.RoundingMode.HALF_UP);
                batch.add(new StoredReading("unit" + u + ".coal.total", "", t, total, "t", Quality.MEASURED, "scale" + u, "", received));
                n++;
            }
            if (batch.size() >= 5000) {
                store.readings().writeAll(List.copyOf(batch)).join();
                batch.clear();
            }
        }
        store.readings().writeAll(List.copyOf(batch)).join();
        return n;
    }

    private String site() {
        StringBuilder devices = new StringBuilder();
        StringBuilder points = new StringBuilder();
        devices.append("    - id: lab\n      type: manual\n      points:\n");
        for (int u = 1; u <= units; u++) {
            devices.append("        - {id: unit").append(u).append(".coal.c_ar, unit: tC/t}\n");
        }
        for (int u = 1; u <= units; u++) {
            devices.append("    - id: scale").append(u).append("\n      type: manual\n      points:\n        - {id: unit").append(u)
                    .append(".coal.total, unit: t}\n");
            points.append("  - point: unit").append(u).append(".coal.total\n    input: coal_burned\n    key: unit").append(u).append('\n');
            points.append("  - point: unit").append(u).append(".coal.c_ar\n    input: coal_c_ar\n    key: unit").append(u)
                    .append("\n    period: month\n");
        }
        return """
                site:
                  enterprise: "Evidence Bench Co."
                  id: bench-plant
                zone: Asia/Shanghai
                methodology:
                  library: cn.power-generation
                  version: "2022.1"
                drivers:
                  devices:
                """ + devices + "points:\n" + points;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks since the last reset: an upper bound of the heap used at once. */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
