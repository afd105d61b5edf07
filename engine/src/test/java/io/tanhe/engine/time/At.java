package io.tanhe.engine.time;

import java.time.Instant;
import java.time.LocalDateTime;

/** Local Shanghai times for readable tests. */
final class At {
    private At() {
    }

    /** e.g. {@code At.local("2024-03-01T10:00:30")} in Asia/Shanghai. */
    static Instant local(String text) {
        return LocalDateTime.parse(text).atZone(TimeBucket.DEFAULT_ZONE).toInstant();
    }

    static TimeBucket minute(String text) {
        return TimeBucket.of(Grain.MINUTE, local(text));
    }

    static TimeBucket bucket(Grain grain, String text) {
        return TimeBucket.of(grain, local(text));
    }
}
