package org.vivacite.portal.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;
import org.vivacite.portal.personal.PersonalData.Point;

/**
 * The timelines and the bill over the tariff files shipped as defaults (and Tempo, peak/off-peak
 * and broken files written for a test): prices by each point's day, Tempo's 6h→6h days and 22h→6h
 * off-peak hours, the peak/off-peak split of fine and daily points, the subscription pro rata, gas
 * from m³ to kWh PCS to kg CO2e (PCI).
 */
class BillingTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @TempDir
    Path dir;

    private static Billing billing(MoneyProperties p) {
        return new Billing(new Tariffs(p, new DefaultResourceLoader()), PARIS);
    }

    private static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(PARIS).toInstant();
    }

    private static Instant day(String date) {
        return LocalDate.parse(date).atStartOfDay(PARIS).toInstant();
    }

    /** Daily points of {@code value} from {@code first} for {@code n} days. */
    private static List<Point> days(String first, int n, String value) {
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LocalDate d = LocalDate.parse(first).plusDays(i);
            out.add(new Point(
                    d.atStartOfDay(PARIS).toInstant(),
                    d.plusDays(1).atStartOfDay(PARIS).toInstant(),
                    new BigDecimal(value)));
        }
        return out;
    }

    private static Point half(String start, String value) {
        Instant s = at(start);
        return new Point(s, s.plus(Duration.ofMinutes(30)), new BigDecimal(value));
    }

    private static Map<String, BigDecimal> energy(Bill bill) {
        return bill.lines().stream()
                .filter(l -> l.item().equals("energy"))
                .collect(Collectors.toMap(Bill.Line::period, Bill.Line::quantity, BigDecimal::add));
    }

    @Test
    void aPeriodStraddlingAPriceChangeIsPricedAtEachDaysPriceWithTheSubscriptionProRata() {
        // base 6 kVA: 0.19398 €/kWh and 188.20 €/year until 31 July 2026, 0.2001 and 190.32 from 1 August
        Bill bill = billing(MoneyProperties.defaults())
                .bill("d", "electricity", "kWh", days("2026-07-30", 4, "10"), day("2026-07-30"), day("2026-08-03"));

        assertThat(bill.lines())
                .extracting(l -> l.item() + " " + l.from() + " " + l.to() + " " + l.quantity() + " " + l.amountTtc())
                .containsExactly(
                        "subscription 2026-07-30 2026-08-01 2 1.03", // 188.20 × 2 / 365
                        "subscription 2026-08-01 2026-08-03 2 1.04", // 190.32 × 2 / 365
                        "energy 2026-07-30 2026-08-01 20 3.88", // 20 × 0.19398
                        "energy 2026-08-01 2026-08-03 20 4.00"); // 20 × 0.2001
        assertThat(bill.totalTtc()).isEqualByComparingTo("9.95");
        assertThat(bill.totalHt())
                .as("August's row gives no price without taxes")
                .isNull();
        assertThat(bill.quantity()).isEqualByComparingTo("40");
        assertThat(bill.kgCo2e()).isEqualByComparingTo("3.16"); // 40 × 0.079 (DPE, heating)
        assertThat(billing(MoneyProperties.defaults())
                        .euros("electricity", days("2026-07-30", 4, "10"), day("2026-07-30"), day("2026-08-03")))
                .isEqualByComparingTo("9.95");
        assertThat(billing(MoneyProperties.defaults())
                        .euros(
                                "electricity",
                                List.of(new Point(day("2026-07-30"), day("2026-08-03"), new BigDecimal("40"))),
                                day("2026-07-30"),
                                day("2026-08-03")))
                .as("one point over the four days, spread over them")
                .isEqualByComparingTo("9.95");
    }

    @Test
    void taxesAreTheDifferenceWhenTheTariffGivesPricesWithoutThem() {
        Bill bill = billing(MoneyProperties.defaults())
                .bill("d", "electricity", "kWh", days("2026-03-10", 1, "10"), day("2026-03-10"), day("2026-03-11"));

        assertThat(bill.lines())
                .extracting(l -> l.item() + " " + l.amountHt() + " " + l.amountTtc())
                .containsExactly(
                        "subscription 0.39 0.52", "energy 1.31 1.94"); // 141.6/365, 188.2/365; 10 × 0.1308, 0.19398
        assertThat(bill.totalHt()).isEqualByComparingTo("1.70");
        assertThat(bill.totalTtc()).isEqualByComparingTo("2.46");
        assertThat(bill.taxes()).isEqualByComparingTo("0.76");
    }

    @Test
    void theSubscriptionCountsAPartDayByItsShare() {
        Bill bill = billing(MoneyProperties.defaults())
                .bill("d", "electricity", "kWh", List.of(), day("2026-03-10"), at("2026-03-12T12:00"));

        Bill.Line subscription = bill.lines().get(0);
        assertThat(subscription.quantity()).isEqualByComparingTo("2.5");
        assertThat(subscription.amountTtc()).isEqualByComparingTo("1.29"); // 188.20 × 2.5 / 365 = 1.289
        assertThat(bill.to()).isEqualTo(LocalDate.parse("2026-03-13"));
    }

    @Test
    void tempoDaysRunFromSixToSixAndTheirOffPeakHoursFromTenToSix() throws IOException {
        Path calendar = Files.writeString(dir.resolve("tempo.csv"), "date;colour\n2026-12-01;BLEU\n02/12/2026;ROUGE\n");
        Billing billing = billing(MoneyProperties.defaults()
                .withElectricity(
                        "tempo", 6, List.of("01:00-07:00"), calendar.toUri().toString()));
        List<Point> points = List.of(
                half("2026-12-02T05:30", "1"), // before 6:00: 1 December's Tempo day, blue, off-peak
                half("2026-12-02T06:00", "1"), // 2 December's, red, peak
                half("2026-12-02T22:00", "1"), // red, off-peak
                half("2026-12-03T05:00", "1")); // still 2 December's Tempo day: red, off-peak

        Bill bill = billing.bill("d", "electricity", "kWh", points, day("2026-12-02"), day("2026-12-04"));

        assertThat(energy(bill)).containsOnlyKeys("hc-blue", "hp-red", "hc-red").satisfies(e -> {
            assertThat(e.get("hc-blue")).isEqualByComparingTo("1");
            assertThat(e.get("hp-red")).isEqualByComparingTo("1");
            assertThat(e.get("hc-red")).isEqualByComparingTo("2");
        });
        assertThat(bill.lines())
                .filteredOn(l -> "hp-red".equals(l.period()))
                .singleElement()
                .satisfies(l -> assertThat(l.amountTtc()).isEqualByComparingTo("0.73")); // 0.7295
        assertThat(bill.notes())
                .as("the Tempo file gives no subscription price")
                .containsExactly(new Bill.Note("no-subscription", List.of("2026-12-02", "2026-12-04")));
        Bill uncoloured = billing.bill(
                "d",
                "electricity",
                "kWh",
                List.of(half("2026-12-05T12:00", "1")),
                day("2026-12-05"),
                day("2026-12-06"));
        assertThat(energy(uncoloured))
                .as("a Tempo day the calendar gives no colour is not priced")
                .isEmpty();
        assertThat(uncoloured.notes()).contains(new Bill.Note("no-tariff", List.of("2026-12-05", "2026-12-06")));
    }

    @Test
    void peakAndOffPeakSplitFinePointsByTheirHoursAndDailyOnesByTheConfiguredShare() {
        Billing billing = billing(MoneyProperties.defaults()
                .withElectricity(
                        "hphc", 6, List.of("01:00-07:00", "12:30-14:30"), "classpath:tariffs/tempo-calendar.csv"));
        List<Point> fine = List.of(
                half("2026-09-10T00:30", "2"), // peak
                half("2026-09-10T01:00", "2"), // off-peak
                half("2026-09-10T06:30", "2"), // off-peak
                half("2026-09-10T07:00", "2"), // peak
                new Point(at("2026-09-10T12:00"), at("2026-09-10T13:00"), new BigDecimal("2"))); // half and half

        Bill exact = billing.bill("d", "electricity", "kWh", fine, day("2026-09-10"), day("2026-09-11"));
        Bill daily = billing.bill(
                "d", "electricity", "kWh", days("2026-09-10", 1, "10"), day("2026-09-10"), day("2026-09-11"));

        assertThat(energy(exact).get("hc")).isEqualByComparingTo("5");
        assertThat(energy(exact).get("hp")).isEqualByComparingTo("5");
        assertThat(exact.notes()).isEmpty();
        assertThat(energy(daily).get("hc")).isEqualByComparingTo("3"); // 30 % by default
        assertThat(energy(daily).get("hp")).isEqualByComparingTo("7");
        assertThat(daily.notes()).containsExactly(new Bill.Note("off-peak-estimated", List.of("30")));
        assertThat(exact.lines())
                .filteredOn(l -> "hc".equals(l.period()))
                .singleElement()
                .satisfies(l -> assertThat(l.amountTtc()).isEqualByComparingTo("0.79")); // 5 × 0.1589
    }

    @Test
    void gasVolumesBecomeKwhPcsThenKgCo2eOverKwhPci() {
        Bill bill = billing(MoneyProperties.defaults())
                .bill("d", "gas", "m3", days("2026-01-10", 1, "3"), day("2026-01-10"), day("2026-01-11"));

        assertThat(bill.unit()).isEqualTo("kWh");
        assertThat(bill.quantity()).isEqualByComparingTo("33.6"); // 3 m³ × 11.2 kWh PCS/m³
        assertThat(bill.lines())
                .extracting(l -> l.item() + " " + l.quantity() + " " + l.amountTtc())
                .containsExactly("subscription 1 0.94", "energy 33.6 3.42"); // 343.90/365; 33.6 × 0.10192
        assertThat(bill.kgCo2e()).isEqualByComparingTo("6.87"); // 33.6 / 1.11 × 0.227
        assertThat(bill.notes()).containsExactly(new Bill.Note("gas-converted", List.of("3", "11.2")));
        assertThat(billing(MoneyProperties.defaults()).kgCo2e("gas", days("2026-01-10", 1, "3")))
                .isCloseTo(new BigDecimal("6.8714"), within(new BigDecimal("0.0001")));
    }

    @Test
    void daysWithoutATariffOrAFactorAreNotedAndNotCounted() {
        Billing billing = billing(MoneyProperties.defaults());
        // the shipped gas timeline has no price between November 2024 and November 2025
        Bill gas = billing.bill("d", "gas", "m3", days("2025-06-01", 2, "1"), day("2025-06-01"), day("2025-06-03"));
        Bill water =
                billing.bill("d", "water", "m3", days("2026-02-01", 2, "0.5"), day("2026-02-01"), day("2026-02-03"));

        assertThat(gas.lines()).isEmpty();
        assertThat(gas.totalTtc()).isEqualByComparingTo("0");
        assertThat(gas.notes()).contains(new Bill.Note("no-tariff", List.of("2025-06-01", "2025-06-03")));
        assertThat(water.lines())
                .extracting(l -> l.item() + " " + l.amountTtc())
                .containsExactly("water 2.49", "sanitation 2.39"); // no fixed part
        assertThat(water.kgCo2e()).isNull();
        assertThat(water.notes()).containsExactly(new Bill.Note("no-emission-factor", List.of("water", "heating")));
        assertThat(billing.kgCo2e("water", days("2026-02-01", 2, "0.5"))).isEqualByComparingTo("0");
    }

    @Test
    void aWrongFileOrKeyIsRefusedNamingIt() throws IOException {
        Path overlapping = Files.writeString(
                dir.resolve("base.csv"),
                "DATE_DEBUT;DATE_FIN;P_SOUSCRITE;PART_FIXE_HT;PART_FIXE_TTC;PART_VARIABLE_HT;PART_VARIABLE_TTC\n"
                        + "01/01/2026;31/03/2026;6;;100;;0,2\n01/03/2026;;6;;100;;0,3\n");
        Path garbled = Files.writeString(dir.resolve("calendar.csv"), "date;colour\n2026-12-01;VERT\n");
        MoneyProperties d = MoneyProperties.defaults();
        MoneyProperties withBase = new MoneyProperties(
                "base",
                6,
                List.of("22:00-06:00"),
                d.dailyOffPeakShare(),
                overlapping.toUri().toString(),
                d.electricityHphc(),
                d.electricityTempo(),
                d.tempoCalendar(),
                d.gas(),
                d.gasCalorificValue(),
                d.water(),
                d.heat(),
                d.emissionFactors(),
                d.emissionUse(),
                d.pcsPerPci());

        assertThatThrownBy(() -> billing(withBase))
                .isInstanceOf(MoneyException.class)
                .hasMessageContaining(
                        "base.csv, 6 kVA: the period from 2026-01-01 to 2026-03-31 overlaps the one from 2026-03-01");
        assertThatThrownBy(() -> billing(
                        d.withElectricity("tempo", 6, List.of(), garbled.toUri().toString())))
                .isInstanceOf(MoneyException.class)
                .hasMessageEndingWith("calendar.csv line 2: colour 'VERT' is none of BLEU, BLANC, ROUGE");
        assertThatThrownBy(() -> billing(d.withElectricity("weekend", 6, List.of(), d.tempoCalendar())))
                .isInstanceOf(MoneyException.class)
                .hasMessage("vivacite.money.electricity-option: 'weekend' is none of base, hphc, tempo");
        assertThatThrownBy(() -> billing(d.withElectricity("hphc", 6, List.of("22h-6h"), d.tempoCalendar())))
                .isInstanceOf(MoneyException.class)
                .hasMessage("vivacite.money.off-peak-hours: '22h-6h' is not HH:mm-HH:mm");
    }

    @Test
    void aDayIsPricedByItsHalfHoursOnlyWhenTheyTileIt() {
        List<Point> days = days("2026-09-10", 2, "24");
        List<Point> halves = new ArrayList<>();
        for (int i = 0; i < 48; i++) { // all of the 10th
            halves.add(half(
                    LocalDateTime.parse("2026-09-10T00:00").plusMinutes(30L * i).toString(), "0.5"));
        }
        for (int i = 0; i < 47; i++) { // the 11th without its last half hour
            halves.add(half(
                    LocalDateTime.parse("2026-09-11T00:00").plusMinutes(30L * i).toString(), "0.5"));
        }

        List<Point> merged = Bills.merge(days, halves);

        assertThat(merged).hasSize(49);
        assertThat(merged.subList(0, 48)).isEqualTo(halves.subList(0, 48));
        assertThat(merged.get(48)).isEqualTo(days.get(1));
    }
}
