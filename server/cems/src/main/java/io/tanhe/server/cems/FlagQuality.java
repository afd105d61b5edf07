package io.tanhe.server.cems;

import io.tanhe.drivers.Quality;
import io.tanhe.server.hj212.DataFlag;

/**
 * The quality a reading takes from its HJ 212-2017 data flag (Table 8). N is a measurement, S a
 * value set by hand, T a value over the measuring range (kept, not for accounting); the others
 * carry no usable value — fault, calibration, maintenance and stop are the instrument's, B the
 * link's. The flag itself stays in the reading's detail, so calibration and maintenance periods
 * can be told from faults (engine.cems.HourStatus#ofFlag).
 */
public final class FlagQuality {
    private FlagQuality() {
    }

    /** The quality for {@code flag}; a value without a flag is taken as N, as loggers that omit it mean. */
    public static Quality of(DataFlag flag) {
        return switch (flag) {
            case N -> Quality.MEASURED;
            case S -> Quality.MANUAL;
            case T -> Quality.OUT_OF_RANGE;
            case D, C, M, F -> Quality.DEVICE_ERROR;
            case B -> Quality.COMM_ERROR;
        };
    }

    /** The detail written on a reading with this flag: {@code "HJ 212 flag C: calibration"}. */
    public static String detail(DataFlag flag) {
        return "HJ 212 flag " + flag.name() + ": " + flag.meaning();
    }
}
