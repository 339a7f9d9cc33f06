package org.vivacite.simulator.meters;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.vivacite.simulator.territory.BuildingKind;
import org.vivacite.simulator.territory.Heating;
import org.vivacite.simulator.territory.Territory;
import org.vivacite.simulator.territory.Territory.Building;
import org.vivacite.simulator.territory.Territory.Dwelling;

/**
 * The devices of a territory, generated from a seed: a Linky meter and a water meter in every
 * dwelling, a gas meter where the dwelling has its own boiler, heat meters or heat cost allocators
 * in collectively heated buildings, a few room and hot-water tank sensors, and each non-residential
 * or collectively heated building's own meters. One water meter is replaced on a given day (its
 * successor's register starts near zero) and one is close to its register's rollover.
 *
 * @param meters every device, the replaced meter and its successor included
 * @param replaced the index of the replaced meter, or -1
 * @param rollover the index of the meter whose register rolls over soon after the start
 */
public record Fleet(List<Meter> meters, int replaced, int rollover) {

    /** Largest value of an 8-digit BCD register. */
    public static final long BCD8_LIMIT = 100_000_000L;

    private static final String[] WATER_MAKERS = {"DME", "KAM", "ZRI"};
    private static final String[] HEAT_MAKERS = {"KAM", "LUG"};
    private static final String[] LINKY_MAKERS = {"Sagemcom", "Landis+Gyr", "Itron"};

    public Fleet {
        meters = List.copyOf(meters);
    }

    /**
     * @param replacementDay the day one water meter is replaced, or null for no replacement
     */
    public static Fleet generate(Territory territory, long seed, LocalDate replacementDay) {
        return new Generator(new SplittableRandom(seed ^ 0x5EED_F1EE7L)).generate(territory, replacementDay);
    }

    /** The devices of one kind. */
    public List<Meter> of(Device device) {
        return meters.stream().filter(m -> m.device() == device).toList();
    }

    private static final class Generator {
        private final SplittableRandom random;
        private final Set<String> ids = new HashSet<>();
        private final List<Meter> meters = new ArrayList<>();

        Generator(SplittableRandom random) {
            this.random = random;
        }

        Fleet generate(Territory territory, LocalDate replacementDay) {
            Set<Building> withAllocators = new HashSet<>();
            for (Building b : territory.buildings()) {
                if (b.kind().collectiveHousing()
                        && b.heating() != Heating.ELECTRIC
                        && !(b.heating() == Heating.DISTRICT_HEATING && b.yearBuilt() >= 2000)
                        && random.nextDouble() < 0.6) {
                    withAllocators.add(b);
                }
            }
            for (Dwelling d : territory.dwellings()) {
                Building b = d.building();
                String consent = random.nextDouble() < 0.4 ? "PT30M" : "P1D";
                add(Device.LINKY, d, b, consent);
                add(Device.WATER_METER, d, b, consent);
                if (d.heating() == Heating.INDIVIDUAL_GAS_BOILER) {
                    add(Device.GAS_METER, d, b, consent);
                }
                if (b.kind().collectiveHousing() && b.heating() == Heating.DISTRICT_HEATING && b.yearBuilt() >= 2000) {
                    add(Device.HEAT_METER, d, b, consent);
                } else if (withAllocators.contains(b)) {
                    add(Device.HEAT_COST_ALLOCATOR, d, b, consent);
                }
                double sensor = random.nextDouble();
                if (sensor < 0.08) {
                    add(Device.ROOM_SENSOR, d, b, consent);
                } else if (sensor < 0.12 && d.heating().electric()) {
                    add(Device.TANK_SENSOR, d, b, consent);
                }
            }
            for (Building b : territory.buildings()) {
                if (b.kind() == BuildingKind.HOUSE) {
                    continue;
                }
                if (b.kind().sector != BuildingKind.Sector.RESIDENTIAL) {
                    add(Device.LINKY, null, b, "PT30M");
                    add(Device.WATER_METER, null, b, "PT30M");
                }
                if (b.heating() == Heating.DISTRICT_HEATING) {
                    add(Device.HEAT_METER, null, b, "PT30M");
                } else if (b.heating() == Heating.COLLECTIVE_GAS_BOILER) {
                    add(Device.GAS_METER, null, b, "PT30M");
                }
            }
            List<Meter> water = meters.stream()
                    .filter(m -> m.device() == Device.WATER_METER && m.dwelling() != null)
                    .toList();
            Meter rollover = water.get(random.nextInt(water.size()));
            meters.set(rollover.index(), rollover.withInitialIndex(BCD8_LIMIT - 1_500));
            int replaced = -1;
            if (replacementDay != null) {
                Meter old = water.get(random.nextInt(water.size()));
                if (old.index() == rollover.index()) {
                    old = water.get((water.indexOf(old) + 1) % water.size());
                }
                replaced = old.index();
                meters.set(replaced, old.replacedOn(replacementDay));
                Meter successor = new Meter(
                        meters.size(),
                        newId(8),
                        old.manufacturer(),
                        old.device(),
                        old.dwelling(),
                        old.building(),
                        null,
                        key(),
                        old.consent(),
                        replacementDay,
                        null,
                        random.nextInt(20));
                meters.add(successor);
            }
            return new Fleet(Collections.unmodifiableList(meters), replaced, rollover.index());
        }

        private void add(Device device, Dwelling dwelling, Building building, String consent) {
            String id;
            String maker;
            String usagePoint = null;
            byte[] key = null;
            long initial;
            switch (device) {
                case LINKY -> {
                    id = newId(12);
                    maker = LINKY_MAKERS[random.nextInt(LINKY_MAKERS.length)];
                    usagePoint = newId(14);
                    initial = 1_000_000L + random.nextLong(60_000_000L); // Wh
                }
                case ROOM_SENSOR, TANK_SENSOR -> {
                    id = String.format(Locale.ROOT, "%016X", random.nextLong()).substring(0, 6) + "FFFE"
                            + String.format(Locale.ROOT, "%06X", meters.size());
                    maker = "generic";
                    initial = 0;
                }
                default -> {
                    id = newId(8);
                    maker = switch (device) {
                        case WATER_METER -> WATER_MAKERS[random.nextInt(WATER_MAKERS.length)];
                        case GAS_METER -> "ELS";
                        case HEAT_METER -> HEAT_MAKERS[random.nextInt(HEAT_MAKERS.length)];
                        default -> "QDS";
                    };
                    key = key();
                    initial = switch (device) {
                        case WATER_METER -> 20_000L + random.nextLong(900_000L); // litres
                        case GAS_METER -> 1_000_000L + random.nextLong(30_000_000L); // litres
                        case HEAT_METER -> 1_000L + random.nextLong(dwelling == null ? 5_000_000L : 60_000L); // kWh
                        default -> random.nextLong(2_000L); // allocation units
                    };
                }
            }
            meters.add(new Meter(
                    meters.size(),
                    id,
                    maker,
                    device,
                    dwelling,
                    building,
                    usagePoint,
                    key,
                    consent,
                    null,
                    null,
                    initial));
        }

        private byte[] key() {
            byte[] key = new byte[16];
            random.nextBytes(key);
            return key;
        }

        /** A new identifier of {@code digits} decimal digits, not starting with 0. */
        private String newId(int digits) {
            while (true) {
                StringBuilder id = new StringBuilder(digits);
                id.append(1 + random.nextInt(9));
                for (int i = 1; i < digits; i++) {
                    id.append(random.nextInt(10));
                }
                if (ids.add(id.toString())) {
                    return id.toString();
                }
            }
        }
    }
}
