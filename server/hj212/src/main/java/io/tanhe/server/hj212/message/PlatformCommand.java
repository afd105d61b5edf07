package io.tanhe.server.hj212.message;

import io.tanhe.server.hj212.DataSegment;

import java.time.LocalDateTime;
import java.util.Optional;

/**
 * A packet from a platform, as a command the terminal acts on. Each keeps the request, whose QN the
 * answers echo. The usual exchange for a request with the A bit ([STD17] Appendix C): answer 9011
 * {@code QnRtn=1}, do it (uploads for a retrieval, 1011 for a time query), then 9012 {@code ExeRtn}.
 */
public sealed interface PlatformCommand {

    /** The packet this command came in. */
    DataSegment request();

    /** 2051/2061/2031 (per the profile): send the stored data of {@code kind} from begin to end, inclusive. */
    record RetrieveData(DataSegment request, DataKind kind, LocalDateTime begin, LocalDateTime end)
            implements PlatformCommand {
    }

    /** 1011: report the terminal's time (for the instrument {@code PolId}, if given). */
    record GetTime(DataSegment request, String polIdOrNull) implements PlatformCommand {
        /** The instrument the platform asks about, if any. */
        public Optional<String> polId() {
            return Optional.ofNullable(polIdOrNull);
        }
    }

    /** 1012: set the terminal's time to {@code time}. */
    record SetTime(DataSegment request, String polIdOrNull, LocalDateTime time) implements PlatformCommand {
        /** The instrument the platform sets, if any. */
        public Optional<String> polId() {
            return Optional.ofNullable(polIdOrNull);
        }
    }

    /** 1061: report the real-time upload interval. */
    record GetRealtimeInterval(DataSegment request) implements PlatformCommand {
    }

    /** 1062: set the real-time upload interval, 30-3600 s. */
    record SetRealtimeInterval(DataSegment request, int seconds) implements PlatformCommand {
    }

    /** 1063: report the minute-data interval. */
    record GetMinuteInterval(DataSegment request) implements PlatformCommand {
    }

    /** 1064: set the minute-data interval (1, 2, 3, 4, 5, 6, 10, 12, 15, 20 or 30 min). */
    record SetMinuteInterval(DataSegment request, int minutes) implements PlatformCommand {
    }

    /** The platform's real-time CN (2011) as a request: start sending real-time data. */
    record StartRealtime(DataSegment request) implements PlatformCommand {
    }

    /** 2012: stop sending real-time data. */
    record StopRealtime(DataSegment request) implements PlatformCommand {
    }

    /** 9014: the platform acknowledges our upload whose QN it echoes. No answer. */
    record DataAck(DataSegment request) implements PlatformCommand {
    }

    /** 9013: the platform acknowledges our notice. No answer. */
    record NoticeAck(DataSegment request) implements PlatformCommand {
    }

    /**
     * A packet the terminal refuses: not addressed to it (MN, PW, ST, Flag version), without QN, an
     * unsupported CN, or bad parameters. Answer with 9011 {@code reason} under the request's QN (under
     * a QN of the terminal's own when the request has none, {@link QnRtn#QN_ERROR}), then, when
     * {@code execution} is set (the request's conditions are wrong: a time that does not exist, a
     * parameter out of range), 9012 with it.
     *
     * @param executionOrNull the 9012 result to send after the 9011, or null for none
     */
    record Refused(DataSegment request, QnRtn reason, String problem, ExeRtn executionOrNull) implements PlatformCommand {
        /** A refusal answered with 9011 only. */
        public Refused(DataSegment request, QnRtn reason, String problem) {
            this(request, reason, problem, null);
        }

        /** The 9012 result that follows the 9011, if any. */
        public Optional<ExeRtn> execution() {
            return Optional.ofNullable(executionOrNull);
        }
    }
}
