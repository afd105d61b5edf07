package io.tanhe.drivers.metersim;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Deque;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves a {@link SimMeter} over TCP on 127.0.0.1 (a transparent serial server) or on a pty (the
 * serial path, with socat). Faults queued with {@link #failNext} apply to the next replies in order.
 */
public final class MeterSimulator implements AutoCloseable {
    private final SimMeter meter;
    private final Deque<Fault> faults = new ConcurrentLinkedDeque<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final Random noise = new Random(42);
    private final ServerSocket server;
    private final Closeables open = new Closeables();

    private MeterSimulator(SimMeter meter, ServerSocket server) {
        this.meter = meter;
        this.server = server;
    }

    /** Starts serving on an ephemeral port of 127.0.0.1. */
    public static MeterSimulator tcp(SimMeter meter) throws IOException {
        MeterSimulator sim = new MeterSimulator(meter, new ServerSocket(0, 5, InetAddress.getLoopbackAddress()));
        sim.open.add(sim.server);
        Thread t = new Thread(sim::acceptLoop, "meter-sim-accept");
        t.setDaemon(true);
        t.start();
        return sim;
    }

    /** Starts serving on one end of a pty pair. */
    public static MeterSimulator pty(SimMeter meter, Path pty) throws IOException {
        MeterSimulator sim = new MeterSimulator(meter, null);
        InputStream in = new FileInputStream(pty.toFile());
        OutputStream out = new FileOutputStream(pty.toFile());
        sim.open.add(in);
        sim.open.add(out);
        Thread t = new Thread(() -> sim.serve(in, out, () -> { }), "meter-sim-pty");
        t.setDaemon(true);
        t.start();
        return sim;
    }

    /** The TCP port. */
    public int port() {
        return server.getLocalPort();
    }

    /** The next replies go wrong in these ways, one fault per request. */
    public void failNext(Fault... next) {
        faults.addAll(Arrays.asList(next));
    }

    /** How many complete request frames arrived. */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        open.closeAll();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                Thread t = new Thread(() -> serve(in, out, () -> close(s)), "meter-sim-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(InputStream in, OutputStream out, Runnable disconnect) {
        try {
            byte[] request;
            while ((request = readRequest(in)) != null) {
                requests.incrementAndGet();
                Fault fault = faults.isEmpty() ? Fault.NONE : faults.poll();
                byte[] reply = meter.answer(request, fault);
                if (reply == null || fault == Fault.SILENT) {
                    continue;
                }
                switch (fault) {
                    case GARBAGE_ONLY -> out.write(noise(24));
                    case NOISE_BEFORE_REPLY -> out.write(SimBytes.concat(noise(7), reply));
                    case TRUNCATED -> out.write(Arrays.copyOf(reply, reply.length / 2));
                    case DISCONNECT_MID_FRAME -> {
                        out.write(Arrays.copyOf(reply, reply.length / 2));
                        out.flush();
                        disconnect.run();
                        return;
                    }
                    case ECHO_THEN_REPLY -> out.write(SimBytes.concat(request, reply));
                    default -> out.write(reply);
                }
                out.flush();
            }
        } catch (IOException e) {
            disconnect.run();
        }
    }

    /** One request frame from its start byte 0x68; null at end of stream. */
    private byte[] readRequest(InputStream in) throws IOException {
        int b;
        do {
            b = in.read();
            if (b < 0) {
                return null;
            }
        } while (b != 0x68);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(b);
        for (int i = 1; i < meter.headerLength(); i++) {
            if ((b = in.read()) < 0) {
                return null;
            }
            frame.write(b);
        }
        int rest = b + 2;
        for (int i = 0; i < rest; i++) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            frame.write(c);
        }
        return frame.toByteArray();
    }

    private byte[] noise(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            int v;
            do {
                v = noise.nextInt(256);
            } while (v == 0x68 || v == 0xFE);
            b[i] = (byte) v;
        }
        return b;
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // the simulator is shutting the connection down anyway
        }
    }
}
