package io.crystalbus.message;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.regex.Pattern;

/** Accrual periods are ISO weeks in UTC, written {@code 2026-W48}. */
public final class Periods {
    private static final Pattern ISO_WEEK = Pattern.compile("\\d{4}-W(0[1-9]|[1-4]\\d|5[0-3])");
    private static final long SECONDS_PER_DAY = 86_400;

    /** The last week looked up: nearly every settlement falls in the current week, so this saves the calendar math. */
    private static volatile Week last = new Week(Long.MIN_VALUE, "");

    private record Week(long mondayEpochDay, String label) {
    }

    private Periods() {
    }

    public static String of(Instant instant) {
        long epochDay = Math.floorDiv(instant.getEpochSecond(), SECONDS_PER_DAY);
        long monday = epochDay - Math.floorMod(epochDay + 3, 7); // 1970-01-01 was a Thursday
        Week week = last;
        if (week.mondayEpochDay != monday) {
            LocalDate date = LocalDate.ofEpochDay(monday);
            week = new Week(monday, String.format("%04d-W%02d",
                    date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
            last = week;
        }
        return week.label;
    }

    public static boolean isValid(String period) {
        return ISO_WEEK.matcher(period).matches();
    }
}
