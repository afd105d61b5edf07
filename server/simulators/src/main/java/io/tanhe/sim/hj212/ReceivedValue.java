package io.tanhe.sim.hj212;

import java.time.LocalDateTime;

/**
 * One indicator value a simulated platform received.
 *
 * @param cn       the command code it came under (2051, 2031…)
 * @param dataTime the period's start
 * @param code     the indicator code
 * @param cou      the {@code -Cou} value as written
 * @param flag     the data flag
 * @param backfill whether the packet carried {@code RF=1}
 */
public record ReceivedValue(String cn, LocalDateTime dataTime, String code, String cou, String flag, boolean backfill) {

    /** The key a platform stores data under: a value for a code and period is stored once. */
    public String key() {
        return cn + "|" + dataTime + "|" + code;
    }
}
