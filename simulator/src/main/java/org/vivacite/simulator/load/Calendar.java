package org.vivacite.simulator.load;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;

/**
 * Days that change how buildings are used: weekends, French public holidays, and school holidays
 * approximating zone A's calendar (Grenoble's academy): All Saints' (the last two weeks of
 * October), Christmas (20 December – 3 January), winter (two weeks from the second Saturday of
 * February), spring (two weeks from the second Saturday of April) and summer (5 July – 31
 * August). The real calendar moves by a few days each year; these dates are close enough for
 * realistic schedules.
 */
public final class Calendar {

    private Calendar() {}

    public static boolean weekend(LocalDate day) {
        DayOfWeek d = day.getDayOfWeek();
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
    }

    /** French public holidays, Easter-based ones included. */
    public static boolean publicHoliday(LocalDate day) {
        MonthDay md = MonthDay.from(day);
        for (MonthDay fixed : FIXED) {
            if (fixed.equals(md)) {
                return true;
            }
        }
        LocalDate easter = easter(day.getYear());
        return day.equals(easter.plusDays(1)) || day.equals(easter.plusDays(39)) || day.equals(easter.plusDays(50));
    }

    /** Whether schools are closed: weekends, public holidays and school holidays. */
    public static boolean schoolClosed(LocalDate day) {
        return weekend(day) || publicHoliday(day) || schoolHoliday(day);
    }

    public static boolean schoolHoliday(LocalDate day) {
        MonthDay md = MonthDay.from(day);
        if (between(md, MonthDay.of(10, 18), MonthDay.of(11, 2))
                || !md.isBefore(MonthDay.of(12, 20))
                || !md.isAfter(MonthDay.of(1, 3))
                || between(md, MonthDay.of(7, 5), MonthDay.of(8, 31))) {
            return true;
        }
        return within(day, secondSaturday(day.getYear(), Month.FEBRUARY))
                || within(day, secondSaturday(day.getYear(), Month.APRIL));
    }

    private static final MonthDay[] FIXED = {
        MonthDay.of(1, 1), MonthDay.of(5, 1), MonthDay.of(5, 8), MonthDay.of(7, 14),
        MonthDay.of(8, 15), MonthDay.of(11, 1), MonthDay.of(11, 11), MonthDay.of(12, 25)
    };

    private static boolean between(MonthDay md, MonthDay from, MonthDay to) {
        return !md.isBefore(from) && !md.isAfter(to);
    }

    private static boolean within(LocalDate day, LocalDate start) {
        return !day.isBefore(start) && day.isBefore(start.plusDays(16));
    }

    private static LocalDate secondSaturday(int year, Month month) {
        LocalDate first = LocalDate.of(year, month, 1);
        int toSaturday = (DayOfWeek.SATURDAY.getValue() - first.getDayOfWeek().getValue() + 7) % 7;
        return first.plusDays(toSaturday + 7);
    }

    /** Easter Sunday (Gregorian, anonymous algorithm). */
    static LocalDate easter(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(year, month, day);
    }
}
