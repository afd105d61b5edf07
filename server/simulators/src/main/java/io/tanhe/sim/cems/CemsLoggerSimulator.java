package io.tanhe.sim.cems;

import io.tanhe.server.hj212.CpArea;
import io.tanhe.server.hj212.CpField;
import io.tanhe.server.hj212.CpItem;
import io.tanhe.server.hj212.DataFlag;
import io.tanhe.server.hj212.DataSegment;
import io.tanhe.server.hj212.Flag;
import io.tanhe.server.hj212.Hj212Codec;
import io.tanhe.server.hj212.Hj212FormatException;
import io.tanhe.server.hj212.PacketReader;
import io.tanhe.server.hj212.Qn;
import io.tanhe.server.hj212.Timestamps;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A CEMS data logger (数采仪) for the demo and tests: it connects to the terminal, uploads real-time
 * data (CN 2011, ST 31) of a {@link StackProfile} with each value's flag — C during a calibration,
 * D during an analyser fault, as {@code flags} says — asks for an answer, and sends a packet again
 * (up to {@code attempts} times) when no 9014 with its QN comes within the timeout, as a logger does.
 */
public final class CemsLoggerSimulator implements AutoCloseable {
    private final Socket socket;
    private final PacketReader replies;
    private final String mn;
    private final ZoneId zone;
    private final Duration answerTimeout;
    private final int attempts;
    private final List<String> unanswered = new ArrayList<>();
    private int sent;

    private CemsLoggerSimulator(Socket socket, String mn, ZoneId zone, Duration answerTimeout, int attempts) throws IOException {
        this.socket = socket;
        this.replies = new PacketReader(new BufferedInputStream(socket.getInputStream()));
        this.mn = mn;
        this.zone = zone;
        this.answerTimeout = answerTimeout;
        this.attempts = attempts;
    }

    /** Connects to the terminal's {@code hj212-logger} source at {@code host:port}. */
    public static CemsLoggerSimulator connect(String host, int port, String mn, ZoneId zone, Duration answerTimeout, int attempts)
            throws IOException {
        Socket s = new Socket(host, port);
        s.setSoTimeout((int) answerTimeout.toMillis());
        return new CemsLoggerSimulator(s, mn, zone, answerTimeout, attempts);
    }

    /**
     * Uploads one packet per {@code step} from {@code from} (inclusive) to {@code to} (inclusive).
     *
     * @param flags the flag of CO2 (a05001) at each time; the other codes are N
     */
    public void upload(Instant from, Instant to, Duration step, Function<Instant, DataFlag> flags) throws IOException {
        upload(from, to, step, flags, StackProfile::at);
    }

    /**
     * Uploads one packet per {@code step} of the flue gas {@code profile} gives (code → value text).
     *
     * @param flags the flag of CO2 (a05001) at each time; the other codes are N
     */
    public void upload(Instant from, Instant to, Duration step, Function<Instant, DataFlag> flags,
                       Function<Instant, Map<String, String>> profile) throws IOException {
        for (Instant t = from; !t.isAfter(to); t = t.plus(step)) {
            send(packet(t, flags.apply(t), profile.apply(t)));
        }
    }

    /**
     * Uploads the instrument information of a zero/span calibration (HJ 212-2017 3020, Table C.42): the calibration time
     * i13006, the intercept i13007 and the slope i13008 of the instrument {@code polId}, at {@code at}.
     */
    public void calibrationReport(Instant at, String polId, Instant calibrated, String intercept, String slope) throws IOException {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        List<CpItem> items = List.of(CpItem.of("DataTime", Timestamps.format(local)), CpItem.of("PolId", polId),
                CpItem.of(new CpField("i13006-Info", Timestamps.format(LocalDateTime.ofInstant(calibrated, zone)))),
                CpItem.of(new CpField("i13007-Info", intercept)), CpItem.of(new CpField("i13008-Info", slope)));
        // a QN of its own: the real-time upload of the same second has the plain one
        send(DataSegment.of(Qn.at(local.plusNanos(1_000_000)), "31", "3020", "123456", mn, new Flag(Flag.V2017, false, true),
                new CpArea(items)));
    }

    /** QNs of packets that got no answer after every attempt. */
    public List<String> unanswered() {
        return List.copyOf(unanswered);
    }

    /** Packets written, resends included. */
    public int sent() {
        return sent;
    }

    private DataSegment packet(Instant t, DataFlag co2Flag, Map<String, String> values) {
        LocalDateTime local = LocalDateTime.ofInstant(t, zone);
        List<CpItem> items = new ArrayList<>();
        items.add(CpItem.of("DataTime", Timestamps.format(local)));
        for (Map.Entry<String, String> e : values.entrySet()) {
            String flag = e.getKey().equals("a05001") ? co2Flag.name() : "N";
            String value = e.getKey().equals("a05001") && co2Flag == DataFlag.C ? "15.000" : e.getValue(); // the span gas
            items.add(CpItem.of(new CpField(e.getKey() + "-Rtd", value), new CpField(e.getKey() + "-Flag", flag)));
        }
        return DataSegment.of(Qn.at(local), "31", "2011", "123456", mn, new Flag(Flag.V2017, false, true), new CpArea(items));
    }

    private void send(DataSegment s) throws IOException {
        String qn = s.qn().orElseThrow().text();
        byte[] bytes = Hj212Codec.encode(s);
        for (int attempt = 0; attempt < attempts; attempt++) {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            sent++;
            if (answered(qn)) {
                return;
            }
        }
        unanswered.add(qn);
    }

    /** Reads answers until the one for {@code qn} or the timeout; other packets (a retrieval command) are skipped. */
    private boolean answered(String qn) throws IOException {
        long until = System.nanoTime() + answerTimeout.toNanos();
        while (System.nanoTime() < until) {
            try {
                DataSegment r = Hj212Codec.decode(replies.next()).segment();
                if (r.cn().equals("9014") && r.qn().map(Qn::text).orElse("").equals(qn)) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (Hj212FormatException e) {
                // a garbled answer counts as none; keep reading until the timeout
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
