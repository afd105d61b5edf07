package io.tanhe.server.hj212.message;

import io.tanhe.server.hj212.DataSegment;
import io.tanhe.server.hj212.Hj212Glossary;
import io.tanhe.server.hj212.Timestamps;
import io.tanhe.server.hj212.profile.PlatformProfile;

import io.tanhe.server.hj212.CpArea;
import io.tanhe.server.hj212.Hj212Codec;
import io.tanhe.server.hj212.Qn;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns decoded packets from one platform into {@link PlatformCommand}s, checking that they are
 * addressed to this terminal (MN, PW, ST, Flag version) and that their parameters are valid.
 */
public final class PlatformCommands {
    /** MinInterval values the standard allows (protocols.md §1.4). */
    private static final Set<Integer> MINUTE_INTERVALS = Set.of(1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30);

    private final PlatformProfile profile;

    /** Commands from the platform {@code profile} describes. */
    public PlatformCommands(PlatformProfile profile) {
        this.profile = profile;
    }

    /** The command {@code s} carries; never throws, a bad command is {@link PlatformCommand.Refused}. */
    public PlatformCommand parse(DataSegment s) {
        Optional<PlatformCommand.Refused> refused = addressing(s);
        if (refused.isPresent()) {
            return refused.get();
        }
        try {
            return command(s);
        } catch (IllegalArgumentException e) {
            return new PlatformCommand.Refused(s, QnRtn.REJECTED, "CN " + s.cn() + ": " + e.getMessage(),
                    ExeRtn.BAD_CONDITIONS);
        }
    }

    /**
     * The refusal of a packet that is well framed (length, CRC) but does not decode, e.g. a retrieval
     * whose BeginTime has month 13, or a packet without QN: empty when the frame itself is wrong (a bad
     * CRC ends the exchange, [STD17] Table 2) or the packet is not a request to this terminal (an
     * answer, or no CN). Addressing is checked as for decoded packets: no or a bad QN
     * ({@link QnRtn#QN_ERROR}), Flag, MN, PW, ST; otherwise the request's conditions are wrong:
     * 9011 {@code QnRtn=2} and 9012 {@code ExeRtn=3} ([STD17] Tables 6 and 7).
     *
     * @param packet  the packet's bytes
     * @param problem why the codec rejected it, for the log
     */
    public Optional<PlatformCommand.Refused> parseUnreadable(byte[] packet, String problem) {
        Optional<String> segment = Hj212Codec.framedSegment(packet);
        if (segment.isEmpty()) {
            return Optional.empty();
        }
        String text = segment.get();
        int cp = text.indexOf("CP=");
        Map<String, String> head = new HashMap<>();
        for (String field : (cp < 0 ? text : text.substring(0, cp)).split(";")) {
            int eq = field.indexOf('=');
            if (eq > 0) {
                head.putIfAbsent(field.substring(0, eq), field.substring(eq + 1));
            }
        }
        String cn = head.getOrDefault("CN", "");
        if (!cn.matches("[0-9]{4}") || cn.startsWith("9")) {
            return Optional.empty(); // not a request (answers 90xx are never answered)
        }
        Qn qn = null;
        try {
            qn = Qn.parse(head.getOrDefault("QN", ""));
        } catch (IllegalArgumentException e) {
            // answered with QN_ERROR below
        }
        DataSegment substitute = DataSegment.withoutFlag(qn, DataSegment.ST_INTERACTION, cn, profile.password(),
                profile.mn(), CpArea.EMPTY);
        if (qn == null) {
            return Optional.of(new PlatformCommand.Refused(substitute, QnRtn.QN_ERROR, head.containsKey("QN")
                    ? "QN '" + head.get("QN") + "' is not a real time YYYYMMDDhhmmsszzz" : "the packet has no QN"));
        }
        String flag = head.getOrDefault("Flag", "");
        int version = flag.matches("[0-9]{1,3}") && Integer.parseInt(flag) <= 255 ? Integer.parseInt(flag) >> 2 : -1;
        if (version != profile.version()) {
            return Optional.of(new PlatformCommand.Refused(substitute, QnRtn.FLAG_ERROR, "Flag '" + flag
                    + "': this platform uses version " + profile.version()));
        }
        if (!profile.mn().equals(head.get("MN"))) {
            return Optional.of(new PlatformCommand.Refused(substitute, QnRtn.MN_ERROR, "MN is not this terminal's"));
        }
        if (!profile.password().equals(head.get("PW"))) {
            return Optional.of(new PlatformCommand.Refused(substitute, QnRtn.PW_ERROR, "wrong password"));
        }
        String st = head.getOrDefault("ST", "");
        if (!st.equals(profile.st()) && !st.equals(DataSegment.ST_INTERACTION)) {
            return Optional.of(new PlatformCommand.Refused(substitute, QnRtn.ST_ERROR, "ST " + st + ", this terminal uses "
                    + profile.st() + " (or 91)"));
        }
        return Optional.of(new PlatformCommand.Refused(substitute, QnRtn.REJECTED, "CN " + cn + ": " + problem,
                ExeRtn.BAD_CONDITIONS));
    }

    private Optional<PlatformCommand.Refused> addressing(DataSegment s) {
        if (s.qn().isEmpty()) {
            return refuse(s, QnRtn.QN_ERROR, "the packet has no QN");
        }
        if (s.flag().isEmpty() || s.version() != profile.version()) {
            return refuse(s, QnRtn.FLAG_ERROR, "Flag version " + s.version() + ", this platform uses " + profile.version());
        }
        if (!s.mn().equals(profile.mn())) {
            return refuse(s, QnRtn.MN_ERROR, "MN " + s.mn() + " is not this terminal's (" + profile.mn() + ")");
        }
        if (!s.pw().equals(profile.password())) {
            return refuse(s, QnRtn.PW_ERROR, "wrong password");
        }
        if (!s.st().equals(profile.st()) && !s.st().equals(DataSegment.ST_INTERACTION)) {
            return refuse(s, QnRtn.ST_ERROR, "ST " + s.st() + ", this terminal uses " + profile.st() + " (or 91)");
        }
        return Optional.empty();
    }

    private static Optional<PlatformCommand.Refused> refuse(DataSegment s, QnRtn reason, String problem) {
        return Optional.of(new PlatformCommand.Refused(s, reason, problem));
    }

    private PlatformCommand command(DataSegment s) {
        Optional<DataKind> retrieval = DataKind.of(s.cn(), profile.commands()).filter(k -> k != DataKind.REALTIME);
        if (retrieval.isPresent()) {
            LocalDateTime begin = time(s, "BeginTime");
            LocalDateTime end = time(s, "EndTime");
            if (end.isBefore(begin)) {
                throw new IllegalArgumentException("EndTime " + Timestamps.format(end) + " is before BeginTime " + Timestamps.format(begin));
            }
            return new PlatformCommand.RetrieveData(s, retrieval.get(), begin, end);
        }
        if (s.cn().equals(profile.commands().realtime())) {
            return new PlatformCommand.StartRealtime(s);
        }
        return switch (s.cn()) {
            case "1011" -> new PlatformCommand.GetTime(s, s.cp().value("PolId").orElse(null));
            case "1012" -> new PlatformCommand.SetTime(s, s.cp().value("PolId").orElse(null), time(s, "SystemTime"));
            case "1061" -> new PlatformCommand.GetRealtimeInterval(s);
            case "1062" -> new PlatformCommand.SetRealtimeInterval(s, realtimeInterval(s));
            case "1063" -> new PlatformCommand.GetMinuteInterval(s);
            case "1064" -> new PlatformCommand.SetMinuteInterval(s, minuteInterval(s));
            case "2012" -> new PlatformCommand.StopRealtime(s);
            case "9013" -> new PlatformCommand.NoticeAck(s);
            case "9014" -> new PlatformCommand.DataAck(s);
            default -> new PlatformCommand.Refused(s, QnRtn.CN_ERROR, "CN " + s.cn() + " ("
                    + Hj212Glossary.command(s.cn()).orElse("unknown command") + ") is not supported by this terminal");
        };
    }

    private static LocalDateTime time(DataSegment s, String field) {
        return Timestamps.parse(required(s, field));
    }

    private static String required(DataSegment s, String field) {
        return s.cp().value(field).orElseThrow(() -> new IllegalArgumentException("missing " + field));
    }

    private static int realtimeInterval(DataSegment s) {
        int n = integer(s, "RtdInterval");
        if (n < 30 || n > 3600) {
            throw new IllegalArgumentException("RtdInterval is 30-3600 s, not " + n);
        }
        return n;
    }

    private static int minuteInterval(DataSegment s) {
        int n = integer(s, "MinInterval");
        if (!MINUTE_INTERVALS.contains(n)) {
            throw new IllegalArgumentException("MinInterval is one of 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 min, not " + n);
        }
        return n;
    }

    private static int integer(DataSegment s, String field) {
        String v = required(s, field);
        if (!v.matches("[0-9]{1,6}")) {
            throw new IllegalArgumentException(field + " '" + v + "' is not a whole number");
        }
        return Integer.parseInt(v);
    }
}
