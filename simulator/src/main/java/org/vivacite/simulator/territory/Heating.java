package org.vivacite.simulator.territory;

/** The heating systems the generator uses, each a concept of {@code vc:heatingSystems}. */
public enum Heating {
    DISTRICT_HEATING("districtHeating"),
    COLLECTIVE_GAS_BOILER("collectiveGasBoiler"),
    INDIVIDUAL_GAS_BOILER("individualGasBoiler"),
    ELECTRIC("electricHeating"),
    HEAT_PUMP("heatPump");

    /** Local name of the concept in the vc: namespace. */
    public final String concept;

    Heating(String concept) {
        this.concept = concept;
    }

    /** Whether the heat is produced with electricity in the dwelling or building. */
    public boolean electric() {
        return this == ELECTRIC || this == HEAT_PUMP;
    }
}
