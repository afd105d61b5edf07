package io.tanhe.drivers.modbus;

import io.tanhe.drivers.PolledDevice;
import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import io.tanhe.drivers.config.PollSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One Modbus device entry: its points, read through a precomputed plan of merged requests on a
 * shared {@link ModbusBus}. A device that stays silent is backed off (see {@link Backoff}); while
 * it is, polls return {@code TIMEOUT} readings without touching the bus.
 */
public final class ModbusDevice implements PolledDevice {
    private static final Logger LOG = LoggerFactory.getLogger(ModbusDevice.class);

    private final String id;
    private final ModbusBus bus;
    private final List<ReadRequest> plan;
    private final PollSettings poll;
    private final Clock clock;
    private final Backoff backoff;

    /**
     * @param plan       the requests that read every point (see {@link ReadPlanner})
     * @param backoffMax the longest pause for a silent device
     */
    public ModbusDevice(String id, ModbusBus bus, List<ReadRequest> plan, PollSettings poll, Clock clock, Duration backoffMax) {
        this.id = id;
        this.bus = bus;
        this.plan = List.copyOf(plan);
        this.poll = poll;
        this.clock = clock;
        this.backoff = new Backoff(Duration.ofSeconds(1), backoffMax);
    }

    @Override
    public String id() {
        return id;
    }

    /** The read requests one poll sends. */
    public List<ReadRequest> plan() {
        return plan;
    }

    /** The bus this device is on. */
    public ModbusBus bus() {
        return bus;
    }

    @Override
    public synchronized List<Reading> poll(Instant scheduledAt) {
        List<Reading> out = new ArrayList<>();
        Instant now = clock.instant();
        if (backoff.waiting(now)) {
            String why = "not asked: silent for " + backoff.failures() + " poll(s), next try at " + backoff.nextAttempt();
            plan.forEach(r -> failAll(r, Quality.TIMEOUT, why, scheduledAt, out));
            return out;
        }
        boolean answered = false;
        String silence = null;
        for (ReadRequest r : plan) {
            if (silence != null) {
                failAll(r, Quality.TIMEOUT, "not asked: " + silence, scheduledAt, out);
                continue;
            }
            try {
                RawData raw = bus.read(r, poll.timeout(), poll.retries());
                answered = true;
                r.points().forEach(p -> out.add(decode(p, r, raw, scheduledAt)));
            } catch (ModbusFailure f) {
                failAll(r, f.quality(), f.getMessage(), scheduledAt, out);
                if (f.quality() == Quality.TIMEOUT) {
                    silence = f.getMessage();
                } else {
                    answered |= f.quality() == Quality.DEVICE_ERROR;
                }
            }
        }
        if (answered) {
            backoff.succeeded();
        } else if (silence != null) {
            backoff.failed(clock.instant());
            LOG.warn("device {}: no answer ({}); backing off until {}", id, silence, backoff.nextAttempt());
        }
        return out;
    }

    private Reading decode(ModbusPoint p, ReadRequest r, RawData raw, Instant at) {
        try {
            BigDecimal x = p.function().readsBits()
                    ? (raw.bits()[p.address() - r.start()] ? BigDecimal.ONE : BigDecimal.ZERO)
                    : RegisterDecoder.decode(raw.wordsOf(p, r.start()), p.type(), p.order());
            return Reading.measured(p.id(), at, p.scaling().apply(x), p.settings().unit(), id);
        } catch (DecodeException e) {
            return Reading.failed(p.id(), at, p.settings().unit(), Quality.COMM_ERROR, id, e.getMessage());
        }
    }

    private void failAll(ReadRequest r, Quality q, String detail, Instant at, List<Reading> out) {
        r.points().forEach(p -> out.add(Reading.failed(p.id(), at, p.settings().unit(), q, id, detail)));
    }

    /** The bus is shared and closed with the configuration; a device holds nothing of its own. */
    @Override
    public void close() {
    }
}
