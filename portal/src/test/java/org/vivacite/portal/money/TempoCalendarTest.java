package org.vivacite.portal.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * The demo's Tempo calendar, shipped as {@code tariffs/tempo-calendar-demo.csv} (comment lines
 * saying it is demo data, then RTE's colour names), keeps the published rule in each season it
 * covers: 22 red days, all on weekdays from 1 November to 31 March, at most 5 in a row; 43 white
 * days, none on a Sunday; every other day blue.
 */
class TempoCalendarTest {

    @Test
    void eachSeasonOfTheDemoCalendarKeepsTheRule() {
        Tariffs tariffs = new Tariffs(
                MoneyProperties.defaults()
                        .withElectricity("tempo", 6, List.of(), "classpath:tariffs/tempo-calendar-demo.csv"),
                new DefaultResourceLoader());
        for (int year : List.of(2024, 2025, 2026)) {
            int red = 0;
            int white = 0;
            int run = 0;
            for (LocalDate d = LocalDate.of(year, 9, 1); d.isBefore(LocalDate.of(year + 1, 9, 1)); d = d.plusDays(1)) {
                Optional<Tariffs.Colour> c = tariffs.colour(d);
                assertThat(c).as("the colour of %s", d).isPresent();
                if (c.get() == Tariffs.Colour.RED) {
                    red++;
                    run++;
                    assertThat(d.getDayOfWeek()).as("red %s", d).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
                    assertThat(d.getMonth())
                            .as("red %s", d)
                            .isIn(Month.NOVEMBER, Month.DECEMBER, Month.JANUARY, Month.FEBRUARY, Month.MARCH);
                    assertThat(run).as("red days in a row up to %s", d).isLessThanOrEqualTo(5);
                } else {
                    run = 0;
                }
                if (c.get() == Tariffs.Colour.WHITE) {
                    white++;
                    assertThat(d.getDayOfWeek()).as("white %s", d).isNotEqualTo(DayOfWeek.SUNDAY);
                }
            }
            assertThat(red).as("red days of season %d", year).isEqualTo(22);
            assertThat(white).as("white days of season %d", year).isEqualTo(43);
        }
    }
}
