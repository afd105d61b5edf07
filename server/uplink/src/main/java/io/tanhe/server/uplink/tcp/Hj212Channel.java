package io.tanhe.server.uplink.tcp;

import io.tanhe.server.hj212.DataSegment;
import io.tanhe.server.hj212.Qn;
import io.tanhe.server.hj212.message.IndicatorValue;
import io.tanhe.server.hj212.message.PlatformCommands;
import io.tanhe.server.hj212.message.TerminalMessages;
import io.tanhe.server.hj212.profile.PlatformProfile;
import io.tanhe.server.uplink.config.CentreConfig;
import io.tanhe.server.uplink.delivery.Channel;
import io.tanhe.server.uplink.delivery.DeliveryException;
import io.tanhe.server.uplink.delivery.QueuedUpload;
import io.tanhe.server.uplink.outbox.Upload;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * HJ 212-2017 over TCP to one platform. The terminal keeps one connection open (the platform may
 * send commands at any time) and reopens it when it drops. Identity is the profile's MN and PW,
 * which every packet carries: HJ 212-2017 has no separate login. Each upload becomes one packet, or
 * several (PNUM/PNO) when long; with the profile's {@code ack} each packet is resent after the
 * timeout up to the retry count until the platform's 9014 arrives ([STD17] §6.2, Appendix C.50),
 * and an upload counts as delivered only when all its packets are answered. Without {@code ack},
 * an upload counts as delivered once written to the connection.
 */
public final class Hj212Channel implements Channel {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Hj212Channel.class);
    private final CentreConfig centre;
    private final PlatformProfile profile;
    private final TerminalMessages messages;
    private final Supplier<Qn> qns;
    private final PlatformCommands commands;
    private final Hj212Session.CommandHandler handler;
    private final Clock clock;
    private final InetSocketAddress address;
    private final BiConsumer<Upload, String> unwritable;
    private volatile Hj212Session session;
    private Instant lastHeartbeat = Instant.MIN;
    private long packetsSent;

    /**
     * @param qns     QNs for every packet the terminal starts (shared with the command handler)
     * @param handler answers the platform's commands
     */
    public Hj212Channel(CentreConfig centre, Supplier<Qn> qns, Hj212Session.CommandHandler handler, Clock clock) {
        this(centre, qns, handler, clock, (u, problem) -> { });
    }

    /**
     * @param qns        QNs for every packet the terminal starts (shared with the command handler)
     * @param handler    answers the platform's commands
     * @param unwritable told of each value left out of an upload because it cannot be written (logged here too)
     */
    public Hj212Channel(CentreConfig centre, Supplier<Qn> qns, Hj212Session.CommandHandler handler, Clock clock,
                        BiConsumer<Upload, String> unwritable) {
        this.unwritable = (u, problem) -> {
            LOG.error("uplink {}: {}", centre.id(), problem);
            unwritable.accept(u, problem);
        };
        this.centre = centre;
        this.profile = centre.profile().orElseThrow(() -> new IllegalArgumentException("centre " + centre.id() + " has no HJ 212 profile"));
        this.messages = new TerminalMessages(profile);
        this.qns = qns;
        this.commands = new PlatformCommands(profile);
        this.handler = handler;
        this.clock = clock;
        int colon = centre.address().lastIndexOf(':');
        this.address = InetSocketAddress.createUnresolved(centre.address().substring(0, colon),
                Integer.parseInt(centre.address().substring(colon + 1)));
    }

    @Override
    public void maintain() throws DeliveryException {
        Hj212Session s = session;
        if (s == null || !s.isOpen()) {
            try {
                session = Hj212Session.connect(centre.id(), new InetSocketAddress(address.getHostString(), address.getPort()),
                        centre.delivery().timeout(), commands, handler);
                lastHeartbeat = clock.instant();
            } catch (IOException e) {
                throw new DeliveryException("cannot connect to centre " + centre.id() + " at " + centre.address() + ": " + e.getMessage(), e);
            }
            return;
        }
        if (profile.hj2025().heartbeat()
                && !clock.instant().isBefore(lastHeartbeat.plus(Duration.ofSeconds(profile.hj2025().heartbeatSeconds())))) {
            lastHeartbeat = clock.instant();
            send(s, messages.heartbeat(qns.get()), true);
        }
    }

    @Override
    public void deliver(List<QueuedUpload> uploads, Consumer<QueuedUpload> acked) throws DeliveryException {
        maintain();
        Hj212Session s = session;
        for (QueuedUpload q : uploads) {
            for (DataSegment part : packets(q)) {
                send(s, part, profile.ack());
            }
            acked.accept(q);
        }
    }

    /**
     * The packets of {@code q}. A value that cannot be written (more integer digits than its number
     * format allows) is left out and reported, so that it never holds up the stream behind it (a
     * platform refuses such a packet on every attempt); an upload with no writable value is none.
     */
    private List<DataSegment> packets(QueuedUpload q) throws DeliveryException {
        Upload u = q.upload();
        List<IndicatorValue> values = new ArrayList<>();
        for (var v : u.values()) {
            IndicatorValue value = IndicatorValue.amount(v.code(), v.value(), v.flag());
            Optional<String> problem = messages.unwritable(u.kind(), value);
            if (problem.isPresent()) {
                unwritable.accept(u, "centre " + centre.id() + " gets no " + v.code() + " for the " + u.stream().key()
                        + " period " + u.dataTime() + ": " + problem.get() + " (set fields." + v.code()
                        + ".format or default_format in profile " + profile.name() + ")");
            } else {
                values.add(value);
            }
        }
        if (values.isEmpty()) {
            return List.of();
        }
        try {
            return messages.upload(u.kind(), u.dataTime(), values, q.backfill(), qns);
        } catch (IllegalArgumentException e) {
            throw new DeliveryException("centre " + centre.id() + ": cannot write the " + u.stream().key() + " upload of "
                    + u.dataTime() + " as HJ 212 (fix the profile or the indicators; the upload stays queued): " + e.getMessage(), e);
        }
    }

    private void send(Hj212Session s, DataSegment segment, boolean awaitAnswer) throws DeliveryException {
        try {
            if (awaitAnswer) {
                s.sendAwaitingAnswer(segment, centre.delivery().timeout(), centre.delivery().retries());
            } else {
                s.send(segment);
            }
            packetsSent++;
        } catch (IOException | Hj212Session.AckTimeoutException e) {
            s.close();
            throw new DeliveryException("centre " + centre.id() + " at " + centre.address() + ": " + e.getMessage(), e);
        }
    }

    /** Packets written and (with ack) answered so far, for the benchmark. */
    public long packetsSent() {
        return packetsSent;
    }

    @Override
    public boolean connected() {
        Hj212Session s = session;
        return s != null && s.isOpen();
    }

    @Override
    public void close() {
        Hj212Session s = session;
        if (s != null) {
            s.close();
        }
    }
}
