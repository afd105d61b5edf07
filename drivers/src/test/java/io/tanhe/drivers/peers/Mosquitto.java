package io.tanhe.drivers.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real mosquitto broker (Debian package {@code mosquitto}) on 127.0.0.1, started from a generated
 * configuration and stopped by its PID. {@link #restart()} keeps the port, to test reconnects.
 */
public final class Mosquitto implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/mosquitto");

    private final Path dir;
    private final int port;
    private final String listenerConfig;
    private Process process;

    private Mosquitto(Path dir, int port, String listenerConfig) {
        this.dir = dir;
        this.port = port;
        this.listenerConfig = listenerConfig;
    }

    /** An anonymous plain-TCP broker on a free port. */
    public static Mosquitto plain(Path dir) {
        return start(dir, "allow_anonymous true\n");
    }

    /** A broker on a free port; {@code listenerOptions} are added after its {@code listener} line. */
    public static Mosquitto start(Path dir, String listenerOptions) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: apt-get install -y mosquitto (.ci/run does it)");
        }
        int port = FreePort.pick();
        Mosquitto broker = new Mosquitto(dir, port, "listener " + port + " 127.0.0.1\n" + listenerOptions);
        broker.launch();
        return broker;
    }

    public int port() {
        return port;
    }

    public String tcpUri() {
        return "tcp://127.0.0.1:" + port;
    }

    public String sslUri() {
        return "ssl://127.0.0.1:" + port;
    }

    /** Adds a user to a mosquitto password file with Debian's {@code mosquitto_passwd}. */
    public static void addUser(Path passwordFile, String user, String password) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/mosquitto_passwd", "-b", passwordFile.toString(), user, password)
                .redirectErrorStream(true).start();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("mosquitto_passwd failed: " + new String(p.getInputStream().readAllBytes()));
        }
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Kills the broker (losing its sessions, as a crash would) and starts it again on the same port. */
    public void restart() {
        stop();
        launch();
    }

    /** Kills the broker by PID and waits for it to exit. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private void launch() {
        try {
            Path conf = dir.resolve("mosquitto.conf");
            // "user root": as root, mosquitto would otherwise switch to user mosquitto, who cannot read the test's private temp dir
            Files.writeString(conf, listenerConfig + "persistence false\nuser root\n");
            process = new ProcessBuilder(BINARY.toString(), "-c", conf.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            FreePort.awaitListening(port, Duration.ofSeconds(10));
        } catch (IllegalStateException e) {
            stop();
            throw new IllegalStateException(e.getMessage() + "; mosquitto log:\n" + log(), e);
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("mosquitto.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop();
    }
}
