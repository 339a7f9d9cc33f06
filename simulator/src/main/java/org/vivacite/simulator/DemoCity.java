package org.vivacite.simulator;

import java.time.LocalDate;
import java.time.ZoneId;
import org.vivacite.simulator.city.Simulation;
import org.vivacite.simulator.load.LoadModel;
import org.vivacite.simulator.load.Weather;
import org.vivacite.simulator.meters.Fleet;
import org.vivacite.simulator.territory.Territory;

/**
 * The demo city, from one seed: its territory, its devices and the load model that drives them.
 * Everything derives from the seed, the number of households and the first simulated day, so two
 * cities made alike are the same city.
 */
public record DemoCity(long seed, Territory territory, Fleet fleet, LoadModel load, LocalDate start) {

    /** The default number of households: about 200 buildings. */
    public static final int DEFAULT_HOUSEHOLDS = 2_000;

    /** The time zone of the city's meters and DSO. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    /**
     * @param start the first simulated day
     * @param replacementDay the day one water meter is replaced, or null
     */
    public static DemoCity generate(long seed, int households, LocalDate start, LocalDate replacementDay) {
        Territory territory = Territory.generate(seed, households);
        Fleet fleet = Fleet.generate(territory, seed, replacementDay);
        LoadModel load = new LoadModel(seed, new Weather(seed), fleet, territory.dwellings(), start);
        return new DemoCity(seed, territory, fleet, load, start);
    }

    /** A new run of the city's devices from its first day. */
    public Simulation simulation() {
        return new Simulation(seed, fleet, load, ZONE, start);
    }
}
