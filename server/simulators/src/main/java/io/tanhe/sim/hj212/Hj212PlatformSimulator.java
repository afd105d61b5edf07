package io.tanhe.sim.hj212;

import io.tanhe.server.hj212.CpArea;
import io.tanhe.server.hj212.CpField;
import io.tanhe.server.hj212.CpItem;
import io.tanhe.server.hj212.DataSegment;
import io.tanhe.server.hj212.FieldSuffix;
import io.tanhe.server.hj212.Flag;
import io.tanhe.server.hj212.Hj212Codec;
import io.tanhe.server.hj212.Hj212FormatException;
import io.tanhe.server.hj212.Timestamps;
import io.tanhe.server.hj212.PacketReader;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A data-centre platform speaking HJ 212-2017 over TCP, for tests, the benchmark and the demo
 * ({@code tanhe hj212 simulate}). It listens on 127.0.0.1, answers every data upload that asks for an
 * answer with 9014 echoing its QN ([STD17] Appendix C.16–C.18), answers 9015 heartbeats with 9013,
 * stores each value once under (CN, DataTime, code) as a platform would, and counts duplicates.
 * It can be taken down and up again (refused connections) and inject {@link SimulatorFaults}.
 * Packets that do not decode are counted and logged, never answered.
 */
public final class Hj212PlatformSimulator implements AutoCloseable {
    /** The CNs that carry data uploads ([STD17] Table 9). */
    private static final Set<String> DATA_CNS = Set.of("2011", "2051", "2061", "2031", "2041");

    private final int port;
    private final Set<String> dataCns;
    private final Consumer<String> log;
    private final SimulatorFaults faults = new SimulatorFaults();
    private final Map<String, ReceivedValue> stored = new ConcurrentHashMap<>();
    private final List<ReceivedValue> arrivals = Collections.synchronizedList(new ArrayList<>());
    private final List<DataSegment> answers = new CopyOnWriteArrayList<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong packets = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong connectionsAccepted = new AtomicLong();
    private volatile ServerSocket server;
    private volatile Socket latest;
    private volatile int lastPort;

    private Hj212PlatformSimulator(int port, Set<String> extraDataCns, Consumer<String> log) {
        this.port = port;
        Set<String> cns = ConcurrentHashMap.newKeySet();
        cns.addAll(DATA_CNS);
        cns.addAll(extraDataCns);
        this.dataCns = cns;
        this.log = log;
    }

    /**
     * Starts a simulator on 127.0.0.1:{@code port} (0 picks a free port).
     *
     * @param extraDataCns CNs besides the standard's that carry data (a profile's monthly CN)
     * @param log          receives one line per packet in and out (e.g. {@code System.out::println}); may ignore them
     */
    public static Hj212PlatformSimulator start(int port, Set<String> extraDataCns, Consumer<String> log) throws IOException {
        Hj212PlatformSimulator s = new Hj212PlatformSimulator(port, extraDataCns, log);
        s.up();
        return s;
    }

    /** The port it listens on (the chosen one when started with 0). */
    public int port() {
        return lastPort != 0 ? lastPort : port;
    }

    /** The faults to inject. */
    public SimulatorFaults faults() {
        return faults;
    }

    /** Listens again (on the same port) after {@link #down}. */
    public synchronized void up() throws IOException {
        if (server != null) {
            return;
        }
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), lastPort != 0 ? lastPort : port));
        lastPort = s.getLocalPort();
        server = s;
        Thread t = new Thread(() -> accept(s), "hj212-sim-accept-" + lastPort);
        t.setDaemon(true);
        t.start();
    }

    /** Stops listening and drops every connection: the terminal's connections are refused until {@link #up}. */
    public synchronized void down() {
        ServerSocket s = server;
        server = null;
        closeQuietly(s);
        connections.forEach(Hj212PlatformSimulator::closeQuietly);
        connections.clear();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket c = s.accept();
                c.setTcpNoDelay(true);
                connections.add(c);
                latest = c;
                connectionsAccepted.incrementAndGet();
                Thread t = new Thread(() -> serve(c), "hj212-sim-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket c) {
        try (c) {
            PacketReader reader = new PacketReader(new BufferedInputStream(c.getInputStream()));
            OutputStream out = c.getOutputStream();
            while (true) {
                byte[] packet = reader.next();
                packets.incrementAndGet();
                DataSegment s;
                try {
                    s = Hj212Codec.decode(packet).segment();
                } catch (Hj212FormatException e) {
                    malformed.incrementAndGet();
                    log.accept("malformed packet dropped: " + e.getMessage());
                    continue;
                }
                log.accept("<- " + s.text());
                if (!handle(s, out, c)) {
                    return;
                }
            }
        } catch (IOException e) {
            connections.remove(c);
        } finally {
            connections.remove(c);
        }
    }

    /** Handles one packet; false when the connection was dropped on purpose. */
    private boolean handle(DataSegment s, OutputStream out, Socket c) throws IOException {
        if (dataCns.contains(s.cn())) {
            record(s);
            if (!s.ackRequested() || faults.takeMissingAck()) {
                return true;
            }
            byte[] ack = Hj212Codec.encode(reply(s, "9014"));
            if (faults.takeDropMidPacket()) {
                write(out, Arrays.copyOf(ack, ack.length / 2));
                c.close();
                return false;
            }
            if (faults.takeGarbage()) {
                write(out, "\u0000garbage##99xx\r\n".getBytes(StandardCharsets.ISO_8859_1));
                byte[] badCrc = ack.clone();
                badCrc[badCrc.length - 3] = (byte) (badCrc[badCrc.length - 3] == '0' ? '1' : '0');
                write(out, badCrc);
            }
            if (faults.takeLateAck()) {
                sendLater(out, ack);
            } else {
                write(out, ack);
            }
            log.accept("-> " + reply(s, "9014").text());
        } else if (s.cn().equals("9015")) {
            write(out, Hj212Codec.encode(reply(s, "9013")));
        } else {
            answers.add(s);
        }
        return true;
    }

    private void sendLater(OutputStream out, byte[] ack) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(faults.lateBy().toMillis());
                write(out, ack);
            } catch (IOException | InterruptedException e) {
                log.accept("late ack not sent: " + e.getMessage());
            }
        }, "hj212-sim-late-ack");
        t.setDaemon(true);
        t.start();
    }

    private static void write(OutputStream out, byte[] bytes) throws IOException {
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
    }

    private void record(DataSegment s) {
        LocalDateTime dataTime = s.cp().value("DataTime").map(Timestamps::parse).orElse(null);
        for (CpItem item : s.cp().items()) {
            for (CpField f : item.fields()) {
                if (f.suffix().filter(x -> x == FieldSuffix.COU).isEmpty()) {
                    continue;
                }
                String code = f.code();
                String flag = item.fields().stream().filter(x -> x.name().equals(code + "-Flag")).map(CpField::value)
                        .findFirst().orElse("");
                ReceivedValue v = new ReceivedValue(s.cn(), dataTime, code, f.value(), flag, s.backfill());
                arrivals.add(v);
                if (stored.putIfAbsent(v.key(), v) != null) {
                    duplicates.incrementAndGet();
                }
            }
        }
    }

    private static DataSegment reply(DataSegment request, String cn) {
        return DataSegment.of(request.qn().orElseThrow(), DataSegment.ST_INTERACTION, cn, request.pw(), request.mn(),
                new Flag(request.version(), false, false), CpArea.EMPTY);
    }

    /**
     * Sends a platform command (e.g. a 2051 retrieval) on the newest connection.
     *
     * @throws IOException when no terminal is connected
     */
    public void send(DataSegment command) throws IOException {
        Socket c = connection();
        write(c.getOutputStream(), Hj212Codec.encode(command));
        log.accept("-> " + command.text());
    }

    /**
     * Writes {@code bytes} as they are on the newest connection, in one write (tests send malformed or
     * cut-off packets, or several packets at once, with it).
     *
     * @throws IOException when no terminal is connected
     */
    public void sendRaw(byte[] bytes) throws IOException {
        Socket c = connection();
        write(c.getOutputStream(), bytes);
        log.accept("-> (" + bytes.length + " raw bytes)");
    }

    /**
     * The newest connection, waiting up to 5 s for one: the terminal may see its connection open a
     * moment before this simulator's accept loop has taken it.
     */
    private Socket connection() throws IOException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            Socket c = latest;
            if (c != null && !c.isClosed()) {
                return c;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("no terminal is connected to the simulator");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for a terminal to connect", e);
            }
        }
    }

    /** Values stored, each (CN, DataTime, code) once. */
    public Map<String, ReceivedValue> stored() {
        return Map.copyOf(stored);
    }

    /** Every value in order of arrival, duplicates included. */
    public List<ReceivedValue> arrivals() {
        synchronized (arrivals) {
            return List.copyOf(arrivals);
        }
    }

    /** The terminal's packets that were not data uploads (9011, 9012, 1011 answers…), in order. */
    public List<DataSegment> answers() {
        return List.copyOf(answers);
    }

    /** The first answer with this CN to the request with this QN text, if it came. */
    public Optional<DataSegment> answer(String cn, String qn) {
        return answers.stream().filter(a -> a.cn().equals(cn) && a.qn().map(q -> q.text().equals(qn)).orElse(false)).findFirst();
    }

    /** Packets received (data, answers, malformed). */
    public long packets() {
        return packets.get();
    }

    /** Values received again under a (CN, DataTime, code) already stored. */
    public long duplicates() {
        return duplicates.get();
    }

    /** Packets that did not decode. */
    public long malformed() {
        return malformed.get();
    }

    /** Connections accepted so far. */
    public long connectionsAccepted() {
        return connectionsAccepted.get();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            // closing a simulator socket that is already gone
        }
    }

    @Override
    public void close() {
        down();
    }
}
