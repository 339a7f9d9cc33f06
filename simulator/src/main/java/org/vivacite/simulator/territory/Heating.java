package org.vivacite.simulator.territory;

/** The heating systems the generator uses, each a concept of {@code vc:heatingSystems}. */
public enum Heating {
    DISTRICT_HEATING("districtHeating", "district-heating", "district-heat"),
    COLLECTIVE_GAS_BOILER("collectiveGasBoiler", "collective-gas-boiler", "gas"),
    INDIVIDUAL_GAS_BOILER("individualGasBoiler", "individual-gas-boiler", "gas"),
    ELECTRIC("electricHeating", "electric", "electricity"),
    HEAT_PUMP("heatPump", "heat-pump", "electricity");

    /** Local name of the concept in the vc: namespace. */
    public final String concept;
    /** The concept's {@code skos:notation}, as the dwelling CSV's {@code heating_system} gives it. */
    public final String notation;
    /** The dwelling CSV's {@code heating_energy}: what the system burns or draws. */
    public final String energy;

    Heating(String concept, String notation, String energy) {
        this.concept = concept;
        this.notation = notation;
        this.energy = energy;
    }

    /** Whether the heat is produced with electricity in the dwelling or building. */
    public boolean electric() {
        return this == ELECTRIC || this == HEAT_PUMP;
    }
}
