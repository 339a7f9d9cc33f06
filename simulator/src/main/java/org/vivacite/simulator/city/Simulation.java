package org.vivacite.simulator.city;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.vivacite.simulator.load.Day;
import org.vivacite.simulator.load.LoadModel;
import org.vivacite.simulator.load.Noise;
import org.vivacite.simulator.meters.Device;
import org.vivacite.simulator.meters.Fleet;
import org.vivacite.simulator.meters.Meter;

/**
 * Runs the demo city's devices day after day: advances every register by the load model, and
 * reports readings at every step (at local midnight for steps of whole days), the DSO's interval
 * energies of Linky meters (half-hourly for households that consented to it when the step is
 * shorter than a day, daily otherwise), and what the sensors read. Registers wrap at their size
 * (8 BCD digits for wireless M-Bus, 9 digits of Wh for Linky). A few devices fall silent for a few
 * days (the register goes on; the readings are lost): the gaps real networks have.
 */
public final class Simulation {

    /** Where the simulation's output goes. Called in time order, one day after another. */
    public interface Listener {
        void reading(Reading reading);

        /** Energy a Linky meter's DSO reports for an interval, Wh. */
        default void interval(Meter meter, Instant start, Duration length, double wattHours) {}

        /** After the last reading of a day. */
        default void dayDone(LocalDate day) {}
    }

    private static final long LINKY_LIMIT = 1_000_000_000L;

    private final Fleet fleet;
    private final LoadModel load;
    private final ZoneId zone;
    private final long seed;
    private final double[] registers;
    private final Instant origin;
    private final LocalDate originDay;
    /** Where the last run ended: its register readings there were reported. */
    private Instant lastEnd;

    /**
     * @param start the first day to simulate; registers start from their initial index then
     */
    public Simulation(long seed, Fleet fleet, LoadModel load, ZoneId zone, LocalDate start) {
        this.seed = seed ^ 0x51_4D_55_4CL;
        this.fleet = fleet;
        this.load = load;
        this.zone = zone;
        this.origin = start.atStartOfDay(zone).toInstant();
        this.originDay = start;
        this.registers = new double[fleet.meters().size()];
        for (Meter m : fleet.meters()) {
            registers[m.index()] = m.initialIndex();
        }
    }

    /**
     * Simulates the days from {@code from} to {@code to} (excluded), continuing the registers
     * from where the previous call left them, and reports the readings due at each step, the
     * last at the start of {@code to}. A run that starts where the previous one ended does not
     * report those register readings again. Steps of whole days count from the first simulated day.
     *
     * @param step at least 30 minutes, a multiple of 30 minutes
     */
    public void run(LocalDate from, LocalDate to, Duration step, Listener listener) {
        run(from, to, step, listener, (m, d) -> false);
    }

    /**
     * As {@link #run(LocalDate, LocalDate, Duration, Listener)}, and on the days {@code halfHourly}
     * says, the register readings of those meters at every half hour as well: the registers advance
     * by the half hour whatever the step, so finer readings of a few meters cost no second run. The
     * DSO's interval energies stay those of the step.
     */
    public void run(LocalDate from, LocalDate to, Duration step, Listener listener, HalfHourly halfHourly) {
        long slotsPerStep = checkStep(step);
        boolean daily = step.toSeconds() % 86_400 == 0;
        double[] advance = new double[50];
        for (LocalDate date = from; date.isBefore(to); date = date.plusDays(1)) {
            Day day = Day.of(date, zone, load.weather());
            double[] slots = advance.length == day.slots() ? advance : new double[day.slots()];
            advance = slots;
            boolean readingDay = !daily || (date.toEpochDay() - originDay.toEpochDay()) % step.toDays() == 0;
            // The register readings at this day's start went out as the end of the previous run.
            boolean startSent = day.start().equals(lastEnd);
            for (Meter m : fleet.meters()) {
                if (!m.activeOn(date)) {
                    continue;
                }
                boolean silent = silent(m, date);
                if (!m.device().register()) {
                    for (int i = 0; i < day.slots(); i++) {
                        if (!silent && due(day, i, daily, readingDay, slotsPerStep)) {
                            listener.reading(new Reading(m, day.slotStart(i), 0, load.sensor(m, day, i)));
                        }
                    }
                    continue;
                }
                load.advance(m, day, slots);
                boolean fine = halfHourly.test(m, date);
                double dayTotal = 0;
                for (int i = 0; i < day.slots(); i++) {
                    if (!silent && (fine || due(day, i, daily, readingDay, slotsPerStep)) && !(i == 0 && startSent)) {
                        listener.reading(new Reading(
                                m,
                                day.slotStart(i),
                                raw(m),
                                m.device() == Device.LINKY ? slots[i] * 2 : 0,
                                leaking(m, day.slotStart(i))));
                    }
                    registers[m.index()] += slots[i];
                    dayTotal += slots[i];
                    if (m.device() == Device.LINKY && !daily && "PT30M".equals(m.consent())) {
                        listener.interval(m, day.slotStart(i), Duration.ofMinutes(30), slots[i]);
                    }
                }
                if (m.device() == Device.LINKY && (daily || !"PT30M".equals(m.consent()))) {
                    listener.interval(
                            m, day.start(), Duration.ofSeconds((long) day.slots() * Day.SLOT_SECONDS), dayTotal);
                }
            }
            listener.dayDone(date);
        }
        Instant end = to.atStartOfDay(zone).toInstant();
        lastEnd = end;
        for (Meter m : fleet.meters()) {
            if (m.device().register() && m.activeOn(to.minusDays(1)) && !silent(m, to.minusDays(1))) {
                listener.reading(new Reading(m, end, raw(m), 0, leaking(m, end)));
            }
        }
    }

    /** How long the water meter's pipe has leaked at that instant ({@link LoadModel#leak}), null when it does not leak. */
    private Duration leaking(Meter m, Instant at) {
        return load.leakStart(m)
                .map(day -> Duration.between(day.atStartOfDay(zone).toInstant(), at))
                .filter(d -> !d.isNegative() && !d.isZero())
                .orElse(null);
    }

    /** Which meters report their registers every half hour on which days. */
    @FunctionalInterface
    public interface HalfHourly {
        boolean test(Meter meter, LocalDate day);
    }

    /** Whether a reading is due at slot {@code i}. */
    private boolean due(Day day, int i, boolean daily, boolean readingDay, long slotsPerStep) {
        if (daily) {
            return readingDay && i == 0;
        }
        long slot = (day.slotStart(i).getEpochSecond() - origin.getEpochSecond()) / Day.SLOT_SECONDS;
        return slot % slotsPerStep == 0;
    }

    /** The register as the device shows it: whole raw units, wrapped at the register's size. */
    private long raw(Meter m) {
        long whole = (long) Math.floor(registers[m.index()]);
        return whole % (m.device() == Device.LINKY ? LINKY_LIMIT : Fleet.BCD8_LIMIT);
    }

    /** Whether the device is silent on this day: one in 200 devices loses two to four days once. */
    boolean silent(Meter m, LocalDate date) {
        long h = mix(seed, m.index());
        if (Math.floorMod(h, 200) != 0) {
            return false;
        }
        long first = originDay.toEpochDay() + 3 + Math.floorMod(h >> 8, 20);
        long length = 2 + Math.floorMod(h >> 16, 3);
        return date.toEpochDay() >= first && date.toEpochDay() < first + length;
    }

    private static long checkStep(Duration step) {
        if (step.isNegative()
                || step.compareTo(Duration.ofMinutes(30)) < 0
                || step.toSeconds() % Day.SLOT_SECONDS != 0) {
            throw new IllegalArgumentException(
                    "step " + step + " must be a multiple of 30 minutes (PT30M, PT1H, P1D, …)");
        }
        return step.toSeconds() / Day.SLOT_SECONDS;
    }

    static long mix(long seed, long value) {
        return Noise.mix(seed, value, 0);
    }
}
