package org.vivacite.simulator.load;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vivacite.simulator.meters.Device;
import org.vivacite.simulator.meters.Fleet;
import org.vivacite.simulator.meters.Meter;
import org.vivacite.simulator.territory.BuildingKind;
import org.vivacite.simulator.territory.Heating;
import org.vivacite.simulator.territory.Territory.Building;
import org.vivacite.simulator.territory.Territory.Dwelling;

/**
 * How much each device's register advances in each half hour, and what each sensor reads.
 *
 * <ul>
 *   <li>Space heating follows heating degree-days (base 18 °C): a dwelling needs floor area ×
 *       a coefficient by construction period (85, 60 or 35 Wh per m² and degree-day before 1975,
 *       until 2000, after) × its household's habits, more in the morning and evening, less at
 *       night.
 *   <li>Domestic hot water: about 2 kWh per occupant and day, drawn in the morning and evening,
 *       heated at night by electric tanks.
 *   <li>Electricity: standby, appliances by a weekday or weekend daily shape, and the heating and
 *       hot water of electrically heated homes (heat pumps with a coefficient of performance of 3).
 *   <li>Water: about 120 litres per occupant and day, with morning and evening peaks.
 *   <li>Gas: heat and hot water from the boiler (efficiency 0.9), 11.2 kWh per m³ (PCS).
 *   <li>A building's own heat or gas meter measures its dwellings' heat and hot water plus 10 %
 *       distribution losses; heat cost allocators count 0.5 units per kWh of the dwelling's heat.
 *   <li>Offices, shops and public buildings follow their opening hours (schools close in the
 *       school holidays and on Wednesday afternoons; swimming pools open every day).
 *   <li>A few water meters see a leak: a continuous flow of 10–40 litres an hour, day and night,
 *       from a day shortly after the start of the simulation.
 * </ul>
 *
 * <p>Every household differs by a seeded habit factor, and every half hour carries seeded noise;
 * values depend only on the seed, the device and the half hour.
 */
public final class LoadModel {

    /** Calorific value used to turn gas energy into volume, kWh (PCS) per m³. */
    public static final double GAS_KWH_PER_M3 = 11.2;

    private static final double BOILER_EFFICIENCY = 0.9;
    private static final double DISTRIBUTION_LOSSES = 1.1;
    private static final double HCA_UNITS_PER_KWH = 0.5;

    private static final double[] APPLIANCES_WEEKDAY = shape(
            new double[][] {{0, 0.35}, {6, 0.8}, {7, 1.5}, {9, 0.7}, {12, 0.9}, {14, 0.65}, {18, 1.9}, {22, 1.0}});
    private static final double[] APPLIANCES_WEEKEND =
            shape(new double[][] {{0, 0.35}, {7, 0.6}, {8, 1.3}, {14, 0.9}, {18, 1.8}, {22, 1.1}});
    private static final double[] WATER =
            shape(new double[][] {{0, 0.05}, {5, 0.4}, {6, 2.5}, {9, 0.8}, {12, 1.0}, {14, 0.6}, {18, 2.0}, {22, 0.7}});
    private static final double[] HEATING = shape(new double[][] {{0, 0.7}, {6, 1.4}, {9, 1.0}, {17, 1.2}, {22, 0.8}});
    private static final double[] HOT_WATER_DRAW =
            shape(new double[][] {{0, 0.1}, {6, 2.2}, {9, 0.6}, {12, 0.8}, {14, 0.5}, {18, 1.8}, {22, 0.4}});
    private static final double[] OFF_PEAK = shape(new double[][] {{0, 1.0}, {6, 0.0}, {22, 1.0}});

    private final long seed;
    private final Weather weather;
    private final LocalDate start;
    private final Map<Building, double[]> buildings = new HashMap<>();

    /**
     * @param start the first day of the simulation, after which the leaks begin
     */
    public LoadModel(long seed, Weather weather, Fleet fleet, List<Dwelling> dwellings, LocalDate start) {
        this.seed = seed ^ 0x10AD_10ADL;
        this.weather = weather;
        this.start = start;
        for (Dwelling d : dwellings) {
            double[] sums = buildings.computeIfAbsent(d.building(), b -> new double[2]);
            sums[0] += heatCoefficient(d);
            sums[1] += hotWaterPerDay(d);
        }
    }

    public Weather weather() {
        return weather;
    }

    /** The household's habits: a factor around 1 (log-normal, σ ≈ 0.25). */
    double habit(Dwelling d) {
        return Math.exp(0.25 * Noise.normal(seed, d.id().hashCode(), 7));
    }

    /** kWh of space heat per degree-day. */
    double heatCoefficient(Dwelling d) {
        return d.floorArea() * coefficient(d.building().yearBuilt()) * (d.occupants() == 0 ? 0.5 : habit(d)) / 1000;
    }

    private static double coefficient(int yearBuilt) {
        return yearBuilt < 1975 ? 85 : yearBuilt < 2000 ? 60 : 35;
    }

    /** kWh of hot water a day. */
    double hotWaterPerDay(Dwelling d) {
        return 2.0 * d.occupants() * habit(d);
    }

    /** Whether this water meter leaks on this day, and how much, litres per hour (0: no leak). */
    public double leak(Meter m, LocalDate day) {
        return leakStart(m)
                .filter(from -> !day.isBefore(from))
                .map(from -> 10 + 30 * Noise.uniform(seed, m.index(), 13))
                .orElse(0.0);
    }

    /**
     * The day this water meter starts leaking, 1–10 days after the first day of the simulation, for
     * the dwellings' water meters that leak (one in 200); empty for the others.
     */
    public java.util.Optional<LocalDate> leakStart(Meter m) {
        if (m.device() != Device.WATER_METER || m.dwelling() == null || Noise.uniform(seed, m.index(), 11) >= 0.005) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(start.plusDays(1 + (long) (Noise.uniform(seed, m.index(), 12) * 10)));
    }

    /**
     * Fills {@code out} with how far the device's register advances in each half hour of the day,
     * in its raw unit: Wh (Linky), litres (water, gas), kWh (heat), allocation units.
     */
    public void advance(Meter m, Day day, double[] out) {
        Dwelling d = m.dwelling();
        switch (m.device()) {
            case LINKY -> {
                if (d != null) {
                    dwellingElectricity(m, d, day, out);
                } else {
                    buildingLoad(m, day, out, powerDensity(m.building().kind()), 0.25);
                }
            }
            case WATER_METER -> {
                if (d != null) {
                    double perDay = 120 * d.occupants() * habit(d);
                    spread(m, day, out, perDay, WATER, 0.3);
                    double leak = leak(m, day.date());
                    for (int i = 0; i < out.length; i++) {
                        out[i] += leak / 2;
                    }
                } else {
                    buildingLoad(m, day, out, waterDensity(m.building()), 0.05);
                }
            }
            case GAS_METER -> {
                double kwh = d != null
                        ? heatCoefficient(d) * day.degreeDays() + hotWaterPerDay(d) + 0.5
                        : collectiveHeat(m.building(), day);
                heat(m, day, out, kwh, d != null ? hotWaterPerDay(d) + 0.5 : 0);
                scale(out, 1000 / BOILER_EFFICIENCY / GAS_KWH_PER_M3);
            }
            case HEAT_METER -> {
                double kwh = d != null ? heatCoefficient(d) * day.degreeDays() : collectiveHeat(m.building(), day);
                heat(m, day, out, kwh, 0);
            }
            case HEAT_COST_ALLOCATOR -> {
                heat(m, day, out, heatCoefficient(d) * day.degreeDays(), 0);
                scale(out, HCA_UNITS_PER_KWH);
            }
            default -> throw new IllegalArgumentException(m.device() + " has no register");
        }
    }

    /** What a sensor reads at the start of half hour {@code i}, °C. */
    public double sensor(Meter m, Day day, int i) {
        double hour = day.hour()[i];
        double noise = 0.3 * Noise.normal(seed, m.index(), day.slotStart(i).getEpochSecond());
        if (m.device() == Device.TANK_SENSOR) {
            double draw = weight(HOT_WATER_DRAW, hour);
            double temp = hour < 6 ? 50 + 10 * hour / 6 : 60 - 4 * Math.min(1, draw / 2) - (hour - 6) * 0.4;
            return round1(temp + noise);
        }
        double outdoor = day.meanTemperature();
        double temp = outdoor > 17
                ? 22 + 0.4 * (outdoor - 20)
                : 19.5 + (hour >= 18 && hour < 22 ? 0.8 : 0) - (hour < 6 || hour >= 23 ? 1.5 : 0);
        return round1(temp + noise);
    }

    private void dwellingElectricity(Meter m, Dwelling d, Day day, double[] out) {
        if (d.occupants() == 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] = 25 * 0.5; // standby only, Wh per half hour
            }
            return;
        }
        double appliances = (2.0 + 1.4 * d.occupants()) * habit(d) * 1000;
        spread(
                m,
                day,
                out,
                appliances,
                day.weekend() || day.publicHoliday() ? APPLIANCES_WEEKEND : APPLIANCES_WEEKDAY,
                0.25);
        if (d.heating().electric()) {
            double cop = d.heating() == Heating.HEAT_PUMP ? 3 : 1;
            double[] extra = new double[out.length];
            heatingSlots(day, extra, heatCoefficient(d) * day.degreeDays() * 1000 / cop);
            add(out, extra);
            fill(day, extra, hotWaterPerDay(d) * 1000, OFF_PEAK);
            add(out, extra);
        }
    }

    private double collectiveHeat(Building b, Day day) {
        double[] sums = buildings.get(b);
        if (sums == null) {
            // Offices, shops and public buildings: heat by floor area, less when closed.
            double coefficient = coefficient(b.yearBuilt()) * 0.8 / 1000;
            double pool = b.kind() == BuildingKind.SWIMMING_POOL ? b.floorArea() * 0.25 : 0;
            return b.floorArea() * coefficient * day.degreeDays() * (open(b, day, 12) ? 1.0 : 0.6) + pool;
        }
        return (sums[0] * day.degreeDays() + sums[1]) * DISTRIBUTION_LOSSES;
    }

    /** Heat over the day: {@code kwh} in all, of which {@code hotWater} drawn as hot water. */
    private void heat(Meter m, Day day, double[] out, double kwh, double hotWater) {
        double[] extra = new double[out.length];
        heatingSlots(day, out, kwh - hotWater);
        fill(day, extra, hotWater, HOT_WATER_DRAW);
        add(out, extra);
        noise(m, day, out, 0.1);
    }

    private void heatingSlots(Day day, double[] out, double total) {
        fill(day, out, Math.max(0, total), HEATING);
    }

    private void buildingLoad(Meter m, Day day, double[] out, double perSquareMetre, double closedShare) {
        Building b = m.building();
        for (int i = 0; i < out.length; i++) {
            boolean open = open(b, day, day.hour()[i]);
            out[i] = b.floorArea() * perSquareMetre * 0.5 * (open ? 1 : closedShare);
        }
        noise(m, day, out, 0.15);
    }

    /** Wh per m² and hour when open (electricity). */
    private static double powerDensity(BuildingKind kind) {
        return switch (kind) {
            case OFFICE -> 10;
            case SHOP -> 15;
            case SCHOOL -> 6;
            case GYMNASIUM -> 5;
            case TOWN_HALL -> 9;
            case SWIMMING_POOL -> 20;
            default -> 4;
        };
    }

    /** Litres per m² and hour when open (water). */
    private static double waterDensity(Building b) {
        return switch (b.kind()) {
            case SWIMMING_POOL -> 4300.0 / b.floorArea(); // about 60 m³ a day
            case GYMNASIUM -> 0.15;
            case SCHOOL -> 0.1;
            default -> 0.05;
        };
    }

    /** Whether a non-residential building is open at this local hour. */
    static boolean open(Building b, Day day, double hour) {
        return switch (b.kind()) {
            case OFFICE, TOWN_HALL -> day.workingDay() && hour >= 8 && hour < 19;
            case SHOP -> !day.publicHoliday() && day.date().getDayOfWeek().getValue() < 7 && hour >= 9 && hour < 19;
            case SCHOOL ->
                !day.schoolClosed()
                        && hour >= 8
                        && hour < (day.date().getDayOfWeek().getValue() == 3 ? 12 : 17);
            case GYMNASIUM -> day.schoolClosed() ? day.weekend() && hour >= 9 && hour < 18 : hour >= 8 && hour < 22;
            case SWIMMING_POOL -> !day.publicHoliday() && hour >= 7 && hour < 21;
            default -> true;
        };
    }

    /** Spreads {@code total} over the day by an hourly shape, with half-hourly noise. */
    private void spread(Meter m, Day day, double[] out, double total, double[] shape, double noise) {
        fill(day, out, total, shape);
        noise(m, day, out, noise);
    }

    private static void fill(Day day, double[] out, double total, double[] shape) {
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = weight(shape, day.hour()[i]);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = sum == 0 ? 0 : out[i] * total / sum;
        }
    }

    private void noise(Meter m, Day day, double[] out, double relative) {
        long base = day.start().getEpochSecond() / Day.SLOT_SECONDS;
        for (int i = 0; i < out.length; i++) {
            out[i] *= Math.max(0, 1 + relative * Noise.normal(seed, m.index(), base + i));
        }
    }

    private static void add(double[] out, double[] extra) {
        for (int i = 0; i < out.length; i++) {
            out[i] += extra[i];
        }
    }

    private static void scale(double[] out, double factor) {
        for (int i = 0; i < out.length; i++) {
            out[i] *= factor;
        }
    }

    /** The weight of a shape at a local hour. */
    private static double weight(double[] shape, double hour) {
        return shape[(int) Math.floor(hour)];
    }

    /** An hourly shape (24 weights) from steps: {hour from which, weight}. */
    private static double[] shape(double[][] steps) {
        double[] hours = new double[24];
        for (int h = 0, s = 0; h < 24; h++) {
            while (s + 1 < steps.length && steps[s + 1][0] <= h) {
                s++;
            }
            hours[h] = steps[s][1];
        }
        return hours;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
