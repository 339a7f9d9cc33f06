package org.vivacite.opendata.aggregate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.jena.graph.Node;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;

/**
 * A city big enough that releases publish most cells: one commune, two districts of 66 households
 * each (electricity; gas in half of them), two offices, a flagged town hall and an unflagged
 * library, with a year and a few days of daily consumption before {@code today} and half-hourly
 * electricity of 20 households over the latest complete month. Values vary by household, season
 * and day, deterministically.
 */
public final class DemoTerritoryFixture implements AutoCloseable {

    public static final String BASE = TestCity.BASE;
    public static final ZoneId ZONE = TestCity.ZONE;

    private final TestCity city;

    private DemoTerritoryFixture(TestCity city) {
        this.city = city;
    }

    public QuadStore store() {
        return city.store;
    }

    /** The city in a new LMDB store under {@code dir}, with rollups of its own. */
    public static DemoTerritoryFixture create(Path dir, LocalDate today) {
        TestCity city = new TestCity(QuadStores.open("lmdb", "private", dir.resolve("store")), dir.resolve("journal"));
        populate(city, today);
        return new DemoTerritoryFixture(city);
    }

    /** The city written into a store (a server's private store, say) through its rollups, which stay open. */
    public static void writeInto(
            QuadStore store, org.vivacite.triplestore.rollup.MeterDayRollups rollups, LocalDate today) {
        populate(new TestCity(store, rollups), today);
    }

    private static void populate(TestCity city, LocalDate today) {
        Node metropolis = city.area("id/metropolis/200040715", "Metropolis", "200040715", "SirenCode", null);
        Node commune = city.area("id/commune/38185", "Commune", "38185", "InseeCommuneCode", metropolis);
        List<Node> households = new ArrayList<>();
        List<Node> gas = new ArrayList<>();
        List<Node> others = new ArrayList<>();
        int building = 0;
        for (int d = 1; d <= 2; d++) {
            Node district =
                    city.area("id/district/3818501" + d + "0", "District", "3818501" + d + "0", "IrisCode", commune);
            for (int s = 1; s <= 2; s++) {
                String code = String.format(Locale.ROOT, "38185_%d%03d", d, s);
                Node street = city.area("id/street/" + code, "Street", code, "BanStreetCode", district);
                for (int b = 0; b < 3; b++) {
                    Node homes = city.building(rnb(building++), street, "residential", false, "900");
                    for (int h = 0; h < 11; h++) {
                        Node m = city.meter("e" + households.size(), homes, Integer.toString(40 + h * 5));
                        households.add(m);
                        if (h % 2 == 0) {
                            gas.add(city.meter("g" + households.size(), homes, null));
                        }
                    }
                }
            }
            Node office = city.building(
                    rnb(building++),
                    city.iri("id/street/" + String.format(Locale.ROOT, "38185_%d001", d)),
                    "tertiary",
                    false,
                    "700");
            others.add(city.meter("office" + d + "a", office, null));
            others.add(city.meter("office" + d + "b", office, "300"));
            others.add(city.meter("office" + d + "c", office, "200"));
        }
        Node street = city.iri("id/street/38185_2002");
        others.add(city.meter("townhall", city.building(rnb(building++), street, "public", true, "1500"), null));
        others.add(city.meter("library", city.building(rnb(building++), street, "public", false, "600"), null));
        city.writeTerritory();

        LocalDate first = today.minusYears(1).minusDays(5);
        for (LocalDate day = first; day.isBefore(today); day = day.plusDays(1)) {
            double season = 1 + 0.4 * Math.cos((day.getDayOfYear() - 15) * 2 * Math.PI / 365);
            for (int i = 0; i < households.size(); i++) {
                city.daily(households.get(i), "electricityEnergyConsumed", day, value((6 + i % 7) * season, i, day));
            }
            for (int i = 0; i < gas.size(); i++) {
                city.daily(gas.get(i), "gasVolumeConsumed", day, value(2 * season * season, i + 1000, day));
            }
            for (int i = 0; i < others.size(); i++) {
                city.daily(others.get(i), "electricityEnergyConsumed", day, value(40 + 15 * i, i + 2000, day));
            }
        }
        LocalDate month = today.withDayOfMonth(1).minusMonths(1);
        for (LocalDate day = month; day.isBefore(month.plusMonths(1)); day = day.plusDays(1)) {
            for (int slot = 0; slot < 48; slot++) {
                var start = day.atStartOfDay(ZONE).plusMinutes(30L * slot).toInstant();
                for (int i = 0; i < 20; i++) {
                    city.consumption(
                            households.get(i),
                            "electricityEnergyConsumed",
                            start,
                            Duration.ofMinutes(30),
                            value(slot >= 36 && slot < 44 ? 0.6 : 0.15, i + slot, day));
                }
            }
        }
        city.flush();
    }

    private static String rnb(int n) {
        return String.format(Locale.ROOT, "RNB%09d", n)
                .replace('0', 'A')
                .replace('I', 'J')
                .replace('O', 'P');
    }

    /** A value around {@code mean}, different each day and household (±20 %), never zero. */
    private static String value(double mean, int household, LocalDate day) {
        long h = (day.toEpochDay() * 31 + household) * 0x9E3779B97F4A7C15L;
        double noise = ((h >>> 11) % 1000) / 1000.0 * 0.4 - 0.2;
        return String.format(Locale.ROOT, "%.3f", mean * (1 + noise));
    }

    @Override
    public void close() {
        city.close();
        city.store.close();
    }
}
