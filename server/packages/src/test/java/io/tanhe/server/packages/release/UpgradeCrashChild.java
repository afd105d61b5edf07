package io.tanhe.server.packages.release;

import io.tanhe.server.packages.PackageKind;
import io.tanhe.server.packages.SigningKey;
import io.tanhe.server.packages.TrustPolicy;
import io.tanhe.server.packages.TrustedKey;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * A process that runs one upgrade (or rollback) and stops dead at a given step, for {@link UpgradeCrashTest} to kill
 * with SIGKILL there: it prints {@code AT <step>} and waits.
 *
 * <p>Arguments: install root, package file, the vendor's key file, the step, {@code upgrade} or {@code rollback}.
 */
public final class UpgradeCrashChild {
    private UpgradeCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Path pkg = Path.of(args[1]);
        SigningKey vendor = SigningKey.load(Path.of(args[2]));
        Upgrader.Step stopAt = Upgrader.Step.valueOf(args[3]);
        TrustPolicy policy = TrustPolicy.defaults().withKey(new TrustedKey(vendor.name(), vendor.publicKey(),
                Set.of(PackageKind.APPLICATION), Set.of()));
        Upgrader upgrader = new Upgrader(new InstallRoot(root), Clock.systemUTC(), Duration.ofMinutes(3), 3, step -> {
            if (step == stopAt) {
                System.out.println("AT " + step);
                System.out.flush();
                try {
                    Thread.sleep(Duration.ofMinutes(5));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        if (args[4].equals("rollback")) {
            upgrader.rollback("asked by the test");
        } else {
            upgrader.upgrade(pkg, policy, "test");
        }
        System.out.println("DONE without reaching " + stopAt);
    }
}
