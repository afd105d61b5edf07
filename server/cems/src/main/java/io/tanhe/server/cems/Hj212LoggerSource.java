package io.tanhe.server.cems;

import io.tanhe.drivers.InstrumentCalibration;
import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import io.tanhe.drivers.ReadingSink;
import io.tanhe.drivers.Source;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A CEMS data logger (数采仪) as a source: the terminal listens on TCP and is the logger's platform.
 * Every packet is cut by the codec's {@link PacketReader} and decoded by {@link Hj212Codec} with its
 * strictness; a malformed packet is logged with its byte offset and dropped without an answer (the
 * logger resends what was not acknowledged), the packets around it are read on. A data upload
 * (2011 real-time, 2051 minute, 2061 hour, 2031 day) and an instrument information upload (3020:
 * work state i12001, calibration intercept i13007 and slope i13008 after a 3011 zero/span
 * calibration) become one reading per configured point at their DataTime, with the quality of its {@code -Flag} ({@link FlagQuality}); the readings are handed to
 * the sink <em>before</em> the upload is acknowledged with 9014 (when its Flag asks for it), so an
 * acknowledged value is never lost. Packets may come in any order: each reading keeps its own
 * DataTime. A jump in minute data larger than the MinInterval asks the logger for the gap with a
 * 2051 retrieval command (BeginTime/EndTime). A packet with another MN or, when a password is
 * configured, another PW is refused: logged with its MN (never the password), counted, not answered.
 */
public final class Hj212LoggerSource implements Source {
    private static final Logger LOG = LoggerFactory.getLogger(Hj212LoggerSource.class);
    /** Data uploads and instrument information (3020: work state, calibration intercept and slope), all acknowledged with 9014. */
    private static final Set<String> DATA_CNS = Set.of("2011", "2051", "2061", "2031", "3020");
    /** HJ 212-2017 Table B.4: i13006 校准时间 (yyyyMMddHHmmss). */
    private static final String CALIBRATION_TIME = "i13006";

    private final LoggerConfig config;
    private final Clock clock;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Map<String, LocalDateTime> lastMinute = new ConcurrentHashMap<>();
    private final AtomicLong packets = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong wrongPassword = new AtomicLong();
    private final AtomicLong readings = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong retrievals = new AtomicLong();
    private volatile ServerSocket server;
    private volatile ReadingSink sink;

    public Hj212LoggerSource(LoggerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /**
     * What has come in so far.
     *
     * @param refused       packets refused (another MN, a wrong PW, no usable DataTime)
     * @param wrongPassword of those, the packets refused for a wrong PW
     */
    public record Stats(long packets, long malformed, long refused, long wrongPassword, long readings, long acknowledged,
                        long retrievals) {
    }

    @Override
    public String id() {
        return config.id();
    }

    /**
     * The points of instrument information (CN 3020: a calibration's intercept and slope): sent when the event
     * happens, not on a schedule, so no data-gap rule watches them.
     */
    public Set<String> eventPoints() {
        return config.points().stream().filter(p -> p.cn().equals("3020")).map(LoggerPoint::pointId)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /**
     * The time between two uploads of each point of period data: the minute data (CN 2051) every {@code minute_interval},
     * hour data (2061) every hour, day data (2031) every day. Real-time data (2011) comes at the logger's own interval,
     * which the configuration does not say; instrument information comes with events ({@link #eventPoints}).
     */
    public Map<String, Duration> uploadIntervals() {
        Map<String, Duration> out = new java.util.HashMap<>();
        for (LoggerPoint p : config.points()) {
            switch (p.cn()) {
                case "2051" -> out.merge(p.pointId(), config.minuteInterval(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
                case "2061" -> out.merge(p.pointId(), Duration.ofHours(1), (a, b) -> a.compareTo(b) >= 0 ? a : b);
                case "2031" -> out.merge(p.pointId(), Duration.ofDays(1), (a, b) -> a.compareTo(b) >= 0 ? a : b);
                default -> { }
            }
        }
        return Map.copyOf(out);
    }

    /** Listens and serves each connecting logger on a thread of its own. A port that cannot be bound gives failed readings. */
    @Override
    public synchronized void start(ReadingSink readingSink) {
        if (server != null) {
            return;
        }
        this.sink = readingSink;
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(config.host(), config.port()));
            server = s;
            LOG.info("hj212-logger {}: listening on {}:{}", config.id(), config.host(), s.getLocalPort());
            if (config.password().isEmpty()) {
                LOG.warn("hj212-logger {}: no `password` configured, so a packet with any PW is taken; set the logger's PW", config.id());
            }
            Thread.ofVirtual().name("hj212-logger-accept-" + config.id()).start(() -> accept(s));
        } catch (IOException e) {
            String why = "cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage()
                    + "; free the port or change `listen`";
            LOG.error("hj212-logger {}: {}", config.id(), why);
            for (LoggerPoint p : config.points()) {
                readingSink.accept(Reading.failed(p.pointId(), clock.instant(), p.unit(), Quality.COMM_ERROR, config.id(), why));
            }
        }
    }

    /** The port listened on (the chosen one when configured with 0), or -1 before {@link #start}. */
    public int port() {
        ServerSocket s = server;
        return s == null ? -1 : s.getLocalPort();
    }

    public Stats stats() {
        return new Stats(packets.get(), malformed.get(), refused.get(), wrongPassword.get(), readings.get(), acknowledged.get(), retrievals.get());
    }

    @Override
    public synchronized void close() {
        ServerSocket s = server;
        server = null;
        if (s != null) {
            closeQuietly(s);
        }
        connections.forEach(Hj212LoggerSource::closeQuietly);
        connections.clear();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket c = s.accept();
                c.setTcpNoDelay(true);
                connections.add(c);
                Thread.ofVirtual().name("hj212-logger-" + config.id()).start(() -> serve(c));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket c) {
        String peer = String.valueOf(c.getRemoteSocketAddress());
        LOG.info("hj212-logger {}: logger connected from {}", config.id(), peer);
        try (c) {
            PacketReader reader = new PacketReader(new BufferedInputStream(c.getInputStream()));
            OutputStream out = c.getOutputStream();
            while (true) {
                byte[] packet = reader.next();
                packets.incrementAndGet();
                DataSegment segment;
                try {
                    segment = Hj212Codec.decode(packet).segment();
                } catch (Hj212FormatException e) {
                    malformed.incrementAndGet();
                    LOG.warn("hj212-logger {}: malformed packet from {} dropped, not acknowledged: {}", config.id(), peer, e.getMessage());
                    continue;
                }
                handle(segment, out, peer);
            }
        } catch (EOFException e) {
            LOG.info("hj212-logger {}: logger {} disconnected", config.id(), peer);
        } catch (IOException e) {
            LOG.info("hj212-logger {}: connection from {} ended: {}", config.id(), peer, e.getMessage());
        } finally {
            connections.remove(c);
        }
    }

    private void handle(DataSegment s, OutputStream out, String peer) throws IOException {
        if (config.mn().isPresent() && !config.mn().get().equals(s.mn())) {
            refused.incrementAndGet();
            LOG.warn("hj212-logger {}: packet from {} with MN={} refused: this source takes MN={} only (QN={}, CN={})",
                    config.id(), peer, s.mn(), config.mn().get(), s.qn().map(Qn::text).orElse("none"), s.cn());
            return;
        }
        if (config.password().isPresent() && !samePassword(config.password().get(), s.pw())) {
            refused.incrementAndGet();
            wrongPassword.incrementAndGet();
            LOG.warn("hj212-logger {}: packet from {} with MN={} refused: wrong PW (not the configured password; the PW is not "
                    + "shown), not acknowledged (QN={}, CN={}); set the logger's PW or the source's `password`", config.id(), peer,
                    s.mn(), s.qn().map(Qn::text).orElse("none"), s.cn());
            return;
        }
        if (!DATA_CNS.contains(s.cn())) {
            LOG.info("hj212-logger {}: CN={} from {} noted, not a data upload (QN={})", config.id(), s.cn(), peer,
                    s.qn().map(Qn::text).orElse("none"));
            return;
        }
        Optional<Instant> at = dataTime(s, peer);
        if (at.isEmpty()) {
            refused.incrementAndGet();
            return;
        }
        List<Reading> rs = readings(s, at.get());
        rs.forEach(sink::accept); // handed over (the terminal stores durably) before the logger is told
        readings.addAndGet(rs.size());
        if (s.ackRequested() && s.qn().isPresent()) {
            acknowledged.incrementAndGet(); // counted first: the logger may act on the answer before this thread goes on
            write(out, Hj212Codec.encode(DataSegment.of(s.qn().get(), DataSegment.ST_INTERACTION, "9014", s.pw(), s.mn(),
                    new Flag(s.version(), false, false), CpArea.EMPTY)));
        }
        if (s.cn().equals("2051") && !s.backfill()) {
            askForGap(s, out);
        }
    }

    private Optional<Instant> dataTime(DataSegment s, String peer) {
        Optional<String> text = s.cp().value("DataTime");
        String qn = s.qn().map(Qn::text).orElse("none");
        if (text.isEmpty()) {
            LOG.warn("hj212-logger {}: CN={} QN={} from {} has no DataTime; dropped, not acknowledged", config.id(), s.cn(), qn, peer);
            return Optional.empty();
        }
        try {
            return Optional.of(Timestamps.parse(text.get()).atZone(config.zone()).toInstant());
        } catch (DateTimeException | IllegalArgumentException e) {
            LOG.warn("hj212-logger {}: CN={} QN={} from {}: DataTime `{}` is not yyyyMMddHHmmss; dropped, not acknowledged",
                    config.id(), s.cn(), qn, peer, text.get());
            return Optional.empty();
        }
    }

    /**
     * One reading per configured point of this CN whose value field the upload carries. The readings of a 3020 upload that
     * carries a calibration time (i13006) say so in their detail ({@link InstrumentCalibration}: the analyser its PolId
     * feeds, the time, their code), so the terminal can store the calibration's intercept and slope as a QA record.
     */
    private List<Reading> readings(DataSegment s, Instant at) {
        Optional<String> calibration = calibration(s);
        List<Reading> out = new ArrayList<>();
        for (LoggerPoint p : config.points()) {
            if (!p.cn().equals(s.cn()) || !p.polId().isEmpty() && !s.cp().value("PolId").orElse("").equals(p.polId())) {
                continue;
            }
            if (p.code().equals(CALIBRATION_TIME)) {
                continue; // a time, not a number: it is carried in the detail of the upload's other readings
            }
            String valueName = p.code() + "-" + p.field();
            for (CpItem item : s.cp().items()) {
                Optional<String> value = field(item, valueName);
                if (value.isEmpty()) {
                    continue;
                }
                Reading r = reading(p, at, value.get(), field(item, p.code() + "-Flag"));
                out.add(calibration.isEmpty() || r.value() == null ? r : new Reading(r.pointId(), r.measuredAt(), r.value(), r.unit(),
                        r.quality(), r.sourceId(), calibration.get() + p.code()));
            }
        }
        return out;
    }

    /**
     * For a 3020 upload with i13006: {@code calibration of <analyser point> at <instant>: } (the code follows), the analyser
     * being the configured data point whose code is the upload's PolId; empty otherwise, or when the time is not
     * yyyyMMddHHmmss or no point takes the PolId (logged).
     */
    private Optional<String> calibration(DataSegment s) {
        if (!s.cn().equals("3020")) {
            return Optional.empty();
        }
        Optional<String> time = s.cp().items().stream().map(i -> field(i, CALIBRATION_TIME + "-Info")).flatMap(Optional::stream).findFirst();
        if (time.isEmpty()) {
            return Optional.empty();
        }
        String polId = s.cp().value("PolId").orElse("");
        Optional<LoggerPoint> analyser = config.points().stream().filter(p -> !p.cn().equals("3020") && p.code().equals(polId)).findFirst();
        if (analyser.isEmpty()) {
            LOG.warn("hj212-logger {}: 3020 calibration report for PolId `{}` ignored: no point of this source takes {}", config.id(),
                    polId, polId.isEmpty() ? "an empty PolId" : polId);
            return Optional.empty();
        }
        try {
            Instant at = Timestamps.parse(time.get()).atZone(config.zone()).toInstant();
            String detail = new InstrumentCalibration(analyser.get().pointId(), at, "").detail();
            return Optional.of(detail);
        } catch (DateTimeException | IllegalArgumentException e) {
            LOG.warn("hj212-logger {}: 3020 calibration time i13006-Info `{}` is not yyyyMMddHHmmss; its readings carry no calibration",
                    config.id(), time.get());
            return Optional.empty();
        }
    }

    private Reading reading(LoggerPoint p, Instant at, String value, Optional<String> flagText) {
        BigDecimal number;
        try {
            number = new BigDecimal(value);
        } catch (NumberFormatException e) {
            return Reading.failed(p.pointId(), at, p.unit(), Quality.COMM_ERROR, config.id(),
                    p.code() + "-" + p.field() + "=" + value + " is not a number");
        }
        if (flagText.isEmpty()) {
            return Reading.measured(p.pointId(), at, number, p.unit(), config.id());
        }
        DataFlag flag = DataFlag.of(flagText.get()).orElseThrow(); // the codec refuses any other letter
        Quality q = FlagQuality.of(flag);
        String detail = FlagQuality.detail(flag) + (q.hasValue() ? "" : "; value " + value + " not used");
        return new Reading(p.pointId(), at, q.hasValue() ? number : null, p.unit(), q, config.id(), flag == DataFlag.N ? "" : detail);
    }

    private static Optional<String> field(CpItem item, String name) {
        return item.fields().stream().filter(f -> f.name().equals(name)).map(CpField::value).findFirst();
    }

    /** After a jump in minute data, asks the logger to upload what lies between (HJ 212-2017 2051 with BeginTime/EndTime). */
    private void askForGap(DataSegment s, OutputStream out) throws IOException {
        LocalDateTime now = s.cp().value("DataTime").map(Timestamps::parse).orElseThrow();
        LocalDateTime[] previous = new LocalDateTime[1];
        lastMinute.compute(s.mn(), (mn, old) -> {
            previous[0] = old;
            return old == null || now.isAfter(old) ? now : old;
        });
        LocalDateTime last = previous[0];
        if (last == null || !now.isAfter(last)) {
            return; // the first minute heard, or a late one filling in: no gap to ask for
        }
        long step = Math.max(1, config.minuteInterval().toMinutes());
        if (ChronoUnit.MINUTES.between(last, now) <= step) {
            return;
        }
        LocalDateTime from = last.plusMinutes(step);
        LocalDateTime to = now.minusMinutes(step);
        CpArea cp = CpArea.of(CpItem.of("BeginTime", Timestamps.format(from)), CpItem.of("EndTime", Timestamps.format(to)));
        DataSegment ask = DataSegment.of(Qn.at(LocalDateTime.now(clock.withZone(config.zone()))), s.st(), "2051", s.pw(), s.mn(),
                new Flag(s.version(), false, true), cp);
        retrievals.incrementAndGet();
        write(out, Hj212Codec.encode(ask));
        LOG.info("hj212-logger {}: minute data from {} to {} missing; asked the logger to upload it", config.id(), from, to);
    }

    /** Compared in constant time, so the answer time tells nothing about the password. */
    private static boolean samePassword(String configured, String given) {
        return MessageDigest.isEqual(configured.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(OutputStream out, byte[] bytes) throws IOException {
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing on shutdown; nothing to do
        }
    }
}
