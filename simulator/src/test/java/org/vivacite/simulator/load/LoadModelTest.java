package org.vivacite.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vivacite.simulator.DemoCity;
import org.vivacite.simulator.meters.Device;
import org.vivacite.simulator.meters.Meter;
import org.vivacite.simulator.territory.BuildingKind;
import org.vivacite.simulator.territory.Heating;

class LoadModelTest {

    private static final LocalDate START = LocalDate.of(2025, 10, 1);
    private static final DemoCity CITY = DemoCity.generate(11, 2_000, START, null);
    private static final Weather WEATHER = CITY.load().weather();

    private static double[] advance(Meter m, LocalDate date) {
        Day day = Day.of(date, DemoCity.ZONE, WEATHER);
        double[] out = new double[day.slots()];
        CITY.load().advance(m, day, out);
        return out;
    }

    private static double sum(double[] values, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += values[i];
        }
        return s;
    }

    private static double day(Meter m, LocalDate date) {
        double[] a = advance(m, date);
        return sum(a, 0, a.length);
    }

    @Test
    void theClimateIsGrenobleLikeWithItsDegreeDays() {
        double degreeDays = 0;
        for (LocalDate d = LocalDate.of(2025, 7, 1); d.isBefore(LocalDate.of(2026, 7, 1)); d = d.plusDays(1)) {
            degreeDays += WEATHER.degreeDays(d);
            assertThat(WEATHER.min(d)).isLessThan(WEATHER.max(d));
        }
        assertThat(degreeDays).as("heating degree-days, base 18 °C").isBetween(2_200.0, 3_000.0);
        assertThat(WEATHER.degreeDays(LocalDate.of(2026, 7, 20))).isZero();
        assertThat(WEATHER.degreeDays(LocalDate.of(2026, 5, 25)))
                .as("after the season")
                .isZero();
        double january = 0;
        double july = 0;
        for (int d = 1; d <= 31; d++) {
            january += WEATHER.mean(LocalDate.of(2026, 1, d)) / 31;
            july += WEATHER.mean(LocalDate.of(2026, 7, d)) / 31;
        }
        assertThat(january).isBetween(-1.0, 5.0);
        assertThat(july).isBetween(18.0, 24.0);
        LocalDate d = LocalDate.of(2026, 1, 10);
        assertThat(WEATHER.at(d, 6)).isCloseTo(WEATHER.min(d), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(WEATHER.at(d, 15)).isCloseTo(WEATHER.max(d), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void theCalendarKnowsHolidays() {
        assertThat(Calendar.easter(2026)).isEqualTo(LocalDate.of(2026, 4, 5));
        assertThat(Calendar.publicHoliday(LocalDate.of(2026, 4, 6)))
                .as("Easter Monday")
                .isTrue();
        assertThat(Calendar.publicHoliday(LocalDate.of(2026, 7, 14))).isTrue();
        assertThat(Calendar.schoolHoliday(LocalDate.of(2026, 8, 3))).isTrue();
        assertThat(Calendar.schoolHoliday(LocalDate.of(2025, 12, 24))).isTrue();
        assertThat(Calendar.schoolClosed(LocalDate.of(2026, 3, 10)))
                .as("a Tuesday in term")
                .isFalse();
    }

    @Test
    void householdElectricityPeaksInTheEveningAndDiffersAtTheWeekend() {
        Meter linky = first(
                Device.LINKY,
                m -> m.dwelling() != null
                        && m.dwelling().occupants() > 0
                        && !m.dwelling().heating().electric());
        double evening = 0;
        double night = 0;
        for (LocalDate d = LocalDate.of(2026, 3, 2); d.isBefore(LocalDate.of(2026, 3, 7)); d = d.plusDays(1)) {
            double[] a = advance(linky, d); // a day of 48 half hours in March
            evening += sum(a, 38, 44); // 19:00–22:00
            night += sum(a, 4, 10); // 02:00–05:00
        }
        assertThat(evening).isGreaterThan(3 * night);
        assertThat(advance(linky, LocalDate.of(2026, 3, 7))).isNotEqualTo(advance(linky, LocalDate.of(2026, 3, 4)));
    }

    @Test
    void electricHeatingFollowsTheOutdoorTemperature() {
        Meter linky = first(
                Device.LINKY,
                m -> m.dwelling() != null
                        && m.dwelling().occupants() > 0
                        && m.dwelling().heating() == Heating.ELECTRIC);
        assertThat(day(linky, coldestDay())).isGreaterThan(2 * day(linky, LocalDate.of(2026, 7, 15)));
    }

    @Test
    void heatAndGasFollowHeatingDegreeDays() {
        LocalDate cold = coldestDay();
        LocalDate mild = LocalDate.of(2026, 4, 20);
        for (Device device : List.of(Device.HEAT_METER, Device.HEAT_COST_ALLOCATOR, Device.GAS_METER)) {
            Meter m = first(device, x -> x.dwelling() != null && x.dwelling().occupants() > 0);
            assertThat(day(m, cold)).as(device + " on the coldest day").isGreaterThan(day(m, mild));
            if (device != Device.GAS_METER) {
                assertThat(day(m, LocalDate.of(2026, 7, 15)))
                        .as(device + " in July")
                        .isZero();
            }
        }
        Meter gas = first(
                Device.GAS_METER, x -> x.dwelling() != null && x.dwelling().occupants() > 0);
        assertThat(day(gas, LocalDate.of(2026, 7, 15))).as("hot water all year").isPositive();
        Meter building = first(
                Device.HEAT_METER,
                x -> x.dwelling() == null && x.building().kind().collectiveHousing());
        double ratio = (day(building, cold) - day(building, LocalDate.of(2026, 7, 15)))
                / (WEATHER.degreeDays(cold) - WEATHER.degreeDays(LocalDate.of(2026, 7, 15)));
        double ratioMild = (day(building, mild) - day(building, LocalDate.of(2026, 7, 15))) / WEATHER.degreeDays(mild);
        assertThat(ratio / ratioMild)
                .as("kWh per degree-day, cold and mild day")
                .isBetween(0.8, 1.25);
    }

    @Test
    void waterHasMorningAndEveningPeaksAndLeaksFlowAllNight() {
        List<Meter> water = CITY.fleet().of(Device.WATER_METER).stream()
                .filter(m -> m.dwelling() != null && m.dwelling().occupants() > 0)
                .toList();
        LocalDate d = START.plusDays(20);
        int leaking = 0;
        for (Meter m : water) {
            double[] a = advance(m, d);
            double night = sum(a, 4, 8) / 2; // litres an hour, 02:00–04:00
            if (CITY.load().leak(m, d) > 0) {
                leaking++;
                assertThat(night).as("night flow of a leak").isGreaterThanOrEqualTo(10 * 0.9);
            } else {
                assertThat(night).as("night flow of a sound installation").isLessThan(5);
                assertThat(sum(a, 12, 18) + sum(a, 36, 44)).isGreaterThan(sum(a, 0, a.length) / 2);
            }
        }
        assertThat(leaking).as("a few leaks").isBetween(3, 30);
        Meter leak = water.stream()
                .filter(m -> CITY.load().leak(m, d) > 0)
                .findFirst()
                .orElseThrow();
        assertThat(CITY.load().leak(leak, START))
                .as("leaks begin after the start")
                .isZero();
    }

    @Test
    void schoolsUseLessOnHolidaysAndPoolsOpenEveryDay() {
        Meter school =
                first(Device.LINKY, m -> m.dwelling() == null && m.building().kind() == BuildingKind.SCHOOL);
        assertThat(day(school, LocalDate.of(2026, 3, 10))).isGreaterThan(2 * day(school, LocalDate.of(2026, 8, 4)));
        Meter pool =
                first(Device.LINKY, m -> m.dwelling() == null && m.building().kind() == BuildingKind.SWIMMING_POOL);
        double sunday = day(pool, LocalDate.of(2026, 3, 8));
        assertThat(sunday)
                .isCloseTo(day(pool, LocalDate.of(2026, 3, 10)), org.assertj.core.data.Percentage.withPercentage(30));
    }

    @Test
    void vacantDwellingsDrawOnlyStandby() {
        Meter vacant =
                first(Device.LINKY, m -> m.dwelling() != null && m.dwelling().occupants() == 0);
        assertThat(day(vacant, LocalDate.of(2026, 3, 10))).isLessThan(1_000); // Wh a day
        Meter water = first(
                Device.WATER_METER,
                m -> m.dwelling() != null
                        && m.dwelling().occupants() == 0
                        && CITY.load().leak(m, LocalDate.of(2026, 3, 10)) == 0);
        assertThat(day(water, LocalDate.of(2026, 3, 10))).isZero();
    }

    private static LocalDate coldestDay() {
        LocalDate coldest = START;
        for (LocalDate d = START; d.isBefore(START.plusDays(180)); d = d.plusDays(1)) {
            if (WEATHER.degreeDays(d) > WEATHER.degreeDays(coldest)) {
                coldest = d;
            }
        }
        return coldest;
    }

    private static Meter first(Device device, java.util.function.Predicate<Meter> filter) {
        return CITY.fleet().of(device).stream().filter(filter).findFirst().orElseThrow();
    }
}
