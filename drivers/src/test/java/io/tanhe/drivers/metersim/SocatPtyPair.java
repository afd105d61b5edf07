package io.tanhe.drivers.metersim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A pair of connected pseudo-terminals made by socat, standing in for a serial cable: the driver
 * opens one end, the simulated meter the other. Started by the test, stopped by PID.
 */
public final class SocatPtyPair implements AutoCloseable {
    private final Process process;
    private final Path driverEnd;
    private final Path meterEnd;

    private SocatPtyPair(Process process, Path driverEnd, Path meterEnd) {
        this.process = process;
        this.driverEnd = driverEnd;
        this.meterEnd = meterEnd;
    }

    /** Starts socat with links in {@code dir} and waits (at most 5 s) until both ends exist. */
    public static SocatPtyPair start(Path dir) throws IOException, InterruptedException {
        Path a = dir.resolve("ttyDriver");
        Path b = dir.resolve("ttyMeter");
        Process p = new ProcessBuilder("socat", "-d", "-d",
                "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("socat.log").toFile())
                .start();
        SocatPtyPair pair = new SocatPtyPair(p, a, b);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!(Files.exists(a) && Files.exists(b))) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                pair.close();
                throw new IOException("socat did not create the pty pair within 5 s; log: " + Files.readString(dir.resolve("socat.log")));
            }
            Thread.sleep(20);
        }
        return pair;
    }

    public Path driverEnd() {
        return driverEnd;
    }

    public Path meterEnd() {
        return meterEnd;
    }

    /** Stops socat by its PID, waiting at most 5 s. */
    @Override
    public void close() {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
