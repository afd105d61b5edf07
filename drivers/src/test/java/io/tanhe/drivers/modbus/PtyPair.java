package io.tanhe.drivers.modbus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Two connected pseudo-terminals made by socat, the serial line of the RTU tests; stopped by PID. */
final class PtyPair implements AutoCloseable {
    private final Process socat;
    private final Path dir;
    final Path server;
    final Path client;

    PtyPair() throws IOException, InterruptedException {
        dir = Files.createTempDirectory("tanhe-pty");
        server = dir.resolve("ttyS");
        client = dir.resolve("ttyC");
        socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + server, "pty,raw,echo=0,link=" + client)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Files.exists(server) && Files.exists(client))) {
            if (System.nanoTime() > deadline || !socat.isAlive()) {
                close();
                throw new IOException("socat did not create the pty pair (is socat installed? apt-get install -y socat)");
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws InterruptedException {
        socat.destroy();
        if (!socat.waitFor(3, TimeUnit.SECONDS)) {
            socat.destroyForcibly();
        }
        try {
            Files.deleteIfExists(server);
            Files.deleteIfExists(client);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // leftover links in a temp dir are harmless
        }
    }
}
