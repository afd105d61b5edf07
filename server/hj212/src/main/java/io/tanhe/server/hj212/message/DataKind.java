package io.tanhe.server.hj212.message;

import io.tanhe.server.hj212.FieldSuffix;
import io.tanhe.server.hj212.profile.IndicatorCommands;

import java.util.Optional;
import java.util.Set;

/**
 * The kinds of indicator upload. Real-time data carries {@code -Rtd} values at a sampling instant;
 * period data carries {@code -Cou/-Min/-Avg/-Max} of the period that starts at DataTime
 * ([STD17] Table 4, protocols.md §1.5).
 */
public enum DataKind {
    REALTIME("real-time", Set.of(FieldSuffix.RTD, FieldSuffix.ZS_RTD)),
    MINUTE("minute", PeriodSuffixes.ALL),
    HOURLY("hourly", PeriodSuffixes.ALL),
    DAILY("daily", PeriodSuffixes.ALL),
    MONTHLY("monthly", PeriodSuffixes.ALL);

    private final String label;
    private final Set<FieldSuffix> suffixes;

    DataKind(String label, Set<FieldSuffix> suffixes) {
        this.label = label;
        this.suffixes = suffixes;
    }

    /** A word for messages. */
    public String label() {
        return label;
    }

    /** The value suffixes an upload of this kind may carry (besides {@code -Flag}). */
    public Set<FieldSuffix> suffixes() {
        return suffixes;
    }

    /** The CN that carries this kind on a platform; empty for monthly data when it has none. */
    public Optional<String> cn(IndicatorCommands commands) {
        return switch (this) {
            case REALTIME -> Optional.of(commands.realtime());
            case MINUTE -> Optional.of(commands.minute());
            case HOURLY -> Optional.of(commands.hourly());
            case DAILY -> Optional.of(commands.daily());
            case MONTHLY -> commands.monthlyCn();
        };
    }

    /** The kind a CN carries on a platform, if any. */
    public static Optional<DataKind> of(String cn, IndicatorCommands commands) {
        for (DataKind k : values()) {
            if (k.cn(commands).filter(cn::equals).isPresent()) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    private static final class PeriodSuffixes {
        static final Set<FieldSuffix> ALL = Set.of(FieldSuffix.COU, FieldSuffix.MIN, FieldSuffix.AVG, FieldSuffix.MAX,
                FieldSuffix.ZS_MIN, FieldSuffix.ZS_AVG, FieldSuffix.ZS_MAX);
    }
}
