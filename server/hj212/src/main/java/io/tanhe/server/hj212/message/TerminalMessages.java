package io.tanhe.server.hj212.message;

import io.tanhe.server.hj212.CpArea;
import io.tanhe.server.hj212.CpField;
import io.tanhe.server.hj212.CpItem;
import io.tanhe.server.hj212.DataSegment;
import io.tanhe.server.hj212.FieldSuffix;
import io.tanhe.server.hj212.Flag;
import io.tanhe.server.hj212.PacketSplitter;
import io.tanhe.server.hj212.Qn;
import io.tanhe.server.hj212.Timestamps;
import io.tanhe.server.hj212.profile.PlatformProfile;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Builds the data segments the terminal sends to one platform: indicator uploads (split when
 * longer than one packet) and the answers to platform commands, as HJ 212-2017 Appendix C shows
 * them (protocols.md §1.5). Encode them with {@code Hj212Codec.encode}.
 */
public final class TerminalMessages {
    /** Order of the values inside an indicator's item; the standard's examples write Cou, Min, Avg, Max. */
    private static final List<FieldSuffix> VALUE_ORDER = List.of(FieldSuffix.RTD, FieldSuffix.ZS_RTD, FieldSuffix.COU,
            FieldSuffix.MIN, FieldSuffix.AVG, FieldSuffix.MAX, FieldSuffix.ZS_MIN, FieldSuffix.ZS_AVG, FieldSuffix.ZS_MAX);

    private final PlatformProfile profile;
    private final PacketSplitter splitter;

    /** Messages for {@code profile}, split at the standard's 1024-byte limit. */
    public TerminalMessages(PlatformProfile profile) {
        this(profile, new PacketSplitter());
    }

    /** Messages for {@code profile}, split by {@code splitter}. */
    public TerminalMessages(PlatformProfile profile, PacketSplitter splitter) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.splitter = Objects.requireNonNull(splitter, "splitter");
    }

    /**
     * An indicator upload: {@code CP=&&DataTime=…;code-Cou=…,code-Flag=N;…&&} under the profile's CN
     * for {@code kind}, one packet or several parts (PNUM/PNO) when it is long.
     *
     * @param dataTime  the sampling instant (real-time) or the start of the period
     * @param backfill  whether this re-sends data of the past; marked {@code RF=1} only when the profile
     *                  enables the unverified HJ 212-2025 marker (HJ 212-2017 has no marker: protocols.md §1.5)
     * @param qns       QNs for the packets
     * @throws IllegalArgumentException when a value breaks the kind's suffixes or the field's number format,
     *                                  or the profile has no CN for {@code kind}
     */
    public List<DataSegment> upload(DataKind kind, LocalDateTime dataTime, List<IndicatorValue> values,
                                    boolean backfill, Supplier<Qn> qns) {
        String cn = kind.cn(profile.commands()).orElseThrow(() -> new IllegalArgumentException(
                "platform " + profile.name() + " has no CN for " + kind.label() + " data (commands.monthly)"));
        List<CpItem> items = new ArrayList<>(values.size() + 1);
        items.add(CpItem.of("DataTime", Timestamps.format(dataTime)));
        for (IndicatorValue v : values) {
            items.add(item(kind, v));
        }
        DataSegment whole = DataSegment.of(qns.get(), profile.st(), cn, profile.password(), profile.mn(),
                profile.uploadFlag(), new CpArea(items));
        if (backfill && profile.hj2025().backfillMarker()) {
            whole = whole.withBackfillMarker(true);
        }
        return splitter.split(whole, qns);
    }

    private CpItem item(DataKind kind, IndicatorValue v) {
        List<CpField> fields = new ArrayList<>();
        for (FieldSuffix suffix : VALUE_ORDER) {
            BigDecimal value = v.values().get(suffix);
            if (value == null) {
                continue;
            }
            if (!kind.suffixes().contains(suffix)) {
                throw new IllegalArgumentException(kind.label() + " data carries " + kind.suffixes()
                        + " values, not -" + suffix.text() + " (" + v.code() + ")");
            }
            fields.add(new CpField(v.code() + "-" + suffix.text(), format(v.code(), suffix, value)));
        }
        fields.add(new CpField(v.code() + "-" + FieldSuffix.FLAG.text(), v.flag().name()));
        return new CpItem(fields);
    }

    private String format(String code, FieldSuffix suffix, BigDecimal value) {
        try {
            // a code's own format is written exactly (N12.3 → 12.500); the default one compactly (12.5)
            return profile.field(code).flatMap(f -> f.valueFormat()).map(f -> f.format(value))
                    .orElseGet(() -> profile.format(code).formatCompact(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(code + "-" + suffix.text() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Why {@code v} cannot be written in an upload of {@code kind} (a value with more integer digits
     * than its number format allows, a suffix the kind does not carry), if it cannot. An uplink leaves
     * such a value out instead of holding up every upload behind it.
     */
    public java.util.Optional<String> unwritable(DataKind kind, IndicatorValue v) {
        try {
            item(kind, v);
            return java.util.Optional.empty();
        } catch (IllegalArgumentException e) {
            return java.util.Optional.of(e.getMessage());
        }
    }

    /** 9011, the request answer: {@code QnRtn} under the request's QN. */
    public DataSegment requestAnswer(DataSegment request, QnRtn rtn) {
        return requestAnswer(qnOf(request), rtn);
    }

    /**
     * 9011 under {@code qn}: the request's, or one of the terminal's own when the request has none to
     * echo (the answer to a request without QN, {@code QnRtn=7}).
     */
    public DataSegment requestAnswer(Qn qn, QnRtn rtn) {
        return reply(qn, "9011", CpArea.of(CpItem.of("QnRtn", String.valueOf(rtn.code()))));
    }

    /** 9012, the execution result: {@code ExeRtn} under the request's QN. */
    public DataSegment executionResult(DataSegment request, ExeRtn rtn) {
        return reply(qnOf(request), "9012", CpArea.of(CpItem.of("ExeRtn", String.valueOf(rtn.code()))));
    }

    /** 9013, the notice answer (to a platform notice such as 2012), empty CP. */
    public DataSegment noticeAnswer(DataSegment request) {
        return reply(qnOf(request), "9013", CpArea.EMPTY);
    }

    /** 1011 with the terminal's time, the answer to a time query, under the request's QN. */
    public DataSegment timeAnswer(PlatformCommand.GetTime query, LocalDateTime now) {
        List<CpItem> items = new ArrayList<>();
        query.polId().ifPresent(id -> items.add(CpItem.of("PolId", id)));
        items.add(CpItem.of("SystemTime", Timestamps.format(now)));
        return answer(query.request(), "1011", new CpArea(items));
    }

    /** 1061 with the real-time upload interval in seconds, the answer to 1061. */
    public DataSegment realtimeIntervalAnswer(PlatformCommand.GetRealtimeInterval query, int seconds) {
        return answer(query.request(), "1061", CpArea.of(CpItem.of("RtdInterval", String.valueOf(seconds))));
    }

    /** 1063 with the minute-data interval in minutes, the answer to 1063. */
    public DataSegment minuteIntervalAnswer(PlatformCommand.GetMinuteInterval query, int minutes) {
        return answer(query.request(), "1063", CpArea.of(CpItem.of("MinInterval", String.valueOf(minutes))));
    }

    /**
     * The HJ 212-2025 heartbeat, CN 9015 under ST 91. <b>Unverified</b> (protocols.md §0).
     *
     * @throws IllegalStateException when the profile does not enable the heartbeat
     */
    public DataSegment heartbeat(Qn qn) {
        if (!profile.hj2025().heartbeat()) {
            throw new IllegalStateException("platform " + profile.name() + " does not enable the (unverified) 9015 heartbeat");
        }
        return DataSegment.of(qn, DataSegment.ST_INTERACTION, "9015", profile.password(), profile.mn(),
                new Flag(profile.version(), false, false), CpArea.EMPTY);
    }

    private DataSegment reply(Qn qn, String cn, CpArea cp) {
        return DataSegment.of(qn, DataSegment.ST_INTERACTION, cn, profile.password(), profile.mn(),
                new Flag(profile.version(), false, false), cp);
    }

    private DataSegment answer(DataSegment request, String cn, CpArea cp) {
        return DataSegment.of(qnOf(request), profile.st(), cn, profile.password(), profile.mn(),
                new Flag(profile.version(), false, false), cp);
    }

    private static Qn qnOf(DataSegment request) {
        return request.qn().orElseThrow(() -> new IllegalArgumentException(
                "the request has no QN to answer under: " + request.text()));
    }
}
