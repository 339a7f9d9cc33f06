package org.vivacite.simulator.meters;

import org.vivacite.simulator.WireFormat;
import org.vivacite.simulator.wmbus.DataRecords;
import org.vivacite.simulator.wmbus.WmbusAddress;

/**
 * The kinds of device the demo city has, with what each measures (a quantity of the registry,
 * quantities.ttl), its ontology class, how it talks, and for wireless M-Bus devices their device
 * type, the VIF of their main register and that register's unit in the registry's canonical unit.
 */
public enum Device {
    LINKY("electricity", "electricityEnergyWithdrawn", "ElectricityMeter", WireFormat.TIC, 0, 0, 0.001),
    WATER_METER(
            "water",
            "waterVolume",
            "s4watr:WaterMeter",
            WireFormat.WMBUS,
            WmbusAddress.WATER,
            DataRecords.VOLUME_LITRES,
            0.001),
    GAS_METER("gas", "gasVolume", "GasMeter", WireFormat.WMBUS, WmbusAddress.GAS, DataRecords.VOLUME_LITRES, 0.001),
    HEAT_METER("heat", "heatEnergy", "HeatMeter", WireFormat.WMBUS, WmbusAddress.HEAT, DataRecords.ENERGY_KWH, 1),
    HEAT_COST_ALLOCATOR(
            "heat",
            "heatCostAllocation",
            "HeatCostAllocator",
            WireFormat.WMBUS,
            WmbusAddress.HEAT_COST_ALLOCATOR,
            DataRecords.HCA_UNITS,
            1),
    ROOM_SENSOR("none", "roomTemperature", "saref:Sensor", WireFormat.SENML, 0, 0, 1),
    TANK_SENSOR("none", "hotWaterTankTemperature", "saref:Sensor", WireFormat.SENML, 0, 0, 1);

    /** The {@code fluid} column of meters.csv. */
    public final String fluid;
    /** Local name of the quantity in the vc: namespace. */
    public final String quantity;
    /** The device's class: a local name in vc:, or a prefixed name. */
    public final String ontologyClass;
    /** How the device itself talks (Linky meters also reach the platform as DSO exports). */
    public final WireFormat wire;
    /** The wireless M-Bus device type, 0 for other devices. */
    public final int deviceType;
    /** The VIF of the wireless M-Bus main register, 0 for other devices. */
    public final int vif;
    /** One step of the raw register, in the quantity's canonical unit (a litre is 0.001 m³). */
    public final double registerUnit;

    Device(
            String fluid,
            String quantity,
            String ontologyClass,
            WireFormat wire,
            int deviceType,
            int vif,
            double registerUnit) {
        this.fluid = fluid;
        this.quantity = quantity;
        this.ontologyClass = ontologyClass;
        this.wire = wire;
        this.deviceType = deviceType;
        this.vif = vif;
        this.registerUnit = registerUnit;
    }

    /** Whether the device reports a cumulative register (its readings are indexes). */
    public boolean register() {
        return wire != WireFormat.SENML;
    }

    /** The name in meters.csv's {@code device} column. */
    public String csvName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
