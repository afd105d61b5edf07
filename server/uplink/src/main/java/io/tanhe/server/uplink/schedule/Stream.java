package io.tanhe.server.uplink.schedule;

import io.tanhe.engine.time.Grain;
import io.tanhe.server.hj212.message.DataKind;

import java.util.Optional;

/**
 * The outbox streams of a centre. The outbox keeps the periods of one stream in order (its
 * "indicator key"), so each stream is delivered period by period while the streams do not wait for
 * each other: a blocked daily upload never holds back the 15-minute data.
 */
public enum Stream {
    /** The 15-minute real-time indicators, sent as HJ 212 minute data (CN 2051, {@code MinInterval=15}). */
    REALTIME("realtime", DataKind.MINUTE, Grain.FIFTEEN_MINUTES),
    /** The daily indicators (CN 2031). */
    DAILY("daily", DataKind.DAILY, Grain.DAY),
    /** The monthly indicators (the profile's monthly CN; HJ 212-2017 has none). */
    MONTHLY("monthly", DataKind.MONTHLY, Grain.MONTH),
    /** Operator-corrected data re-sent by hand (section 7.2.4 (5)), any grain. */
    MANUAL("manual", null, null);

    private final String key;
    private final DataKind kind;
    private final Grain grain;

    Stream(String key, DataKind kind, Grain grain) {
        this.key = key;
        this.kind = kind;
        this.grain = grain;
    }

    /** The outbox indicator key. */
    public String key() {
        return key;
    }

    /** The HJ 212 kind of data of a scheduled stream. */
    public Optional<DataKind> kind() {
        return Optional.ofNullable(kind);
    }

    /** The result grain of a scheduled stream. */
    public Optional<Grain> grain() {
        return Optional.ofNullable(grain);
    }

    /** The grain whose results answer a platform's retrieval of {@code kind} (2051/2061/2031). */
    public static Grain grainOf(DataKind kind) {
        return switch (kind) {
            case REALTIME, MINUTE -> Grain.FIFTEEN_MINUTES;
            case HOURLY -> Grain.HOUR;
            case DAILY -> Grain.DAY;
            case MONTHLY -> Grain.MONTH;
        };
    }
}
