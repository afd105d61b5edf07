package io.tanhe.server.terminal.lifecycle;

import io.tanhe.engine.time.Grain;
import io.tanhe.server.recompute.LatePlant;
import io.tanhe.server.security.audit.AuditActor;
import io.tanhe.server.store.ConfigPackage;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.terminal.Terminal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A terminal process for {@link LifecycleCrashTest}. {@code crash DIR STATE KIND}: the late-data plant with yesterday's
 * readings, a trusted signed package — {@code factors}: ox_coal 98 %; {@code methodology}: cn.power-generation 2022.2 with
 * the coal combustion halved — pushed, staged from yesterday and activated; when the
 * package's state {@code STATE} has been stored, prints {@code at STATE} and waits to be killed. {@code recover DIR
 * EXPECTED}: opens the terminal again (which resumes what was interrupted), waits until the package is in
 * {@code EXPECTED} and the closed days are recomputed, prints {@code state S day V version M} (M: the methodology version
 * running) and closes.
 */
public final class LifecycleCrashChild {
    static final Instant YESTERDAY = LatePlant.local("2025-10-02T00:00");

    private LifecycleCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        Path dir = Path.of(args[1]);
        if (args[0].equals("crash")) {
            SignedPackages.trust(dir.resolve("data"), false);
        }
        Terminal t = LatePlant.open(dir.resolve("site"), dir.resolve("data"), Duration.ofMillis(50));
        if (args[0].equals("crash")) {
            PackageState stop = PackageState.of(args[2]);
            LatePlant.deliver(t, LatePlant.yesterdayEvening());
            while (t.openWindowFrom().orElse(Instant.MIN).isBefore(YESTERDAY.plus(Duration.ofDays(1)))
                    || t.store().results().current("coal_combustion", "unit1", Grain.DAY, TimeRange.of(YESTERDAY, YESTERDAY.plusSeconds(1))).isEmpty()) {
                Thread.sleep(20);
            }
            LatePlant.settle(t);
            t.lifecycle().onStep(s -> {
                if (s == stop) {
                    out.println("at " + s.code());
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            AuditActor admin = new AuditActor("admin", "sysadmin", "127.0.0.1");
            io.tanhe.server.packages.ConfigPackage signed = args[3].equals("methodology")
                    ? SignedPackages.methodology(dir.resolve("work"), "2022.2", "")
                    : SignedPackages.oxidation(dir.resolve("work"), "2026.1", "98", SignedPackages.AUTHOR);
            ConfigPackage p = t.lifecycle().upload(Candidate.fromPackage(signed.toBytes(), "crash test"), admin);
            t.lifecycle().stage(p.id(), YESTERDAY, admin);
            t.lifecycle().activate(p.id(), admin);
            Thread.sleep(Long.MAX_VALUE); // the self-test and active states come on the lifecycle's thread
        }
        String expected = args[2];
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        ConfigPackage p = t.store().packages().get(1).orElseThrow();
        while (!p.state().equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            p = t.store().packages().get(1).orElseThrow();
        }
        while (t.openWindowFrom().isPresent() && t.store().recomputeQueue()
                .firstPendingDay(t.openWindowFrom().get().atZone(LatePlant.ZONE).toLocalDate()).isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        LatePlant.settle(t);
        double day = t.store().results().current("coal_combustion", "unit1", Grain.DAY, TimeRange.of(YESTERDAY, YESTERDAY.plusSeconds(1)))
                .get(0).result().value();
        out.println("state " + p.state() + " day " + String.format(java.util.Locale.ROOT, "%.4f", day) + " version "
                + t.site().methodology().version());
        t.close();
    }
}
