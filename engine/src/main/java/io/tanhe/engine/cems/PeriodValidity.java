package io.tanhe.engine.cems;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Days and months of CEMS data judged by {@link ValidityRules}: a day is valid with enough valid
 * hours, a month with enough valid days (fewer in February), each with its capture rate. Local
 * dates in the site's zone.
 */
public final class PeriodValidity {
    private PeriodValidity() {
    }

    /** One local day: its hours held, the valid ones, whether the day is valid, and its capture rate. */
    public record Day(LocalDate date, int hours, int validHours, boolean valid, CaptureRate capture) {
    }

    /** One month: its valid days among those held, whether the month is valid, and its capture rate over hours. */
    public record Month(YearMonth month, int days, int validDays, boolean valid, CaptureRate capture) {
    }

    public static List<Day> days(List<HourRecord> hours, ZoneId zone, ValidityRules rules) {
        Map<LocalDate, List<HourRecord>> byDate = new TreeMap<>();
        for (HourRecord h : hours) {
            byDate.computeIfAbsent(h.start().atZone(zone).toLocalDate(), d -> new ArrayList<>()).add(h);
        }
        List<Day> out = new ArrayList<>();
        byDate.forEach((date, list) -> {
            int valid = (int) list.stream().filter(h -> h.status() == HourStatus.VALID).count();
            out.add(new Day(date, list.size(), valid, rules.dayValid(valid), CaptureRate.of(list)));
        });
        return List.copyOf(out);
    }

    public static List<Month> months(List<HourRecord> hours, ZoneId zone, ValidityRules rules) {
        Map<YearMonth, List<HourRecord>> byMonth = new TreeMap<>();
        for (HourRecord h : hours) {
            byMonth.computeIfAbsent(YearMonth.from(h.start().atZone(zone)), m -> new ArrayList<>()).add(h);
        }
        List<Month> out = new ArrayList<>();
        byMonth.forEach((month, list) -> {
            List<Day> days = days(list, zone, rules);
            int valid = (int) days.stream().filter(Day::valid).count();
            out.add(new Month(month, days.size(), valid, rules.monthValid(month, valid), CaptureRate.of(list)));
        });
        return List.copyOf(out);
    }
}
