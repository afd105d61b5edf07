package io.tanhe.server.uplink.outbox;

import io.tanhe.server.uplink.schedule.Stream;
import io.tanhe.engine.time.Grain;
import io.tanhe.server.hj212.message.DataKind;
import io.tanhe.server.store.Outbox;
import io.tanhe.server.store.OutboxMessage;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.uplink.schedule.UploadWindows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Puts a centre's periods into the outbox when their upload window comes (section 7.2.4 (1)).
 * Every period between the stream's watermark and the window is queued, so periods that fell into an
 * outage of the centre are simply still in the outbox and go out in the next window (7.2.4 (5));
 * periods that fell into an outage of the terminal itself are queued by the first window after it.
 *
 * <p>Each outbox message carries one period and up to {@code valuesPerUpload} indicators (the outbox
 * keeps payloads below 32,000 characters). Its idempotency key names centre, stream, period and the
 * indicator codes it carries, so queueing the same period again stores nothing.
 */
public final class UploadCollector {
    private static final Logger LOG = LoggerFactory.getLogger(UploadCollector.class);
    private static final List<Stream> SCHEDULED = List.of(Stream.REALTIME, Stream.DAILY, Stream.MONTHLY);

    private final String centreId;
    private final Outbox outbox;
    private final PeriodReader reader;
    private final UploadWindows windows;
    private final CentreState state;
    private final ZoneId zone;
    private final int valuesPerUpload;
    private final Map<Stream, Instant> nextWindow = new EnumMap<>(Stream.class);

    public UploadCollector(String centreId, Outbox outbox, PeriodReader reader, UploadWindows windows, CentreState state,
                           ZoneId zone, int valuesPerUpload) {
        this.centreId = centreId;
        this.outbox = outbox;
        this.reader = reader;
        this.windows = windows;
        this.state = state;
        this.zone = zone;
        this.valuesPerUpload = valuesPerUpload;
    }

    /**
     * Sets up the windows at start-up. On the very first start of a centre (no state yet) each stream's
     * watermark is set to {@code now}: the terminal's history from before the centre was configured is
     * not sent unasked (a platform retrieves it with 2051/2061/2031, or an operator backfills it). After
     * a restart the stored watermarks stand, so periods that fell into the downtime go in the first window.
     */
    public synchronized void start(Instant now) {
        for (Stream s : SCHEDULED) {
            if (windows.scheduled(s)) {
                if (state.watermark(s).isEmpty()) {
                    state.setWatermark(s, windows.closedUntil(s, now));
                }
                nextWindow.put(s, windows.nextAfter(s, now).orElseThrow());
            }
        }
    }

    /**
     * Queues the periods of every stream whose window has come by {@code now}.
     *
     * @return true when at least one window passed
     */
    public synchronized boolean collect(Instant now) {
        boolean passed = false;
        for (Stream s : SCHEDULED) {
            Instant next = nextWindow.get(s);
            if (next != null && !now.isBefore(next)) {
                queueUntil(s, windows.closedUntil(s, now), now);
                nextWindow.put(s, windows.nextAfter(s, now).orElseThrow());
                passed = true;
            }
        }
        return passed;
    }

    /** The next window of any stream, if any stream is scheduled. */
    public synchronized Optional<Instant> nextWindow() {
        return nextWindow.values().stream().min(Instant::compareTo);
    }

    /** Recomputes the real-time window after the platform changed the interval. */
    public synchronized void rescheduleRealtime(Instant now) {
        windows.nextAfter(Stream.REALTIME, now).ifPresent(t -> nextWindow.put(Stream.REALTIME, t));
    }

    /**
     * Queues every period from the stream's watermark up to {@code until}. The watermark passes a
     * period only once the store has results for it — the terminal stores a bucket some minutes
     * after its end — or once it is older than {@link #WAIT_FOR_RESULTS} (a plant that was down has
     * no results to send); otherwise the next window tries again, and the outbox's keys keep
     * periods already queued from going out twice.
     */
    private void queueUntil(Stream s, Instant until, Instant now) {
        Grain grain = s.grain().orElseThrow();
        Instant from = state.watermark(s).orElseThrow();
        Instant givenUp = until.minus(WAIT_FOR_RESULTS);
        while (from.isBefore(until)) {
            Instant to = grain.floor(from.plus(span(grain)), zone);
            if (!to.isAfter(from) || to.isAfter(until)) {
                to = until;
            }
            Instant[] lastWithData = {null};
            int queued = queue(s, s.kind().orElseThrow(), grain, TimeRange.of(from, to), false, "", now, Set.of(), lastWithData);
            LOG.debug("uplink {}: {} periods {} queued ({} uploads)", centreId, s.key(), TimeRange.of(from, to), queued);
            Instant reached = lastWithData[0] == null ? from : lastWithData[0];
            if (givenUp.isAfter(reached)) {
                reached = givenUp.isAfter(to) ? to : givenUp;
            }
            state.setWatermark(s, reached);
            if (reached.isBefore(to)) {
                return; // results for the rest are not stored yet
            }
            from = to;
        }
    }

    /** How long a period without any stored result is waited for before the watermark passes it. */
    static final Duration WAIT_FOR_RESULTS = Duration.ofDays(1);

    private static Duration span(Grain g) {
        return switch (g) {
            case MINUTE, FIFTEEN_MINUTES -> Duration.ofDays(2);
            case HOUR -> Duration.ofDays(30);
            default -> Duration.ofDays(3660);
        };
    }

    /**
     * Queues the stored results of {@code grain} buckets starting in {@code range} as uploads of
     * {@code stream}.
     *
     * @param keyPrefix distinguishes queueings that must not be suppressed as duplicates (a manual backfill's request id); empty otherwise
     * @param now       the time of queueing
     * @return how many outbox messages were newly stored
     */
    public int queue(Stream stream, DataKind kind, Grain grain, TimeRange range, boolean manual, String keyPrefix,
                     Instant now) {
        return queue(stream, kind, grain, range, manual, keyPrefix, now, Set.of(), new Instant[1]);
    }

    /**
     * As {@link #queue(Stream, DataKind, Grain, TimeRange, boolean, String, Instant)}, with only the indicators whose
     * code is in {@code codes} (every indicator when empty): a manual backfill of chosen indicators.
     */
    public int queue(Stream stream, DataKind kind, Grain grain, TimeRange range, boolean manual, String keyPrefix,
                     Instant now, Set<String> codes) {
        return queue(stream, kind, grain, range, manual, keyPrefix, now, codes, new Instant[1]);
    }

    private int queue(Stream stream, DataKind kind, Grain grain, TimeRange range, boolean manual, String keyPrefix,
                      Instant now, Set<String> codes, Instant[] lastWithData) {
        int stored = 0;
        for (Map.Entry<Instant, List<UploadValue>> period : reader.read(grain, range, manual).entrySet()) {
            Instant start = period.getKey();
            Instant end = grain.next(start, zone);
            if (lastWithData[0] == null || end.isAfter(lastWithData[0])) {
                lastWithData[0] = end;
            }
            List<UploadValue> values = codes.isEmpty() ? period.getValue()
                    : period.getValue().stream().filter(v -> codes.contains(v.code())).toList();
            for (int i = 0; i < values.size(); i += valuesPerUpload) {
                List<UploadValue> part = values.subList(i, Math.min(values.size(), i + valuesPerUpload));
                Upload u = new Upload(stream, kind, grain, start, end, LocalDateTime.ofInstant(start, zone), manual, part);
                String key = centreId + "|" + stream.key() + "|" + keyPrefix + "|" + grain.label() + "|" + start
                        + "|" + codesHash(part);
                if (outbox.enqueue(new OutboxMessage(centreId, stream.key(), start, end, UploadJson.write(u), key), now)) {
                    stored++;
                }
            }
        }
        return stored;
    }

    private static String codesHash(List<UploadValue> values) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (UploadValue v : values) {
                d.update(v.code().getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0);
            }
            return HexFormat.of().formatHex(d.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
