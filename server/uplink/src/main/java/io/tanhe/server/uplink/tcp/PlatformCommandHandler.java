package io.tanhe.server.uplink.tcp;

import io.tanhe.engine.time.Grain;
import io.tanhe.server.hj212.DataSegment;
import io.tanhe.server.hj212.Qn;
import io.tanhe.server.hj212.message.ExeRtn;
import io.tanhe.server.hj212.message.IndicatorValue;
import io.tanhe.server.hj212.message.PlatformCommand;
import io.tanhe.server.hj212.message.QnRtn;
import io.tanhe.server.hj212.message.TerminalMessages;
import io.tanhe.server.hj212.profile.PlatformProfile;
import io.tanhe.server.store.Event;
import io.tanhe.server.store.EventKind;
import io.tanhe.server.store.EventLog;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.uplink.schedule.AdjustableClock;
import io.tanhe.server.uplink.config.DeliveryPolicy;
import io.tanhe.server.uplink.outbox.PeriodReader;
import io.tanhe.server.uplink.schedule.Stream;
import io.tanhe.server.uplink.outbox.UploadValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Answers an HJ 212 platform's commands from the store and the uplink's settings, as [STD17]
 * Appendix C shows the exchanges: 9011 {@code QnRtn=1} (when the request asks for answers), the
 * work, 9012 {@code ExeRtn}.
 * <ul>
 *   <li>2051/2061/2031 data retrieval: the stored 15-minute, hourly or daily results of the centre's
 *       indicators whose periods start between BeginTime and EndTime, one upload per period, each
 *       acknowledged by 9014 when the profile asks; then {@code ExeRtn=1}, or {@code 100} (no data).
 *       Minute data is the 15-minute real-time indicators ({@code MinInterval=15}).</li>
 *   <li>1011/1012 time query and set; a set moves the terminal's {@link AdjustableClock} (never the
 *       operating system's) and is recorded in the event log.</li>
 *   <li>1061/1062 real-time upload interval: read, and set (section 7.2.4 (2)), persisted and recorded.</li>
 *   <li>1063/1064 minute interval: 15; setting another value is rejected, since the real-time indicators
 *       are 15-minute figures (section 7.2.4 (1)).</li>
 *   <li>2011/2012 start/stop of {@code -Rtd} data: rejected, the terminal sends its indicators on schedule.</li>
 *   <li>anything not addressed to this terminal or malformed: 9011 with the reason (PW, MN, ST, Flag, CN…).</li>
 * </ul>
 */
public final class PlatformCommandHandler implements Hj212Session.CommandHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PlatformCommandHandler.class);
    private static final int MINUTE_INTERVAL = 15;

    private final String centreId;
    private final PlatformProfile profile;
    private final TerminalMessages messages;
    private final Supplier<Qn> qns;
    private final PeriodReader reader;
    private final ZoneId zone;
    private final Clock clock;
    private final DeliveryPolicy delivery;
    private final EventLog events;
    private final Supplier<Duration> realtimeInterval;
    private final Consumer<Duration> setRealtimeInterval;

    /**
     * @param realtimeInterval    the current real-time upload interval
     * @param setRealtimeInterval applies and persists an interval the platform set
     */
    public PlatformCommandHandler(String centreId, PlatformProfile profile, Supplier<Qn> qns, PeriodReader reader,
                                  ZoneId zone, Clock clock, DeliveryPolicy delivery, EventLog events,
                                  Supplier<Duration> realtimeInterval, Consumer<Duration> setRealtimeInterval) {
        this.centreId = centreId;
        this.profile = profile;
        this.messages = new TerminalMessages(profile);
        this.qns = qns;
        this.reader = reader;
        this.zone = zone;
        this.clock = clock;
        this.delivery = delivery;
        this.events = events;
        this.realtimeInterval = realtimeInterval;
        this.setRealtimeInterval = setRealtimeInterval;
    }

    @Override
    public void handle(PlatformCommand command, Hj212Session session) throws IOException, Hj212Session.AckTimeoutException {
        DataSegment request = command.request();
        LOG.info("uplink {}: platform command CN {} QN {}", centreId, request.cn(), request.qn().map(Qn::text).orElse("-"));
        switch (command) {
            case PlatformCommand.RetrieveData r -> retrieve(r, session);
            case PlatformCommand.GetTime g -> answered(session, request,
                    () -> session.send(messages.timeAnswer(g, LocalDateTime.now(clock.withZone(zone)))), ExeRtn.SUCCESS);
            case PlatformCommand.SetTime t -> setTime(t, session);
            case PlatformCommand.GetRealtimeInterval g -> answered(session, request, () -> session.send(
                    messages.realtimeIntervalAnswer(g, (int) realtimeInterval.get().toSeconds())), ExeRtn.SUCCESS);
            case PlatformCommand.SetRealtimeInterval i -> setInterval(i, session);
            case PlatformCommand.GetMinuteInterval g ->
                    answered(session, request, () -> session.send(messages.minuteIntervalAnswer(g, MINUTE_INTERVAL)), ExeRtn.SUCCESS);
            case PlatformCommand.SetMinuteInterval(_, int minutes) when minutes == MINUTE_INTERVAL ->
                    answered(session, request, () -> { }, ExeRtn.SUCCESS);
            case PlatformCommand.SetMinuteInterval(_, int minutes) -> refuse(session, request, QnRtn.REJECTED, "MinInterval "
                    + minutes + ": the real-time indicators are 15-minute figures (section 7.2.4 (1))");
            case PlatformCommand.StartRealtime _, PlatformCommand.StopRealtime _ ->
                    refuse(session, request, QnRtn.REJECTED, "real-time (-Rtd) data on demand is not offered; indicators go on schedule");
            case PlatformCommand.Refused r -> {
                refuse(session, request, r.reason(), r.problem());
                if (r.execution().isPresent() && request.qn().isPresent()) {
                    session.send(messages.executionResult(request, r.execution().get()));
                }
            }
            case PlatformCommand.DataAck _, PlatformCommand.NoticeAck _ -> {
                // the session completes the upload they acknowledge; they never reach a handler
            }
        }
    }

    private interface Work {
        void run() throws IOException, Hj212Session.AckTimeoutException;
    }

    private void answered(Hj212Session session, DataSegment request, Work work, ExeRtn result)
            throws IOException, Hj212Session.AckTimeoutException {
        if (request.ackRequested()) {
            session.send(messages.requestAnswer(request, QnRtn.READY));
        }
        work.run();
        if (request.ackRequested()) {
            session.send(messages.executionResult(request, result));
        }
    }

    private void refuse(Hj212Session session, DataSegment request, QnRtn reason, String problem) throws IOException {
        LOG.warn("uplink {}: refused CN {}: {} ({})", centreId, request.cn(), problem, reason.meaning());
        // a request without (a readable) QN is answered under a QN of our own: there is none to echo
        session.send(messages.requestAnswer(request.qn().orElseGet(qns), reason));
    }

    private void retrieve(PlatformCommand.RetrieveData r, Hj212Session session) throws IOException, Hj212Session.AckTimeoutException {
        DataSegment request = r.request();
        if (request.ackRequested()) {
            session.send(messages.requestAnswer(request, QnRtn.READY));
        }
        Grain grain = Stream.grainOf(r.kind());
        Instant from = r.begin().atZone(zone).toInstant();
        Instant to = r.end().atZone(zone).toInstant().plusNanos(1);
        Map<Instant, List<UploadValue>> periods = reader.read(grain, TimeRange.of(from, to), false);
        for (Map.Entry<Instant, List<UploadValue>> p : periods.entrySet()) {
            List<IndicatorValue> values = p.getValue().stream()
                    .map(v -> IndicatorValue.amount(v.code(), v.value(), v.flag()))
                    .filter(v -> messages.unwritable(r.kind(), v).map(problem -> {
                        LOG.error("uplink {}: {} of {} is left out of the retrieval: {}", centreId, v.code(), p.getKey(), problem);
                        return false;
                    }).orElse(true)).toList();
            if (values.isEmpty()) {
                continue;
            }
            for (DataSegment part : messages.upload(r.kind(), LocalDateTime.ofInstant(p.getKey(), zone), values, false, qns)) {
                if (profile.ack()) {
                    session.sendAwaitingAnswer(part, delivery.timeout(), delivery.retries());
                } else {
                    session.send(part);
                }
            }
        }
        if (request.ackRequested()) {
            session.send(messages.executionResult(request, periods.isEmpty() ? ExeRtn.NO_DATA : ExeRtn.SUCCESS));
        }
        LOG.info("uplink {}: retrieval of {} data {} to {} answered with {} periods", centreId, r.kind().label(),
                r.begin(), r.end(), periods.size());
    }

    private void setTime(PlatformCommand.SetTime s, Hj212Session session) throws IOException, Hj212Session.AckTimeoutException {
        if (!(clock instanceof AdjustableClock adjustable)) {
            answered(session, s.request(), () -> { }, ExeRtn.FAILED);
            LOG.warn("uplink {}: platform asked to set the time to {}, but this terminal's clock is not adjustable", centreId, s.time());
            return;
        }
        Instant before = clock.instant();
        Duration offset = adjustable.set(s.time().atZone(zone).toInstant());
        events.append(new Event(clock.instant(), EventKind.CONFIG_CHANGE, centreId, "platform " + centreId
                + " set the terminal time to " + s.time() + " (was " + LocalDateTime.ofInstant(before, zone) + ")",
                "{\"offset\":\"" + offset + "\"}"));
        answered(session, s.request(), () -> { }, ExeRtn.SUCCESS);
    }

    private void setInterval(PlatformCommand.SetRealtimeInterval s, Hj212Session session)
            throws IOException, Hj212Session.AckTimeoutException {
        Duration before = realtimeInterval.get();
        Duration interval = Duration.ofSeconds(s.seconds());
        setRealtimeInterval.accept(interval);
        events.append(new Event(clock.instant(), EventKind.CONFIG_CHANGE, centreId, "platform " + centreId
                + " set the real-time upload interval to " + s.seconds() + " s (was " + before.toSeconds() + " s)",
                "{\"rtd_interval_s\":" + s.seconds() + "}"));
        answered(session, s.request(), () -> { }, ExeRtn.SUCCESS);
    }
}
