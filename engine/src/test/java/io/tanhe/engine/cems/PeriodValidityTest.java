package io.tanhe.engine.cems;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 20 valid hours make a day, 25 valid days a month, 23 in February; local dates in the site's zone. */
class PeriodValidityTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** Every hour of {@code month}; on days {@code validDay} accepts, all hours valid, else only 19. */
    private static List<HourRecord> month(YearMonth month, IntPredicate validDay) {
        List<HourRecord> hours = new ArrayList<>();
        for (int d = 1; d <= month.lengthOfMonth(); d++) {
            Instant day = month.atDay(d).atStartOfDay(SHANGHAI).toInstant();
            for (int h = 0; h < 24; h++) {
                boolean valid = validDay.test(d) || h < 19;
                hours.add(new HourRecord(day.plusSeconds(3600L * h), valid ? HourStatus.VALID : HourStatus.INVALID,
                        valid ? 100 : Double.NaN, valid ? 60 : 0));
            }
        }
        return hours;
    }

    @Test
    void aDayNeedsTwentyValidHours() {
        List<PeriodValidity.Day> days = PeriodValidity.days(month(YearMonth.of(2024, 6), d -> d != 3), SHANGHAI, ValidityRules.standard());
        assertEquals(30, days.size());
        PeriodValidity.Day third = days.get(2);
        assertEquals(LocalDate.of(2024, 6, 3), third.date());
        assertEquals(19, third.validHours());
        assertFalse(third.valid());
        assertEquals(19.0 / 24, third.capture().rate(), 1e-15);
        assertTrue(days.get(3).valid());
    }

    @Test
    void aMonthNeedsTwentyFiveValidDaysAndFebruaryTwentyThree() {
        ValidityRules rules = ValidityRules.standard();
        PeriodValidity.Month june = PeriodValidity.months(month(YearMonth.of(2024, 6), d -> d <= 25), SHANGHAI, rules).get(0);
        assertEquals(25, june.validDays());
        assertTrue(june.valid());
        assertFalse(PeriodValidity.months(month(YearMonth.of(2024, 6), d -> d <= 24), SHANGHAI, rules).get(0).valid());
        assertTrue(PeriodValidity.months(month(YearMonth.of(2024, 2), d -> d <= 23), SHANGHAI, rules).get(0).valid());
        assertFalse(PeriodValidity.months(month(YearMonth.of(2024, 2), d -> d <= 22), SHANGHAI, rules).get(0).valid());
        // capture over hours: 5 days × 5 invalid hours of 720
        assertEquals(1 - 25.0 / 720, june.capture().rate(), 1e-15);
    }
}
