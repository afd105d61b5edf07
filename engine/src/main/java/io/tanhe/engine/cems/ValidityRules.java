package io.tanhe.engine.cems;

import java.time.Month;
import java.time.YearMonth;

/**
 * When a minute, hour, day or month of CEMS data is valid. Every figure is a setting: the
 * CO2-specific standards (T/CAEPI 47/48-2022, DL/T 2376-2021) could not be read.
 *
 * @param minuteMinShare   the share of a minute that valid readings must cover (HJ 212-2017 App. C,
 *                         notes to C.16: more than 75 % normal values; (23) asks n ≥ 12 samples at ≤ 5 s, also 75 %)
 * @param hourMinMinutes   valid minutes for a valid hour (HJ 212-2017 (24): 45 ≤ k)
 * @param dayMinHours      valid hours for a valid day (HJ 212-2017 (25): 20 ≤ m)
 * @param monthMinDays     valid days for a valid month (HJ 76-2017 App. B, second-hand: 25)
 * @param februaryMinDays  the same in February (second-hand: 23)
 */
public record ValidityRules(double minuteMinShare, int hourMinMinutes, int dayMinHours, int monthMinDays, int februaryMinDays) {

    public ValidityRules {
        if (!(minuteMinShare > 0 && minuteMinShare <= 1)) {
            throw new IllegalArgumentException("minuteMinShare " + minuteMinShare + " must be in (0, 1]; the standard's is 0.75");
        }
        check("hourMinMinutes", hourMinMinutes, 60, 45);
        check("dayMinHours", dayMinHours, 24, 20);
        check("monthMinDays", monthMinDays, 31, 25);
        check("februaryMinDays", februaryMinDays, 29, 23);
    }

    private static void check(String name, int value, int max, int standard) {
        if (value < 1 || value > max) {
            throw new IllegalArgumentException(name + " " + value + " must be from 1 to " + max + "; the standard's is " + standard);
        }
    }

    /** HJ 212-2017 (23)–(25) and HJ 76-2017 Appendix B: 75 %, 45 minutes, 20 hours, 25 days (23 in February). */
    public static ValidityRules standard() {
        return new ValidityRules(0.75, 45, 20, 25, 23);
    }

    public boolean minuteValid(double completeness) {
        return completeness >= minuteMinShare;
    }

    public boolean hourValid(int validMinutes) {
        return validMinutes >= hourMinMinutes;
    }

    public boolean dayValid(int validHours) {
        return validHours >= dayMinHours;
    }

    public boolean monthValid(YearMonth month, int validDays) {
        return validDays >= (month.getMonth() == Month.FEBRUARY ? februaryMinDays : monthMinDays);
    }
}
