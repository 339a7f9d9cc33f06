package org.vivacite.ingest.registry;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes the registry's CSV (docs/ingest.md). The first three columns are required in
 * every row, and the dwelling as {@code dwelling_or_building} or {@code ban_id}; a header names the
 * columns, in any order (a file written before the {@code gateways} column is read as listing
 * none). Every error names the line and the column.
 */
public final class MeterCsv {

    /** The columns, in the order they are written. */
    public static final List<String> COLUMNS = List.of(
            "meter_id",
            "manufacturer",
            "fluid",
            "dwelling_or_building",
            "device",
            "quantity",
            "wire_format",
            "building",
            "usage_point_id",
            "consent",
            "active_from",
            "active_until",
            "gateways",
            "ban_id",
            "dwelling_key");

    /** What separates the entries of the {@code gateways} column (a comma separates the columns). */
    public static final String GATEWAY_SEPARATOR = ";";

    private static final Set<String> REQUIRED = Set.of("meter_id", "manufacturer", "fluid");
    private static final Set<String> FLUIDS = Set.of("electricity", "gas", "water", "heat", "cold", "none");

    private MeterCsv() {}

    /**
     * The meters of a registry CSV.
     *
     * @param source names the input in errors (a file name, "request body")
     * @throws RegistryException naming the line and column of the first problem
     */
    public static List<RegisteredMeter> parse(String text, String source) {
        List<String> lines = text.replace("\r", "").lines().toList();
        int first = 0;
        while (first < lines.size()
                && (lines.get(first).isBlank() || lines.get(first).startsWith("#"))) {
            first++;
        }
        if (first == lines.size()) {
            throw new RegistryException(source + ": no header row (expected " + String.join(",", COLUMNS) + ")");
        }
        String[] header = lines.get(first).strip().split(",", -1);
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            String name = header[i].strip().toLowerCase(Locale.ROOT);
            if (!COLUMNS.contains(name)) {
                throw new RegistryException(source + " line " + (first + 1) + ": unknown column '" + name + "' (known: "
                        + String.join(",", COLUMNS) + ")");
            }
            column.put(name, i);
        }
        for (String required : REQUIRED) {
            if (!column.containsKey(required)) {
                throw new RegistryException(source + " line " + (first + 1) + ": missing column '" + required + "'");
            }
        }
        if (!column.containsKey("dwelling_or_building") && !column.containsKey("ban_id")) {
            throw new RegistryException(
                    source + " line " + (first + 1) + ": missing column 'dwelling_or_building' (or 'ban_id')");
        }
        List<RegisteredMeter> meters = new ArrayList<>();
        for (int n = first + 1; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            meters.add(row(line.split(",", -1), column, header.length, source + " line " + (n + 1)));
        }
        return meters;
    }

    private static RegisteredMeter row(String[] f, Map<String, Integer> column, int width, String where) {
        if (f.length != width) {
            throw new RegistryException(where + ": " + f.length + " fields, the header has " + width);
        }
        Map<String, String> v = new HashMap<>();
        column.forEach((name, i) -> v.put(name, f[i].strip()));
        for (String required : REQUIRED) {
            if (v.get(required).isEmpty()) {
                throw new RegistryException(where + ": column '" + required + "' is empty");
            }
        }
        String fluid = v.get("fluid").toLowerCase(Locale.ROOT);
        if (!FLUIDS.contains(fluid)) {
            throw new RegistryException(where + ": fluid '" + v.get("fluid") + "' is not one of " + FLUIDS);
        }
        String dwelling = v.getOrDefault("dwelling_or_building", "");
        String banId = v.getOrDefault("ban_id", "").toLowerCase(Locale.ROOT);
        String dwellingKey = v.getOrDefault("dwelling_key", "");
        if (dwelling.isEmpty() && banId.isEmpty()) {
            throw new RegistryException(
                    where + ": neither dwelling_or_building nor ban_id (the dwelling's BAN address)");
        }
        if (!banId.isEmpty() && !banId.matches("[0-9a-z]{5}_[0-9a-z]{4}([0-9a-z]{2})?_[0-9]{5}(_[0-9a-z]+)?")) {
            throw new RegistryException(where + ": ban_id '" + v.get("ban_id")
                    + "' is not a BAN address key ({insee}_{voie}_{number on 5 digits}[_{suffix}])");
        }
        if (!dwellingKey.isEmpty() && !dwellingKey.matches("[0-9a-f]{16}")) {
            throw new RegistryException(
                    where + ": dwelling_key '" + dwellingKey + "' is not a pseudonym (16 hex digits)");
        }
        String building = v.getOrDefault("building", "");
        Duration consent = Duration.ofDays(1);
        if (!v.getOrDefault("consent", "").isEmpty()) {
            try {
                consent = Duration.parse(v.get("consent").replace("P1D", "PT24H"));
            } catch (DateTimeParseException e) {
                throw new RegistryException(where + ": consent '" + v.get("consent")
                        + "' is not an ISO 8601 duration (PT30M for half-hourly, P1D for daily)");
            }
            if (consent.isNegative() || consent.isZero()) {
                throw new RegistryException(where + ": consent '" + v.get("consent") + "' must be a positive duration");
            }
            if (consent.toNanosPart() != 0 || Duration.ofDays(1).toSeconds() % consent.toSeconds() != 0) {
                throw new RegistryException(where + ": consent '" + v.get("consent")
                        + "' is not a step the data can be kept at: P1D, or whole seconds that divide a day"
                        + " (PT1H, PT30M, PT15M…)");
            }
        }
        LocalDate from = date(v.get("active_from"), where, "active_from");
        LocalDate until = date(v.get("active_until"), where, "active_until");
        if (from != null && until != null && !until.isAfter(from)) {
            throw new RegistryException(where + ": active_until " + until + " is not after active_from " + from);
        }
        return new RegisteredMeter(
                v.get("meter_id"),
                v.get("manufacturer"),
                fluid,
                dwelling.isEmpty() ? null : dwelling,
                emptyToNull(v.get("device")),
                emptyToNull(v.get("quantity")),
                emptyToNull(v.get("wire_format")),
                building.isEmpty() ? null : building,
                emptyToNull(v.get("usage_point_id")),
                consent,
                from,
                until,
                gateways(v.getOrDefault("gateways", ""), where),
                emptyToNull(banId),
                emptyToNull(dwellingKey));
    }

    /** The entries of a {@code gateways} cell: gateway ids, {@code group:NAME}, or {@code *} alone. */
    private static List<String> gateways(String value, String where) {
        if (value.isEmpty()) {
            return List.of();
        }
        Set<String> entries = new LinkedHashSet<>();
        for (String part : value.split(GATEWAY_SEPARATOR, -1)) {
            String entry = part.strip();
            if (entry.isEmpty()
                    || entry.equals(RegisteredMeter.GROUP)
                    || entry.chars().anyMatch(Character::isWhitespace)) {
                throw new RegistryException(where + ": gateways '" + value + "': entry '" + entry
                        + "' is not a gateway id, group:NAME or * (entries are separated by '" + GATEWAY_SEPARATOR
                        + "', without spaces)");
            }
            entries.add(entry);
        }
        if (entries.contains(RegisteredMeter.ANY_GATEWAY) && entries.size() > 1) {
            throw new RegistryException(where + ": gateways '" + value + "' lists * (any gateway) with others");
        }
        return List.copyOf(entries);
    }

    private static LocalDate date(String value, String where, String name) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new RegistryException(where + ": " + name + " '" + value + "' is not a date (YYYY-MM-DD)");
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** The registry as CSV, header first. */
    public static String write(List<RegisteredMeter> meters) {
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (RegisteredMeter m : meters) {
            out.append(String.join(
                            ",",
                            m.meterId(),
                            m.manufacturer(),
                            m.fluid(),
                            orEmpty(m.dwellingOrBuilding()),
                            orEmpty(m.device()),
                            orEmpty(m.quantity()),
                            orEmpty(m.wireFormat()),
                            orEmpty(m.building()),
                            orEmpty(m.usagePointId()),
                            m.consent().equals(Duration.ofDays(1))
                                    ? "P1D"
                                    : m.consent().toString(),
                            orEmpty(m.activeFrom()),
                            orEmpty(m.activeUntil()),
                            String.join(GATEWAY_SEPARATOR, m.gateways()),
                            orEmpty(m.banId()),
                            orEmpty(m.dwellingKey())))
                    .append('\n');
        }
        return out.toString();
    }

    private static String orEmpty(Object o) {
        return o == null ? "" : o.toString();
    }
}
