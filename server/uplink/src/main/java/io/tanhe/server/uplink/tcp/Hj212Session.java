package io.tanhe.server.uplink.tcp;

import io.tanhe.server.hj212.DataSegment;
import io.tanhe.server.hj212.Hj212Codec;
import io.tanhe.server.hj212.PacketReader;
import io.tanhe.server.hj212.Hj212FormatException;
import io.tanhe.server.hj212.Qn;
import io.tanhe.server.hj212.message.PlatformCommand;
import io.tanhe.server.hj212.message.PlatformCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One TCP connection to an HJ 212 platform. A reader thread cuts incoming bytes into packets:
 * 9014/9013 answers complete the send waiting for them (matched by QN), anything else is a platform
 * command handed to the {@link CommandHandler} on a thread of its own (so a long retrieval never
 * holds up the answers). A packet that does not decode (bad CRC, garbage) is logged and dropped, as
 * the standard says of a command with a bad CRC ([STD17] §6.3). Sending is thread-safe.
 */
public final class Hj212Session implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Hj212Session.class);

    private final String centreId;
    private final Socket socket;
    private final OutputStream out;
    private final PlatformCommands commands;
    private final CommandHandler handler;
    private final Map<Qn, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
    private final ExecutorService commandThread;
    private final Thread reader;
    private final AtomicBoolean open = new AtomicBoolean(true);

    /** What the terminal does with a platform's command. */
    @FunctionalInterface
    public interface CommandHandler {
        /** Answers {@code command} through {@code session}; runs on the session's command thread. */
        void handle(PlatformCommand command, Hj212Session session) throws IOException, AckTimeoutException;
    }

    /** The platform did not answer a packet within timeout × (retries + 1). */
    public static final class AckTimeoutException extends Exception {
        AckTimeoutException(String message) {
            super(message);
        }
    }

    private Hj212Session(String centreId, Socket socket, PlatformCommands commands, CommandHandler handler) throws IOException {
        this.centreId = centreId;
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.commands = commands;
        this.handler = handler;
        this.commandThread = Executors.newSingleThreadExecutor(r -> daemon(r, "uplink-" + centreId + "-commands"));
        this.reader = daemon(this::read, "uplink-" + centreId + "-reader");
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Connects to {@code address} and starts reading.
     *
     * @throws IOException when the connection cannot be made within {@code connectTimeout}
     */
    public static Hj212Session connect(String centreId, InetSocketAddress address, Duration connectTimeout,
                                       PlatformCommands commands, CommandHandler handler) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(address, (int) connectTimeout.toMillis());
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            Hj212Session session = new Hj212Session(centreId, s, commands, handler);
            session.reader.start();
            return session;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** Whether the connection is open. */
    public boolean isOpen() {
        return open.get();
    }

    /** Writes a packet that needs no answer. */
    public void send(DataSegment segment) throws IOException {
        write(Hj212Codec.encode(segment));
    }

    /**
     * Writes a packet and waits for its answer (9014, or 9013 for a notice), resending it with the same
     * QN after each {@code timeout} up to {@code retries} times ([STD17] §6.2). An answer to an earlier
     * sending counts, so a late answer is not a failure.
     *
     * @throws AckTimeoutException when no answer came: the standard then counts communication as unavailable
     * @throws IOException         when the connection fails
     */
    public void sendAwaitingAnswer(DataSegment segment, Duration timeout, int retries) throws IOException, AckTimeoutException {
        Qn qn = segment.qn().orElseThrow(() -> new IllegalArgumentException("a packet awaiting an answer needs a QN"));
        byte[] packet = Hj212Codec.encode(segment);
        CompletableFuture<Void> answer = new CompletableFuture<>();
        waiting.put(qn, answer);
        try {
            for (int attempt = 0; attempt <= retries; attempt++) {
                write(packet);
                try {
                    answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    return;
                } catch (TimeoutException e) {
                    LOG.debug("uplink {}: no answer to QN {} within {} (try {} of {})", centreId, qn.text(), timeout,
                            attempt + 1, retries + 1);
                } catch (ExecutionException e) {
                    throw new IOException(e.getCause().getMessage(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for the answer to QN " + qn.text(), e);
                }
            }
            throw new AckTimeoutException("no answer to QN " + qn.text() + " (CN " + segment.cn() + ") after "
                    + (retries + 1) + " tries of " + timeout.toMillis() + " ms; communication counts as unavailable");
        } finally {
            waiting.remove(qn);
        }
    }

    private void write(byte[] packet) throws IOException {
        if (!open.get()) {
            throw new IOException("connection to centre " + centreId + " is closed");
        }
        try {
            synchronized (out) {
                out.write(packet);
                out.flush();
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void read() {
        try {
            PacketReader packets = new PacketReader(new BufferedInputStream(socket.getInputStream()));
            while (open.get()) {
                byte[] packet = packets.next();
                try {
                    dispatch(commands.parse(Hj212Codec.decode(packet).segment()));
                } catch (Hj212FormatException e) {
                    var refusal = commands.parseUnreadable(packet, e.getMessage());
                    if (refusal.isPresent()) {
                        dispatch(refusal.get());
                    } else {
                        LOG.warn("uplink {}: dropped a packet from the centre: {} ({} bytes)", centreId, e.getMessage(), packet.length);
                    }
                }
            }
        } catch (IOException e) {
            if (open.get()) {
                LOG.info("uplink {}: connection ended: {}", centreId, e.getMessage());
            }
        } finally {
            close();
        }
    }

    private void dispatch(PlatformCommand c) {
        if (c instanceof PlatformCommand.DataAck || c instanceof PlatformCommand.NoticeAck) {
            c.request().qn().map(waiting::get).ifPresent(f -> f.complete(null));
            return;
        }
        commandThread.execute(() -> {
            try {
                handler.handle(c, this);
            } catch (IOException | AckTimeoutException | RuntimeException e) {
                LOG.warn("uplink {}: answering CN {} (QN {}) failed: {}", centreId, c.request().cn(),
                        c.request().qn().map(Qn::text).orElse("-"), e.getMessage());
            }
        });
    }

    /** Closes the connection; waiting sends fail. */
    @Override
    public void close() {
        if (!open.compareAndSet(true, false)) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("uplink {}: closing the socket: {}", centreId, e.getMessage());
        }
        IOException closed = new IOException("connection to centre " + centreId + " closed");
        waiting.values().forEach(f -> f.completeExceptionally(closed));
        commandThread.shutdownNow();
    }
}
