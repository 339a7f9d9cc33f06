package org.vivacite.simulator.meters;

import java.time.LocalDate;
import org.vivacite.simulator.territory.Territory.Building;
import org.vivacite.simulator.territory.Territory.Dwelling;
import org.vivacite.simulator.wmbus.WmbusAddress;

/**
 * One device of the demo city.
 *
 * @param index its position in the fleet, which seeds its own habits and anomalies
 * @param id its wire identifier: the 8-digit identification number of a wireless M-Bus device, the
 *     12-digit serial (ADSC) of a Linky meter, the EUI-64 of a sensor
 * @param manufacturer the FLAG code of a wireless M-Bus device; the maker's name otherwise
 * @param dwelling the dwelling it serves, or null for a building-level device
 * @param building the building it is in
 * @param usagePointId the 14-digit delivery point (PRM) of a Linky meter, else null
 * @param key the 16-byte AES key of a wireless M-Bus device, else null
 * @param consent the finest granularity the household agreed to share: {@code PT30M} or {@code P1D}
 * @param activeFrom the first day it reports, or null for the whole period
 * @param activeUntil the day it was removed (it reports no reading from that day on), or null
 * @param initialIndex its register, in raw units, at the start of the simulation
 */
public record Meter(
        int index,
        String id,
        String manufacturer,
        Device device,
        Dwelling dwelling,
        Building building,
        String usagePointId,
        byte[] key,
        String consent,
        LocalDate activeFrom,
        LocalDate activeUntil,
        long initialIndex) {

    /** The wireless M-Bus address, for wireless M-Bus devices. */
    public WmbusAddress address() {
        return new WmbusAddress(manufacturer, Integer.parseInt(id), 1, device.deviceType);
    }

    /** The dwelling's id, or the building's RNB id for a building-level device. */
    public String dwellingOrBuilding() {
        return dwelling != null ? dwelling.id() : building.rnb();
    }

    /** Whether the device reports on this day. */
    public boolean activeOn(LocalDate day) {
        return (activeFrom == null || !day.isBefore(activeFrom)) && (activeUntil == null || day.isBefore(activeUntil));
    }

    Meter withInitialIndex(long raw) {
        return with(activeUntil, raw);
    }

    Meter replacedOn(LocalDate day) {
        return with(day, initialIndex);
    }

    private Meter with(LocalDate until, long raw) {
        return new Meter(
                index,
                id,
                manufacturer,
                device,
                dwelling,
                building,
                usagePointId,
                key,
                consent,
                activeFrom,
                until,
                raw);
    }
}
