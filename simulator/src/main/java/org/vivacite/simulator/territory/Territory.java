package org.vivacite.simulator.territory;

import java.util.List;

/**
 * A generated territory: one metropolis, its communes, their districts (IRIS), streets, buildings
 * and dwellings. Codes that only look real (IRIS, street, address, RNB) are synthetic and the RDF
 * says so; the metropolis and communes carry their real SIREN and INSEE codes.
 */
public record Territory(
        Metropolis metropolis,
        List<Commune> communes,
        List<District> districts,
        List<Street> streets,
        List<Building> buildings,
        List<Dwelling> dwellings) {

    public record Metropolis(String siren, String name, Box box) {}

    public record Commune(String insee, String name, Box box) {}

    public record District(String iris, String name, Commune commune, Box box) {}

    /** A street, drawn as a west–east line at one latitude across its district. */
    public record Street(String code, String name, District district, double latitude, double west, double east) {}

    /**
     * @param rnb the building's (synthetic) RNB identifier
     * @param addressKey its BAN address key, {@code {street code}_{number}}
     * @param heating its heating system; for houses the dwelling's own
     * @param floorArea in m², common parts included
     * @param publishIndividually true for buildings the community owns and may publish on their own
     */
    public record Building(
            String rnb,
            String addressKey,
            String label,
            Street street,
            BuildingKind kind,
            Heating heating,
            double floorArea,
            int yearBuilt,
            boolean publishIndividually,
            Box footprint) {}

    /**
     * @param id a synthetic identifier, {@code {building rnb}-{number}}; private, never published
     * @param occupants zero for a vacant dwelling
     */
    public record Dwelling(String id, Building building, double floorArea, int occupants, Heating heating) {}

    /** Generates the territory of {@code households} dwellings from {@code seed}; see TerritoryGenerator. */
    public static Territory generate(long seed, int households) {
        return new TerritoryGenerator(seed).generate(households);
    }
}
