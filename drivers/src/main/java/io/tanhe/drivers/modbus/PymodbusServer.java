package io.tanhe.drivers.modbus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A pymodbus slave in a child process (Debian's {@code /usr/bin/python3} with python3-pymodbus),
 * serving a register image on 127.0.0.1 over TCP or on a serial device. Used by the benchmark and
 * the tests; stopped by its PID on {@link #close()}.
 */
public final class PymodbusServer implements AutoCloseable {
    /** The interpreter that sees Debian's packages (another python3 on PATH may not). */
    public static final String PYTHON = "/usr/bin/python3";
    private static final String SCRIPT = "/io/tanhe/drivers/modbus/pymodbus_server.py";

    private final Process process;
    private final Path workDir;

    private PymodbusServer(Process process, Path workDir) {
        this.process = process;
        this.workDir = workDir;
    }

    /** Starts a TCP slave on 127.0.0.1:{@code port} with the image JSON (see the script's doc). */
    public static PymodbusServer tcp(int port, String imageJson, Duration startTimeout) throws IOException {
        return start(List.of("tcp", Integer.toString(port)), imageJson, startTimeout);
    }

    /** Starts an RTU slave on a serial device (e.g. one end of a socat pty pair). */
    public static PymodbusServer rtu(String device, int baud, String imageJson, Duration startTimeout) throws IOException {
        return start(List.of("rtu", device, "IMAGE", Integer.toString(baud)), imageJson, startTimeout);
    }

    private static PymodbusServer start(List<String> args, String imageJson, Duration startTimeout) throws IOException {
        Path dir = Files.createTempDirectory("tanhe-pymodbus");
        Path script = dir.resolve("pymodbus_server.py");
        try (InputStream in = PymodbusServer.class.getResourceAsStream(SCRIPT)) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Path image = dir.resolve("image.json");
        Files.writeString(image, imageJson);
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString()));
        cmd.add(args.get(0));
        cmd.add(args.get(1));
        cmd.add(image.toString());
        cmd.addAll(args.subList(Math.min(3, args.size()), args.size()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        PymodbusServer server = new PymodbusServer(p, dir);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            StringBuilder seen = new StringBuilder();
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.contains("ready")) {
                        drainInBackground(out);
                        return "";
                    }
                    seen.append(line).append('\n');
                }
            } catch (IOException e) {
                seen.append(e);
            }
            return seen.toString();
        });
        try {
            String failure = ready.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!failure.isEmpty()) {
                server.close();
                throw new IOException("pymodbus server exited: " + failure.strip()
                        + " (is python3-pymodbus installed? apt-get install -y python3-pymodbus)");
            }
        } catch (TimeoutException | ExecutionException e) {
            server.close();
            throw new IOException("pymodbus server did not start within " + startTimeout, e);
        } catch (InterruptedException e) {
            server.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting pymodbus", e);
        }
        return server;
    }

    private static void drainInBackground(BufferedReader out) {
        Thread t = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // keeps the pipe from filling up; the output is only interesting at start-up
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "pymodbus-output");
        t.setDaemon(true);
        t.start();
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /** Stops the child by PID (TERM, then KILL after 3 s) and removes its files. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (var files = Files.list(workDir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(workDir);
        } catch (IOException e) {
            // a leftover temp file is harmless
        }
    }
}
