package org.vivacite.ingest.registry;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * One row of the meter registry: a device the platform knows, where it is, and how fine its data
 * may be kept. Columns of {@code meters.csv} (docs/ingest.md), as {@code vivacite simulate} writes it.
 *
 * @param meterId the wire identifier: wM-Bus identification number (8 digits), Linky serial (12
 *     digits), sensor EUI-64 (16 hex digits)
 * @param manufacturer the wM-Bus FLAG code, or the maker's name for other devices
 * @param fluid {@code electricity}, {@code gas}, {@code water}, {@code heat}, {@code none}
 * @param dwellingOrBuilding the dwelling id, or for a building-level device the RNB id of its
 *     building; null for a row that names its dwelling by {@code banId} only
 * @param device the kind of device ({@code water-meter}, {@code linky}…), informative
 * @param quantity the registry name of its main quantity (quantities.ttl)
 * @param wireFormat how it talks: {@code wmbus}, {@code tic}, {@code senml}…
 * @param building the RNB id of the building the device is in
 * @param usagePointId the delivery point its utility's exports name (electricity PRM, gas PCE,
 *     water contract number), or null
 * @param consent the finest step the household consented to: {@code P1D} (daily data only),
 *     or a step that divides a day ({@code PT1H}, {@code PT30M}…); the pipeline keeps nothing
 *     finer ({@code pipeline.ConsentFilter})
 * @param activeFrom the first day it reports (inclusive), or null
 * @param activeUntil the day it stopped reporting (exclusive: it was replaced that day), or null
 * @param gateways who may report it: gateway ids, {@code group:NAME} for the gateways of a group
 *     ({@link GatewayGroups}), or {@code *} for any gateway; empty, as in registries written before
 *     the column, also lets any gateway report it (warned about at start and at registration)
 * @param banId the BAN address key of its dwelling, for a utility's export that knows the address
 *     and not the dwelling id, or null
 * @param dwellingKey the pseudonym of its dwelling ({@code {base}dwelling/{key}}) when the row names
 *     it by {@code banId}: found at registration, the one dwelling of the territory at that address
 */
public record RegisteredMeter(
        String meterId,
        String manufacturer,
        String fluid,
        String dwellingOrBuilding,
        String device,
        String quantity,
        String wireFormat,
        String building,
        String usagePointId,
        Duration consent,
        LocalDate activeFrom,
        LocalDate activeUntil,
        List<String> gateways,
        String banId,
        String dwellingKey) {

    /** The {@code gateways} entry that lets any gateway report the meter (a walk-by or drive-by reading). */
    public static final String ANY_GATEWAY = "*";

    /** The prefix of a {@code gateways} entry that names a group of gateways. */
    public static final String GROUP = "group:";

    public RegisteredMeter {
        gateways = gateways == null ? List.of() : List.copyOf(gateways);
    }

    /** Whether its row lists no gateways, so that any gateway may report it (a registry written before the column). */
    public boolean listsNoGateway() {
        return gateways.isEmpty();
    }

    /** The names of the gateway groups its row lists. */
    public List<String> gatewayGroups() {
        return gateways.stream()
                .filter(g -> g.startsWith(GROUP))
                .map(g -> g.substring(GROUP.length()))
                .toList();
    }

    /**
     * Whether that gateway may report it: its row lists the gateway, a group the gateway is in, or
     * any gateway ({@code *}, or no gateway at all).
     */
    public boolean reportedBy(String gateway, GatewayGroups groups) {
        if (gateways.isEmpty() || gateways.contains(ANY_GATEWAY)) {
            return true;
        }
        if (gateway == null) {
            return false;
        }
        for (String g : gateways) {
            if (g.startsWith(GROUP) ? groups.contains(g.substring(GROUP.length()), gateway) : g.equals(gateway)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the device hangs off a building rather than a dwelling. */
    public boolean buildingLevel() {
        return dwellingOrBuilding != null && dwellingOrBuilding.equals(building);
    }

    /** The same row, its dwelling found at {@code banId}: the dwelling's pseudonym. */
    public RegisteredMeter withDwellingKey(String key) {
        return new RegisteredMeter(
                meterId,
                manufacturer,
                fluid,
                dwellingOrBuilding,
                device,
                quantity,
                wireFormat,
                building,
                usagePointId,
                consent,
                activeFrom,
                activeUntil,
                gateways,
                banId,
                key);
    }

    /** Whether the device was in service at that instant (in the city's zone). */
    public boolean activeAt(Instant t, ZoneId zone) {
        LocalDate day = t.atZone(zone).toLocalDate();
        return (activeFrom == null || !day.isBefore(activeFrom)) && (activeUntil == null || day.isBefore(activeUntil));
    }

    /** The key the registry finds it by: its wire id, upper case. */
    public String key() {
        return normalise(meterId);
    }

    /**
     * The form identifiers are compared in: upper case, without a SenML {@code urn:dev:mac:} or
     * {@code urn:dev:ow:} prefix.
     */
    public static String normalise(String id) {
        String s = id.strip();
        int colon = s.lastIndexOf(':');
        if (s.regionMatches(true, 0, "urn:dev:", 0, 8) && colon > 0) {
            s = s.substring(colon + 1);
        }
        return s.toUpperCase(Locale.ROOT);
    }
}
