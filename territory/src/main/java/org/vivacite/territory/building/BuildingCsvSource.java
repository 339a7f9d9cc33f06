package org.vivacite.territory.building;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vivacite.territory.TerritoryDraft;
import org.vivacite.territory.TerritorySource;

/**
 * The fallback building CSV, for buildings the RNB export lacks (docs/territory.md): {@code
 * rnb_id}, the address as {@code ban_id} (a BAN key) or as {@code numero}, {@code rep}, {@code
 * nom_voie}, {@code code_insee} (matched with the BAN file, case and accents ignored), and
 * optionally {@code lon}, {@code lat} (WGS 84; else the address point). Placed like an RNB
 * building.
 */
public final class BuildingCsvSource implements TerritorySource {

    @Override
    public String kind() {
        return "buildings (CSV)";
    }

    @Override
    public int stage() {
        return BUILDINGS;
    }

    @Override
    public boolean recognises(String fileName, byte[] head) {
        List<String> header = Table.header(head);
        return header.contains("rnb_id")
                && (header.contains("ban_id") || header.contains("nom_voie"))
                && !header.contains("point")
                && !header.contains("dwelling_id")
                && !header.contains("publish_individually");
    }

    @Override
    public void read(Path file, TerritoryDraft draft) throws IOException {
        BuildingWriter writer = BuildingWriter.of(draft);
        Addresses addresses = Addresses.of(draft);
        Map<String, Long> seen = new HashMap<>();
        Table.read(file, List.of("rnb_id"), row -> {
            String rnb = BuildingWriter.rnb(row, "rnb_id");
            Long first = seen.putIfAbsent(rnb, row.line());
            if (first != null) {
                throw BuildingWriter.twice(row, rnb, first);
            }
            String key = row.get("ban_id").toLowerCase(Locale.ROOT);
            if (key.isEmpty()) {
                String insee = row.get("code_insee");
                String street = row.get("nom_voie");
                if (insee.isEmpty() || street.isEmpty()) {
                    throw row.error("neither ban_id nor an address (numero, rep, nom_voie, code_insee)");
                }
                Addresses.Address a = addresses.find(insee, street, row.get("numero"), row.get("rep"));
                if (a == null) {
                    draft.unplaced(
                            file.getFileName().toString(),
                            rnb,
                            "address '"
                                    + (row.get("numero") + " " + row.get("rep") + " " + street).replaceAll("\\s+", " ")
                                    + "' of commune " + insee + " not in the BAN file");
                    return;
                }
                key = a.key();
            } else if (Addresses.street(key) == null) {
                throw row.error("ban_id '" + row.get("ban_id") + "' is not a BAN address key");
            }
            boolean located = !row.get("lon").isEmpty() || !row.get("lat").isEmpty();
            writer.place(
                    row,
                    new BuildingWriter.Candidate(
                            rnb,
                            null,
                            located ? Places.point(Coordinates.lon(row, "lon"), Coordinates.lat(row, "lat")) : null,
                            List.of(key)));
        });
    }
}
