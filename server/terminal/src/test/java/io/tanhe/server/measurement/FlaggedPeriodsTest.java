package io.tanhe.server.measurement;

import io.tanhe.drivers.Quality;
import io.tanhe.server.store.QaKind;
import io.tanhe.server.store.QaRecord;
import io.tanhe.server.store.StoredReading;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlaggedPeriodsTest {
    private static final Instant T0 = Instant.parse("2026-06-01T03:00:00Z");

    /** One CO2 reading every 10 s for 30 min: flagged C from minute 5 to 15, D from 20 to 22, M from 27 on (still open). */
    private static List<StoredReading> readings() {
        List<StoredReading> out = new ArrayList<>();
        for (int s = 0; s < 1800; s += 10) {
            String flag = s >= 300 && s < 900 ? "C" : s >= 1200 && s < 1320 ? "D" : s >= 1620 ? "M" : "N";
            boolean value = flag.equals("N");
            out.add(new StoredReading("stack1.co2", "", T0.plusSeconds(s), value ? BigDecimal.valueOf(12.3) : null, "%",
                    value ? Quality.MEASURED : Quality.DEVICE_ERROR, "cems-logger",
                    value ? "" : "HJ 212 flag " + flag + ": x; value 15.000 not used", T0.plusSeconds(s)));
        }
        return out.reversed(); // any order
    }

    @Test
    void aRunOfCalibrationFlagsBecomesOneQaRecordAndAnOpenRunWaits() {
        List<QaRecord> qa = FlaggedPeriods.of(readings(), Set.of("stack1.co2"), T0, T0);
        assertEquals(1, qa.size(), qa.toString());
        QaRecord c = qa.getFirst();
        assertEquals(QaKind.CALIBRATION, c.kind());
        assertEquals(T0.plusSeconds(300), c.from());
        assertEquals(T0.plusSeconds(900), c.to());
        assertEquals("hj212:cems-logger", c.source());
        assertEquals("60 readings flagged C by the data logger", c.note());
        assertTrue(c.excludesData());
    }

    @Test
    void aRunThatEndedBeforeTheBatchIsNotRecordedAgain() {
        assertEquals(List.of(), FlaggedPeriods.of(readings(), Set.of("stack1.co2"), T0.plusSeconds(901), T0));
        assertEquals(List.of(), FlaggedPeriods.of(readings(), Set.of("stack1.flow"), T0, T0));
    }
}
